/**
 * Fields on screens and issue security (#12) in the report view: the demo world's MOBILE project
 * has a Bug create screen without Description and one issue at a security level the sync user
 * is not in.
 */
import {
  axeViolations,
  chooseProjects,
  chooseUser,
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

  test('no screen read because the user cannot create or edit anywhere: says so, not a failed read', async () => {
    const { page, panel } = await openPanel(harness());
    await chooseUser(panel, NO_CREATE.query, NO_CREATE.name);
    // Nora cannot see MOBILE or LEGAL: coverage counts their screens as settled by permissions.
    await chooseProjects(panel, ['MOBILE', 'LEGAL']);
    const { verdict } = await runCheck(panel, 'no screens, hidden projects');
    expect(verdict).toBe('fix-permissions');
    const none = panel.getByTestId('field-screens-none');
    await expect(none.textContent()).resolves.toContain(
      'the sync user cannot create or edit issues in these projects yet',
    );
    await expect(none.textContent()).resolves.not.toContain('could be read');
    await page.close();
  });
});
