/** The panel never shows a bare "Ready" when the credentials were not tested, and says what was. */
import { chooseProjects, chooseUser, fillToken, openPanel, runCheck, useHarness } from './support';
import { HEALTHY } from './demo-world';

describe('coverage in the panel', () => {
  const harness = useHarness();

  test('admin view only: "Permissions ready — credentials not tested", and how to test them', async () => {
    const { page, panel } = await openPanel(harness());
    await chooseUser(panel, HEALTHY.query, HEALTHY.name);
    await chooseProjects(panel, ['SYNC']);
    const { verdict } = await runCheck(panel, 'coverage, admin only');
    expect(verdict).toBe('ready');
    const banner = (await panel.getByTestId('verdict').textContent()) ?? '';
    expect(banner).toContain('Permissions ready — credentials not tested');
    const coverage = panel.getByTestId('coverage');
    await expect(
      coverage.getByTestId('coverage-credentials').getAttribute('data-state'),
    ).resolves.toBe('not-tested');
    await expect(
      coverage.getByTestId('coverage-permissions').getAttribute('data-state'),
    ).resolves.toBe('tested');
    await expect(coverage.textContent()).resolves.toContain("add the sync user's API token");
    await page.close();
  });

  test('with the token: a bare Ready, credentials tested, a classic token has no scopes', async () => {
    const { page, panel } = await openPanel(harness());
    await chooseUser(panel, HEALTHY.query, HEALTHY.name);
    await chooseProjects(panel, ['SYNC']);
    await fillToken(panel, HEALTHY.email, HEALTHY.secret);
    const { verdict } = await runCheck(panel, 'coverage, token + admin');
    expect(verdict).toBe('ready');
    const title = await panel
      .getByTestId('verdict')
      .locator('h2, h1, h3, [role="heading"]')
      .first()
      .textContent();
    expect(title?.trim()).toBe('Ready');
    const coverage = panel.getByTestId('coverage');
    await expect(
      coverage.getByTestId('coverage-credentials').getAttribute('data-state'),
    ).resolves.toBe('tested');
    await expect(coverage.getByTestId('coverage-scopes').getAttribute('data-state')).resolves.toBe(
      'not-applicable',
    );
    await page.close();
  });
});
