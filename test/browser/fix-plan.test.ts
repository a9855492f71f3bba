/** One fix plan above the evidence, in the words Jira uses; codes only in technical details. */
import {
  axeViolations,
  chooseProjects,
  chooseUser,
  openPanel,
  runCheck,
  useHarness,
} from './support';
import { NO_CREATE } from './demo-world';

describe('fix plan in the panel', () => {
  const harness = useHarness();

  test('one action per fix across projects, before the findings, in plain language', async () => {
    const { page, panel } = await openPanel(harness());
    await chooseUser(panel, NO_CREATE.query, NO_CREATE.name);
    await chooseProjects(panel, ['WEB', 'MOBILE', 'LEGAL', 'MKT', 'SYNC']);
    const { verdict } = await runCheck(panel, 'plan across projects');
    expect(verdict).toBe('fix-permissions');

    const plan = panel.getByTestId('fix-plan');
    const actions = plan.getByTestId('plan-action');
    const titles = await actions.allInnerTexts();
    expect(titles.filter((t) => t.includes('to project role Developers'))).toHaveLength(1);
    expect(titles[0]).toContain(
      'Add Nora Partner to project role Developers in WEB, MOBILE, LEGAL and MKT.',
    );
    // The same fix is said once, however many findings it answers.
    const findingCount = await panel.locator('[data-testid^="finding-"]').count();
    expect(findingCount).toBeGreaterThan(titles.length);
    const body = await panel.locator('body').innerText();
    expect(body.match(/Re-run this check\./g)).toHaveLength(1);
    // Plan first, evidence below.
    const order = await panel
      .locator('[data-testid="fix-plan"], [data-testid="findings"]')
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-testid')));
    expect(order).toEqual(['fix-plan', 'findings']);
    // Jira's words on screen; codes and keys stay in the closed technical details.
    expect(body).toContain('Create Issues');
    expect(body).not.toMatch(/MISSING_PERMISSION|CREATE_ISSUES|BROWSE_PROJECTS|\/rest\/api/);
    const details = panel.getByTestId('technical-details').first();
    await details.locator('summary').click();
    await expect(details.innerText()).resolves.toMatch(/MISSING_PERMISSION|PROJECT_NOT_VISIBLE/);
    // A finding leads to its step of the plan.
    await panel
      .getByRole('link', { name: /^Fix: step 1 of the plan$/ })
      .first()
      .click();
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
