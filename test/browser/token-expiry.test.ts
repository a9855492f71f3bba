/**
 * Issue 22, part 4: a host report made with `--org-id` (the real CLI against the demo world's
 * organisation admin API), imported in the panel: the decision counts the expiring token, the
 * panel shows the sync user's tokens with how urgent each is, and expiry is not counted as tested
 * by the app.
 */
import { parseReport, requireBuiltCli, runCliProcess } from '../support/cli-process';
import { ORG } from '../../simulator/worlds/organisation';
import { NO_CREATE } from './demo-world';
import {
  axeViolations,
  chooseProjects,
  chooseUser,
  openPanel,
  uncaughtErrors,
  useHarness,
  waitForVerdict,
} from './support';

beforeAll(requireBuiltCli);

const DAY_MS = 86_400_000;

describe('an imported host report with the sync user’s token expiry', () => {
  const harness = useHarness();

  test('shows the tokens, replace-now first; the decision is fix credentials', async () => {
    const h = harness();
    const sim = h.demo.simulator;
    sim.world.org = { id: ORG.id, apiKeys: [{ value: ORG.key, scopes: ['read:tokens:admin'] }] };
    const nora = sim.world.users.find((u) => u.email === NO_CREATE.email);
    const token = nora?.tokens[0];
    if (!token) throw new Error('Nora has no token in the demo world');
    token.label = 'nora-sync';
    token.expiresAt = new Date(Date.now() + 5 * DAY_MS + DAY_MS / 2).toISOString();

    const { page, panel } = await openPanel(h);
    await chooseUser(panel, NO_CREATE.query, NO_CREATE.name);
    await chooseProjects(panel, ['WEB']);
    await panel.getByTestId('host-email').fill(NO_CREATE.email);
    const command = (await panel.getByTestId('host-command').textContent()) ?? '';
    const [program, ...args] = (command.split(' > ')[0] ?? '').split(' ');
    expect(program).toBe('credential-doctor');
    const run = await runCliProcess(
      [...args, '--gateway', sim.gatewayUrl, '--org-id', ORG.id, '--admin-api', sim.adminApiUrl],
      { JIRA_API_TOKEN: NO_CREATE.secret, ATLASSIAN_ORG_API_KEY: ORG.key },
    );
    expect(run.stdout).not.toContain(ORG.key);
    const host = parseReport(run);
    expect(host.tokenExpiry?.tokens[0]).toMatchObject({ label: 'nora-sync', daysLeft: 5 });

    const started = Date.now();
    await panel.getByTestId('host-report-text').fill(JSON.stringify(host));
    await panel.getByTestId('import-host-report').click();
    const { verdict } = await waitForVerdict(panel, started, 'host report with token expiry');
    expect(verdict).toBe('fix-credentials');
    const card = panel.getByTestId('token-expiry');
    await expect(card.textContent()).resolves.toMatch(/"nora-sync": expires .* \(in 5 days\)/);
    await expect(card.textContent()).resolves.toContain('Replace now');
    await expect(
      panel.getByTestId('coverage-tokenExpiry').getAttribute('data-state'),
    ).resolves.toBe('not-tested');
    await expect(
      panel.locator('[data-testid="finding-TOKEN_EXPIRES_SOON"]').count(),
    ).resolves.toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    expect(uncaughtErrors(page)).toEqual([]);
    await page.close();
  });
});
