import { ACCOUNT, call, makeProjectAdmin, startHarness, type Harness } from './harness';
import { CREDENTIALS, healthy } from '../../simulator/worlds/scenarios';
import type { Report } from '../../src/engine/model/report';
import { COOLING_OFF_MINUTES } from '../../src/resolvers/login-guard';

const WRONG = 'ATATT3xWRONG0token0for0the0guard0test0000';

describe('failed-login guard', () => {
  let h: Harness;
  let clock = Date.now();

  beforeAll(async () => {
    const world = healthy().world;
    makeProjectAdmin(world, 'SYNC');
    h = await startHarness(world, { now: () => clock });
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await h.close();
  });

  const check = (token: string, email: string = CREDENTIALS.sync.email) =>
    call(h.runtime, {
      functionKey: 'runCheck',
      accountId: ACCOUNT.alice,
      projectKey: 'SYNC',
      payload: { user: { accountId: ACCOUNT.sync }, projects: ['SYNC'], token: { email, token } },
    });
  /** Requests that carried the sync user's credentials (site and gateway). */
  const logins = () => h.sim.log.filter((e) => e.path.endsWith('/rest/api/3/myself')).length;

  test('a refused token is not tried again during the cooling-off period: a clear finding instead', async () => {
    const first = await check(WRONG);
    expect((first.report as Report).findings.map((f) => f.code)).toContain('CREDENTIALS_REJECTED');
    const afterFirst = logins();
    // The site 401 and one gateway probe: two failed logins at most.
    expect(afterFirst).toBeLessThanOrEqual(2);

    // A project admin pressing the button again and again costs the account nothing more.
    for (let i = 0; i < 5; i++) {
      const again = await check(WRONG);
      expect(again.ok).toBe(true);
      const report = again.report as Report;
      expect(report.verdict).toBe('inconclusive');
      expect(report.findings.map((f) => f.code)).toEqual(['LOGIN_COOLING_OFF']);
      expect(report.findings[0]?.message).toContain('was not sent to Jira');
      expect(report.coverage?.credentials).toBe('not-tested');
    }
    // The same email in another spelling, with the same token, is the same login.
    const spelled = await check(WRONG, ' SYNC@acme.example ');
    expect((spelled.report as Report).findings.map((f) => f.code)).toContain('LOGIN_COOLING_OFF');
    expect(logins()).toBe(afterFirst);

    // Another account is not affected.
    const other = await check(CREDENTIALS.alice.token, CREDENTIALS.alice.email);
    expect((other.report as Report).findings.map((f) => f.code)).not.toContain('LOGIN_COOLING_OFF');

    // The guard stores no email and no token, only keyed digests that expire with the period.
    const guards = Object.entries(h.runtime.kvsExpiries()).filter(([k]) => k.startsWith('guard:'));
    expect(guards.map(([k]) => k.replace(/[0-9a-f]{48}$/, '…')).sort()).toEqual([
      'guard:e:…',
      'guard:t:…',
    ]);
    expect(JSON.stringify(h.runtime.kvsSnapshot())).not.toMatch(/sync@acme\.example/i);
    expect(JSON.stringify(h.runtime.kvsSnapshot())).not.toContain(WRONG);
    for (const [, expiry] of guards) expect(expiry).toBe(clock + COOLING_OFF_MINUTES * 60_000);

    // After the period the (now correct) token is tried again.
    clock += (COOLING_OFF_MINUTES + 1) * 60_000;
    const later = await check(CREDENTIALS.sync.token);
    expect((later.report as Report).verdict).toBe('ready');
    expect(logins()).toBeGreaterThan(afterFirst);
  });

  test('a successful check leaves no guard behind', async () => {
    clock += (COOLING_OFF_MINUTES + 1) * 60_000;
    const ok = await check(CREDENTIALS.sync.token);
    expect((ok.report as Report).verdict).toBe('ready');
    expect(Object.keys(h.runtime.kvsSnapshot()).filter((k) => k.startsWith('guard:'))).toEqual([]);
  });
});
