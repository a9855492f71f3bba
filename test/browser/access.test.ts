/**
 * Who may use which page: the project settings page is locked to its project; people without
 * the right admin role get a clear refusal, whether the panel or the resolver says no.
 */
import {
  axeViolations,
  chooseProjects,
  chooseUser,
  useHarness,
  openPanel,
  runCheck,
  screenshot,
  uncaughtErrors,
} from './support';
import { NO_CREATE } from './demo-world';

describe('access and the project settings page', () => {
  const harness = useHarness();

  test('the project settings page is locked to its project and checks only it', async () => {
    const { page, panel } = await openPanel(harness(), {
      page: 'project:OPS',
      as: 'project-admin',
    });
    const locked = panel.locator('#cd-projects');
    await expect(locked.isDisabled()).resolves.toBe(true);
    await panel.getByText('Operations (OPS)').waitFor();
    await expect(panel.getByTestId('project-select').count()).resolves.toBe(0);

    await chooseUser(panel, NO_CREATE.query, NO_CREATE.name);
    const { verdict } = await runCheck(panel, 'project page, project admin');
    expect(['ready', 'fix-permissions']).toContain(verdict);
    const rows = panel.getByTestId('permission-matrix').locator('tbody tr');
    await expect(rows.count()).resolves.toBe(1);
    await expect(rows.first().locator('th').textContent()).resolves.toContain('OPS');
    await screenshot(page, 'project-page-locked');
    expect(await axeViolations(page)).toEqual([]);

    await panel.getByTestId('tab-history').click();
    await panel.getByTestId('history').waitFor();
    const projects = await panel
      .locator('[data-testid^="history-row-"] td:nth-child(4)')
      .allTextContents();
    expect(projects.length).toBeGreaterThan(0);
    for (const p of projects) expect(p).toBe('OPS');
    expect(uncaughtErrors(page)).toEqual([]);
    await page.close();
  });

  test('a user without admin rights is refused on the admin page, clearly', async () => {
    const { page, panel } = await openPanel(harness(), { as: 'non-admin' });
    const notice = panel.getByTestId('access-denied');
    await notice.waitFor();
    await expect(notice.textContent()).resolves.toContain('Only Jira administrators');
    await expect(panel.getByTestId('check-form').count()).resolves.toBe(0);
    // Explaining a pasted error reads nothing from Jira: open to everyone who can open the app (#24).
    const triage = panel.getByTestId('triage-open-to-all');
    await triage
      .getByTestId('triage-input')
      .fill('2026-05-02T10:11:12Z ERROR 404 Not Found: The app is not installed on this instance.');
    await triage.getByTestId('triage-explain').click();
    await expect(triage.getByTestId('triage-message').textContent()).resolves.toContain(
      'App platform',
    );
    await screenshot(page, 'non-admin-refused');
    expect(await axeViolations(page)).toEqual([]);
    expect(uncaughtErrors(page)).toEqual([]);
    await page.close();
  });

  test("a project admin is refused on another project's settings page", async () => {
    const { page, panel } = await openPanel(harness(), {
      page: 'project:WEB',
      as: 'project-admin',
    });
    await panel.getByTestId('access-denied').waitFor();
    await expect(panel.getByTestId('access-denied').textContent()).resolves.toContain('WEB');
    await expect(
      panel.getByTestId('triage-open-to-all').getByTestId('triage-input').count(),
    ).resolves.toBe(1);
    await page.close();
  });

  test("the resolver's FORBIDDEN is shown as a refusal, not a crash", async () => {
    const page = await harness().context.newPage();
    // Hide the panel's own up-front check so the resolver is the one that says no.
    await page.route('**/demo/api/product', async (route) => {
      const body = route.request().postData() ?? '';
      if (body.includes('mypermissions')) {
        await route.fulfill({
          status: 502,
          contentType: 'application/json',
          body: '{"error":"down"}',
        });
      } else {
        await route.continue();
      }
    });
    await page.goto(`${harness().demo.url}?page=admin&as=non-admin`);
    const panel = page.frameLocator('#app');
    await panel.getByTestId('check-form').waitFor();
    await chooseUser(panel, NO_CREATE.query, NO_CREATE.name);
    await chooseProjects(panel, ['SYNC']);
    // The installation's capabilities are refused up front, before any check is tried.
    await panel.getByTestId('error-forbidden').waitFor();
    await panel.getByTestId('run-check').click();
    const refusal = panel.getByTestId('result').getByTestId('error-forbidden');
    await refusal.waitFor();
    // Said once, next to the action: the up-front notice gives way to the run's refusal.
    await expect(panel.getByTestId('error-forbidden').count()).resolves.toBe(1);
    await expect(refusal.textContent()).resolves.toContain("You don't have permission");
    await expect(refusal.textContent()).resolves.toContain('Only Jira administrators');
    await expect(panel.getByTestId('verdict').count()).resolves.toBe(0);
    await screenshot(page, 'resolver-forbidden');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
