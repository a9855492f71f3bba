/**
 * Fields on screens and issue security (#12) in the report view: the demo world's MOBILE project
 * has a Bug create screen without Description and one issue at a security level the sync user
 * is not in.
 */
import {
  axeViolations,
  chooseProjects,
  chooseUser,
  fillToken,
  openPanel,
  runCheck,
  screenshot,
  uncaughtErrors,
  useHarness,
} from './support';
import { HEALTHY, NO_CREATE } from './demo-world';

describe('fields on screens (report view)', () => {
  const harness = useHarness();

  test('a field missing from a screen is shown per project, issue type and screen, with issue security', async () => {
    const { page, panel } = await openPanel(harness());
    await chooseUser(panel, HEALTHY.query, HEALTHY.name);
    await chooseProjects(panel, ['MOBILE', 'SYNC']);
    const { verdict } = await runCheck(panel, 'MOBILE fields, admin view');
    expect(verdict).toBe('fix-configuration');

    const card = panel.getByTestId('field-screens');
    await expect(card.getByRole('heading', { name: 'Fields on screens' }).count()).resolves.toBe(1);
    await expect(card.textContent()).resolves.toContain(
      'The synchronizer sets Summary, Description.',
    );
    const bugCreate = card.getByTestId('screen-MOBILE-create-Bug');
    await expect(bugCreate.textContent()).resolves.toContain('Not on the screen: Description');
    await expect(bugCreate.getAttribute('data-missing')).resolves.toBe('1');
    await expect(card.getByTestId('screen-MOBILE-create-Task').textContent()).resolves.toContain(
      'All on the screen',
    );
    await expect(
      card.getByTestId('screen-SYNC-create-Bug').getAttribute('data-missing'),
    ).resolves.toBe('0');
    await expect(card.getByTestId('issue-security-MOBILE').textContent()).resolves.toBe(
      'Issue security in MOBILE: 1 of 1 sampled secured issues are hidden from the sync user (Staff only).',
    );
    // The findings name the screen to fix.
    await expect(
      panel.locator('[data-testid="finding-FIELD_NOT_ON_SCREEN"]').count(),
    ).resolves.toBeGreaterThan(0);
    await expect(
      panel.locator('[data-testid="finding-ISSUES_HIDDEN_BY_SECURITY"]').count(),
    ).resolves.toBe(1);
    await screenshot(page, 'field-screens');
    expect(await axeViolations(page)).toEqual([]);
    expect(uncaughtErrors(page)).toEqual([]);
    await page.close();
  });

  test('Nora on SYNC + WEB + MOBILE (#24): MOBILE’s missing Description is found although Nora cannot see MOBILE yet, and nothing unread is called tested', async () => {
    const { page, panel } = await openPanel(harness());
    await chooseUser(panel, NO_CREATE.query, NO_CREATE.name);
    await chooseProjects(panel, ['SYNC', 'WEB', 'MOBILE']);
    await fillToken(panel, NO_CREATE.email, NO_CREATE.secret);
    const { verdict } = await runCheck(panel, 'Nora on SYNC, WEB, MOBILE');
    // The permissions come first (no Create in WEB, MOBILE hidden); the screen is the next step.
    expect(verdict).toBe('fix-permissions');
    const card = panel.getByTestId('field-screens');
    const bugCreate = card.getByTestId('screen-MOBILE-create-Bug');
    await expect(bugCreate.textContent()).resolves.toContain('Not on the screen: Description');
    // WEB uses SYNC's schemes: its screens are SYNC's, and the card says so.
    await expect(card.getByTestId('screens-shared-SYNC').textContent()).resolves.toBe(
      'WEB uses the same schemes as SYNC, so its screens are the ones read in SYNC.',
    );
    const finding = panel.locator('[data-testid="finding-FIELD_NOT_ON_SCREEN"]').filter({
      hasText: 'Description (description) is not on the create screen of Bug issues in MOBILE',
    });
    await expect(finding.count()).resolves.toBe(1);
    await expect(finding.textContent()).resolves.toContain('may not create issues there yet');
    // Every area shown as tested was read in this run, in every project it names.
    for (const area of ['createFields', 'editFields']) {
      const lozenge = panel.getByTestId(`coverage-${area}`);
      await expect(lozenge.getAttribute('data-state')).resolves.toBe('tested');
      await expect(lozenge.textContent()).resolves.toContain('(3 of 3 projects)');
    }
    // Nora cannot browse MOBILE: its issue security was not tested, and the page says so.
    await expect(
      panel.getByTestId('coverage-issueSecurity').getAttribute('data-state'),
    ).resolves.toBe('partial');
    await expect(panel.getByTestId('coverage').textContent()).resolves.toContain(
      'Issue security partly tested: tested in 2 of 3 projects (SYNC, WEB). Not tested — the sync user may not work there yet: MOBILE.',
    );
    await screenshot(page, 'nora-sync-web-mobile');
    expect(await axeViolations(page)).toEqual([]);
    expect(uncaughtErrors(page)).toEqual([]);
    await page.close();
  });
});
