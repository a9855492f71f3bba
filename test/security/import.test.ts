/**
 * Issue 25, items 1–3: an imported report carries facts, not text; imports are bounded; no email
 * is kept from an import.
 *  - A project administrator edits a CLI report (a revoked token's) so that its finding says
 *    "sign in with your Jira administrator account at the link below" and links to any host: the
 *    app rebuilds every message, step and link from its own catalogue.
 *  - A forged "Ready, token checked on the host" counts as supplied by the importer, not tested.
 *  - Every email-shaped string is gone before anything is stored: another case, a plus-address,
 *    a hidden email.
 *  - At most 10 imports per person an hour; at most 2.5 MB; the schema bounds every string.
 */
// local-forge (through the harness) must load before anything else pulls in @forge/api.
import {
  ACCOUNT,
  call,
  makeProjectAdmin,
  startHarness,
  type Envelope,
  type Harness,
} from '../forge/harness';
import type { World } from '../../simulator';
import { CREDENTIALS, emailHidden, healthy, revokedToken } from '../../simulator/worlds/scenarios';
import { main } from '../../src/cli/main';
import { verdictHeadline } from '../../src/engine/presentation/headline';
import type { Finding, Report } from '../../src/engine/model/report';

const PERMISSIONS = ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES'];
const EMAIL_SHAPED = /[a-z0-9.+_-]+(@|%40)[a-z0-9-]+(\.[a-z0-9-]+)+/i;
/** resolvers/quota.ts IMPORT_QUOTA and resolvers/host-report-limits.ts MAX_HOST_REPORT_CHARS. */
const IMPORTS_PER_HOUR = 10;
const MAX_HOST_REPORT_CHARS = 2_500_000;
const PHISH = 'https://jira-login.evil.example/sso';

/** The host command, run in-process against the simulator (what the host's owner runs). */
async function hostReport(h: Harness, email: string, token: string): Promise<Report> {
  let stdout = '';
  await main(
    [
      'check',
      ...['--site', h.sim.siteUrl, '--gateway', h.sim.gatewayUrl],
      ...['--email', email, '--expect-account', ACCOUNT.sync],
      ...['--project', 'SYNC', '--permissions', PERMISSIONS.join(','), '--format', 'json'],
    ],
    { JIRA_API_TOKEN: token },
    {
      stdout: { write: (t: string) => void (stdout += t), isTTY: false },
      stderr: { write: () => undefined, isTTY: false },
      readStdin: () => Promise.reject(new Error('no stdin')),
    },
  );
  return JSON.parse(stdout) as Report;
}

/** Imports as alice, an administrator of project SYNC only, from SYNC's settings page. */
const importAsProjectAdmin = (h: Harness, report: unknown, accountId: string = ACCOUNT.alice) =>
  call(h.runtime, {
    functionKey: 'importReport',
    accountId,
    projectKey: 'SYNC',
    payload: {
      user: { accountId: ACCOUNT.sync },
      projects: ['SYNC'],
      permissions: PERMISSIONS,
      report,
    },
  });

async function harness(world: World): Promise<Harness> {
  makeProjectAdmin(world, 'SYNC');
  return startHarness(world);
}

/** Every link of a report goes to the site itself or to Atlassian. */
function foreignLinks(report: Report, site: string): string[] {
  return report.findings
    .flatMap((f) => f.links)
    .map((l) => l.url)
    .filter(
      (url) =>
        !url.startsWith(`${site}/`) &&
        !/^https:\/\/([a-z0-9-]+\.)*atlassian\.(com|net)(\/|$)/.test(url),
    );
}

describe('an edited host report cannot phish: facts are kept, texts are the app’s own', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness(revokedToken().world);
  });
  afterAll(() => h.close());

  test('a finding edited to send the admin to another host is rebuilt from the catalogue', async () => {
    const host = await hostReport(h, CREDENTIALS.sync.email, CREDENTIALS.sync.token);
    expect(host.findings.map((f) => f.code)).toContain('CREDENTIALS_REJECTED');
    const edited: Report = {
      ...host,
      findings: host.findings.map((f): Finding => ({
        ...f,
        message: 'Sign in with your Jira administrator account at the link below to fix the token.',
        steps: [`Open ${PHISH} and sign in as a Jira administrator.`],
        remedy: `Open ${PHISH} and sign in as a Jira administrator.`,
        links: [{ label: 'Atlassian sign-in', url: PHISH }],
      })),
      checks: host.checks.map((c) => ({ ...c, title: `Sign in at ${PHISH}`, detail: PHISH })),
    };
    const res = await importAsProjectAdmin(h, edited);
    expect(res.error).toBeUndefined();
    const report = res.report as Report;
    expect(report.findings.map((f) => f.code)).toContain('CREDENTIALS_REJECTED');
    const text = JSON.stringify(report);
    expect(text).not.toContain('evil.example');
    expect(text).not.toMatch(/administrator account at the link/);
    expect(foreignLinks(report, h.sim.siteUrl)).toEqual([]);
    const stored = JSON.stringify(h.runtime.kvsSnapshot());
    expect(stored).not.toContain('evil.example');
  });
});

describe('who imported it is named; the credential half is never counted as tested', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness(healthy().world);
  });
  afterAll(() => h.close());

  test('a project administrator’s "token checked on the host" is supplied by them, not tested', async () => {
    const host = await hostReport(h, CREDENTIALS.sync.email, CREDENTIALS.sync.token);
    expect(host.verdict).toBe('ready');
    const res = await importAsProjectAdmin(h, host);
    const report = res.report as Report;
    expect(report.coverage.credentials).not.toBe('tested');
    expect(report.hostReport).toMatchObject({ suppliedBy: ACCOUNT.alice, verified: false });
    expect(verdictHeadline(report)).not.toBe('Ready');
    expect(verdictHeadline(report)).toMatch(/not verified/);
  });

  test(`at most ${IMPORTS_PER_HOUR} imports per person an hour`, async () => {
    const host = await hostReport(h, CREDENTIALS.sync.email, CREDENTIALS.sync.token);
    const answers: Envelope[] = [];
    for (let i = 0; i < IMPORTS_PER_HOUR + 1; i++)
      answers.push(await importAsProjectAdmin(h, host));
    // The first test imported once already.
    const refused = answers.filter((a) => !a.ok);
    expect(refused.length).toBeGreaterThanOrEqual(2);
    expect(refused[0]?.error?.message).toMatch(/try again after \d\d:\d\d UTC/);
    // Someone else's quota is their own.
    const admin = await call(h.runtime, {
      functionKey: 'importReport',
      accountId: ACCOUNT.admin,
      payload: {
        user: { accountId: ACCOUNT.sync },
        projects: ['SYNC'],
        permissions: PERMISSIONS,
        report: host,
      },
    });
    expect(admin.ok).toBe(true);
  });

  test('a report over 2.5 MB is refused before it is parsed further', async () => {
    const host = await hostReport(h, CREDENTIALS.sync.email, CREDENTIALS.sync.token);
    const padded = {
      ...host,
      checks: host.checks.map((c, i) =>
        i === 0 ? { ...c, detail: 'x'.repeat(MAX_HOST_REPORT_CHARS) } : c,
      ),
    };
    const res = await importAsProjectAdmin(h, padded, ACCOUNT.admin);
    expect(res.ok).toBe(false);
    expect(res.error?.message).toMatch(/larger than 2\.5 MB/);
  });

  test('a single string longer than the schema allows is refused', async () => {
    const host = await hostReport(h, CREDENTIALS.sync.email, CREDENTIALS.sync.token);
    const long = { ...host, summary: 'y'.repeat(400_000) };
    const res = await importAsProjectAdmin(h, long, ACCOUNT.admin);
    expect(res.ok).toBe(false);
    expect(res.error?.message).toMatch(
      /not a Credential Doctor report .*summary must NOT have more than/,
    );
  });
});

describe('no email is kept from an import', () => {
  const cases: Array<[string, () => World, string]> = [
    ['the email in another case', () => revokedToken().world, 'SYNC@Acme.EXAMPLE'],
    ['a plus-address', () => revokedToken().world, 'sync+jira-bot@acme.example'],
    ['a hidden email', () => emailHidden().world, CREDENTIALS.sync.email],
  ];
  test.each(cases)('%s', async (_name, world, email) => {
    const h = await harness(world());
    try {
      // A wrong token: Jira refuses it, so no account (and no stored email) can stand in for it.
      const host = await hostReport(h, email, 'ATATT3xWRONG0token0for0the0import0test00');
      expect(JSON.stringify(host).toLowerCase()).toContain(email.toLowerCase());
      // The host also wrote the address into a check's evidence path.
      const withPath: Report = {
        ...host,
        checks: host.checks.map((c, i) =>
          i === 0
            ? {
                ...c,
                requests: [
                  ...c.requests,
                  {
                    ...(c.requests[0] ?? {
                      method: 'GET',
                      target: 'site',
                      auth: 'none',
                      status: 200,
                      attempt: 1,
                      startedAtMs: 0,
                      durationMs: 1,
                    }),
                    path: `/rest/api/3/user/search?query=${encodeURIComponent(email)}`,
                  },
                ],
              }
            : c,
        ),
      };
      const res = await importAsProjectAdmin(h, withPath, ACCOUNT.admin);
      expect(res.error).toBeUndefined();
      // The answer names nothing the host typed (the admin view's own subject is the reader's).
      const { subject: _adminView, ...answer } = res.report as Report;
      expect(JSON.stringify(answer)).not.toMatch(EMAIL_SHAPED);
      const history = await call(h.runtime, {
        functionKey: 'getHistory',
        accountId: ACCOUNT.alice,
        projectKey: 'SYNC',
        payload: {},
      });
      expect(history.ok).toBe(true);
      expect(JSON.stringify(history.runs)).not.toMatch(EMAIL_SHAPED);
      expect(JSON.stringify(h.runtime.kvsSnapshot())).not.toMatch(EMAIL_SHAPED);
    } finally {
      await h.close();
    }
  });
});
