/** History says who ran each check, how the credentials were checked and the preset; it filters. */
import { PRESETS } from '../../src/engine/knowledge/presets';
import {
  axeViolations,
  chooseProjects,
  chooseUser,
  fillToken,
  openPanel,
  runCheck,
  useHarness,
} from './support';
import { HEALTHY, NO_CREATE } from './demo-world';

describe('history display', () => {
  const harness = useHarness();

  test('rows show runner, credentials and preset; filters by sync user and by verdict', async () => {
    const { page, panel } = await openPanel(harness());
    await chooseUser(panel, HEALTHY.query, HEALTHY.name);
    await chooseProjects(panel, ['WEB']);
    const first = await runCheck(panel, 'history: healthy');
    await chooseUser(panel, NO_CREATE.query, NO_CREATE.name);
    await fillToken(panel, NO_CREATE.email, NO_CREATE.secret);
    const second = await runCheck(panel, 'history: no create');
    expect(second.verdict).not.toBe(first.verdict);

    await panel.getByTestId('tab-history').click();
    await panel.getByTestId('history').waitFor();
    const rows = panel.locator('[data-testid^="history-row-"]');
    await expect(rows.count()).resolves.toBe(2);
    const nora = rows.filter({ hasText: NO_CREATE.name });
    const noraText = (await nora.textContent()) ?? '';
    expect(noraText).toContain('Token checked');
    expect(noraText).toContain(PRESETS['sync-basic'].title);
    expect(noraText).toContain('You');
    const sync = (await rows.filter({ hasText: HEALTHY.name }).textContent()) ?? '';
    expect(sync).toContain('Not checked');
    expect(await axeViolations(page)).toEqual([]);

    await panel.locator('#cd-history-user').click();
    await panel.getByRole('option', { name: new RegExp(NO_CREATE.name) }).click();
    await expect(rows.count()).resolves.toBe(1);
    await expect(rows.first().textContent()).resolves.toContain(NO_CREATE.name);
    await expect(panel.getByTestId('history-filtered').textContent()).resolves.toBe(
      'Showing 1 of 2 runs.',
    );

    await panel.locator('#cd-history-user').click();
    await panel.getByRole('option', { name: 'All' }).click();
    await expect(rows.count()).resolves.toBe(2);
    await panel.locator('#cd-history-verdict').click();
    await panel.getByRole('option').filter({ hasNotText: 'All' }).first().click();
    await expect(rows.count()).resolves.toBe(1);
  });
});
