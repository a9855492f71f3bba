import { ACCOUNT, call, startHarness, type Harness } from '../forge/harness';
import { CREDENTIALS, missingCreateInOneProject } from '../../simulator/worlds/scenarios';
import type { Report, Verdict } from '../../src/engine/model/report';
import { expectValidReport } from '../support/report-schema';

/**
 * 50 concurrent runCheck invocations through the real resolver, with 5 % of Jira's answers
 * replaced by 429 (Retry-After: 0): every invocation completes with the right verdict for its
 * own inputs, and no answer carries another invocation's data.
 */
interface Case {
  projects: string[];
  user: string;
  token?: { email: string; token: string };
  verdict: Verdict;
}

const CASES: Case[] = [
  { projects: ['SYNC'], user: ACCOUNT.sync, verdict: 'ready' },
  { projects: ['OPS'], user: ACCOUNT.sync, verdict: 'fix-permissions' },
  {
    projects: ['SYNC', 'HR'],
    user: ACCOUNT.sync,
    token: { email: CREDENTIALS.sync.email, token: CREDENTIALS.sync.token },
    verdict: 'ready',
  },
  {
    projects: ['SYNC'],
    user: ACCOUNT.sync,
    token: { email: CREDENTIALS.sync.email, token: CREDENTIALS.admin.token },
    verdict: 'fix-credentials',
  },
  { projects: ['NOPE'], user: ACCOUNT.sync, verdict: 'fix-configuration' },
];

/**
 * A refused login puts its email on the installation's cooling-off list (src/resolvers/login-guard),
 * so every refused case signs in as its own address: the good-token cases for the same account
 * must not depend on which invocation reached Jira first.
 */
function tokenFor(c: Case, i: number): { email: string; token: string } {
  const token = c.token as { email: string; token: string };
  return c.verdict === 'fix-credentials' ? { ...token, email: `refused-${i}@acme.example` } : token;
}

describe('resolver under concurrent use', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(missingCreateInOneProject().world);
    h.sim.faults.add({ route: '*', status: 429, retryAfter: 0, probability: 0.05 });
  });
  afterAll(() => h.close());

  it('50 concurrent checks with 5 % injected 429s all complete, each with its own correct verdict', async () => {
    const runs = Array.from({ length: 50 }, (_, i) => CASES[i % CASES.length] as Case);
    const results = await Promise.all(
      runs.map((c, i) =>
        call(h.runtime, {
          functionKey: 'runCheck',
          accountId: ACCOUNT.admin,
          payload: {
            user: { accountId: c.user },
            projects: c.projects,
            ...(c.token ? { token: { ...tokenFor(c, i), expectAccountId: c.user } } : {}),
          },
        }),
      ),
    );
    const throttled = h.sim.log.filter((e) => e.status === 429).length;
    expect(throttled).toBeGreaterThan(0);
    results.forEach((res, i) => {
      const c = runs[i] as Case;
      expect({ i, ok: res.ok, error: res.error }).toEqual({ i, ok: true, error: undefined });
      const report = res.report as Report;
      expectValidReport(report);
      expect({ i, verdict: report.verdict }).toEqual({ i, verdict: c.verdict });
      expect(report.projects.map((p) => p.key)).toEqual(c.projects);
      expect(report.mode).toBe(c.token ? 'token+admin' : 'admin');
      expect(report.subject?.accountId ?? c.user).toBe(c.user);
    });
    console.log(`load: 50 concurrent runCheck, ${throttled} injected 429s, 0 wrong verdicts`);
  });

  it('the authorisation call rides out a 429 instead of refusing the admin', async () => {
    h.sim.faults.clear();
    h.sim.faults.add({
      route: 'GET /rest/api/3/mypermissions',
      status: 429,
      retryAfter: 0,
      times: 2,
    });
    const res = await call(h.runtime, {
      functionKey: 'runCheck',
      accountId: ACCOUNT.admin,
      payload: { user: { accountId: ACCOUNT.sync }, projects: ['SYNC'] },
    });
    expect(res.ok).toBe(true);
    expect((res.report as Report).verdict).toBe('ready');
  });
});
