/** Running state, Cancel, and a slow stale answer that must not replace a newer run. */
import {
  chooseProjects,
  chooseUser,
  useHarness,
  openPanel,
  screenshot,
  waitForVerdict,
} from './support';
import { HEALTHY, NO_CREATE } from './demo-world';

describe('run lifecycle', () => {
  const harness = useHarness();

  test('a cancelled slow run never overwrites the newer result', async () => {
    const { page, panel } = await openPanel(harness());
    let delayed = 0;
    // The first runCheck answers late (as a slow Jira would).
    await page.route('**/demo/api/invoke', async (route) => {
      const body = route.request().postData() ?? '';
      if (body.includes('"runCheck"') && delayed === 0) {
        delayed += 1;
        const response = await route.fetch();
        await new Promise((r) => setTimeout(r, 2500));
        await route.fulfill({ response }).catch(() => undefined);
      } else {
        await route.continue();
      }
    });

    await chooseUser(panel, NO_CREATE.query, NO_CREATE.name);
    await chooseProjects(panel, ['WEB']);
    await panel.getByTestId('run-check').click();
    await panel.getByTestId('run-progress').waitFor();
    await expect(panel.getByTestId('run-check').isDisabled()).resolves.toBe(true);
    await screenshot(page, 'running');
    await panel.getByTestId('cancel-check').click();
    await panel.getByTestId('empty-result').waitFor();
    await expect(panel.getByTestId('empty-result').textContent()).resolves.toContain('cancelled');

    // A newer run for another user.
    await panel.locator('#cd-user').click();
    await chooseUser(panel, HEALTHY.query, HEALTHY.name);
    const started = Date.now();
    await panel.getByTestId('run-check').click();
    const { verdict } = await waitForVerdict(panel, started, 'after a cancelled run');
    expect(verdict).toBe('ready');

    // The slow answer for the cancelled run arrives now, and is dropped.
    await page.waitForTimeout(3000);
    expect(delayed).toBe(1);
    await expect(panel.getByTestId('verdict').getAttribute('data-verdict')).resolves.toBe('ready');
    await expect(panel.getByTestId('verdict').count()).resolves.toBe(1);
    await page.close();
  });

  test('the form says what is missing and focuses it', async () => {
    const { page, panel } = await openPanel(harness());
    await panel.getByTestId('run-check').click();
    await panel.locator('#cd-user-error').waitFor();
    const focusedId = await page
      .frames()
      .find((f) => f.url().includes('/panel/'))
      ?.evaluate(() => document.activeElement?.id);
    expect(focusedId).toBe('cd-user');
    await expect(panel.locator('#cd-projects-error').count()).resolves.toBe(1);
    await page.close();
  });
});
