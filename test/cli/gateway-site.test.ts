import { parseCommand, type CheckArgs } from '../../src/cli/args';
import { CLOUD_ID, CREDENTIALS, healthy } from '../../simulator/worlds/scenarios';
import { parseReport, requireBuiltCli, runCliProcess } from '../support/cli-process';
import { withScenario } from '../support/scenario';

function check(argv: string[]): CheckArgs {
  const command = parseCommand(argv);
  if (command.kind !== 'check') throw new Error('not a check');
  return command.args;
}

const TAIL = ['--project', 'SYNC', '--email', 'sync@acme.example'];

describe('--site: the API gateway address', () => {
  it('accepts https://api.atlassian.com/ex/jira/<cloudId>, and the same path on loopback', () => {
    expect(
      check(['check', '--site', `https://api.atlassian.com/ex/jira/${CLOUD_ID}/`, ...TAIL]).site,
    ).toBe(`https://api.atlassian.com/ex/jira/${CLOUD_ID}`);
    expect(
      check(['check', '--site', `http://127.0.0.1:8080/ex/jira/${CLOUD_ID}`, ...TAIL]).site,
    ).toBe(`http://127.0.0.1:8080/ex/jira/${CLOUD_ID}`);
    expect(check(['check', '--site', 'https://acme.atlassian.net', ...TAIL]).site).toBe(
      'https://acme.atlassian.net',
    );
  });

  it('refuses the gateway path on another host, and any other path', () => {
    expect(() =>
      check(['check', '--site', `https://acme.atlassian.net/ex/jira/${CLOUD_ID}`, ...TAIL]),
    ).toThrow(/must be on the API gateway/);
    expect(() => check(['check', '--site', 'https://api.atlassian.com/ex/jira/', ...TAIL])).toThrow(
      /without a path/,
    );
    expect(() =>
      check(['check', '--site', `https://api.atlassian.com/ex/jira/${CLOUD_ID}/rest`, ...TAIL]),
    ).toThrow(/without a path/);
  });

  it('runs token mode at the gateway end to end (subprocess): ready, links to the site', async () => {
    requireBuiltCli();
    const s = healthy();
    await withScenario(s, async (sim) => {
      const run = await runCliProcess(
        [
          'check',
          '--site',
          `${sim.gatewayUrl}/ex/jira/${CLOUD_ID}`,
          '--project',
          'SYNC',
          '--email',
          CREDENTIALS.sync.email,
          '--preset',
          'two-way-sync',
          '--format',
          'json',
        ],
        { JIRA_API_TOKEN: CREDENTIALS.sync.token },
      );
      const report = parseReport(run);
      expect(run.code).toBe(0);
      expect(report.site).toBe(sim.siteUrl);
      expect(report.operations).toEqual([
        'search',
        'read',
        'list-transitions',
        'list-fields',
        'read-project',
        'list-projects',
        'read-comments',
        'read-attachments',
        'create',
        'edit',
        'comment',
        'transition',
        'attach',
        'link',
        'assign',
      ]);
      expect(report.tokenIdentity?.acceptedAt).toBe('gateway');
      expect(sim.log.every((e) => e.target === 'gateway')).toBe(true);
    });
  });
});
