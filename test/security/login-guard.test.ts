/**
 * Issue 25, item 4: a failed-login guard that cannot be turned against the admin.
 *  - keyed by a keyed hash of email and token: a project administrator's wrong token does not
 *    block a Jira administrator's correct one (it used to, for 15 minutes, repeatably);
 *  - parallel checks of one email reserve it first: ten parallel wrong-token checks cost what one
 *    check costs (at most 2 failed logins; it used to be 18);
 *  - at most 3 distinct refused tokens per email per cooling-off period;
 *  - over the store's quota the guard fails closed: the token is not tried.
 */
// local-forge (through the harness) must load before anything else pulls in @forge/api.
import { createHash } from 'node:crypto';
import {
  ACCOUNT,
  call,
  makeProjectAdmin,
  startHarness,
  type Envelope,
  type Harness,
} from '../forge/harness';
import { CREDENTIALS, healthy } from '../../simulator/worlds/scenarios';
import type { Report } from '../../src/engine/model/report';
import { MAX_REFUSED_TOKENS_PER_EMAIL } from '../../src/resolvers/login-guard';

const wrong = (n: number) => `ATATT3xWRONG${String(n).padStart(4, '0')}token0for0the0guard0000`;

describe('the failed-login guard cannot be turned against the admin', () => {
  let h: Harness;
  const clock = Date.now();

  beforeEach(async () => {
    const world = healthy().world;
    makeProjectAdmin(world, 'SYNC');
    h = await startHarness(world, { now: () => clock });
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await h.close();
  });

  /** A check by `who`: alice is an administrator of project SYNC only; admin is a Jira admin. */
  const check = (who: 'alice' | 'admin', token: string, email: string = CREDENTIALS.sync.email) =>
    call(h.runtime, {
      functionKey: 'runCheck',
      accountId: who === 'alice' ? ACCOUNT.alice : ACCOUNT.admin,
      ...(who === 'alice' ? { projectKey: 'SYNC' } : {}),
      payload: { user: { accountId: ACCOUNT.sync }, projects: ['SYNC'], token: { email, token } },
    });
  /** Requests Jira answered 401 to the sync user's credentials: failed logins. */
  const failedLogins = () => h.sim.log.filter((e) => e.authOutcome === 'failed').length;
  const codes = (res: Envelope) => (res.report as Report).findings.map((f) => f.code);

  test("a project administrator's wrong token does not block a Jira administrator's correct one", async () => {
    const attack = await check('alice', wrong(1));
    expect(codes(attack)).toContain('CREDENTIALS_REJECTED');
    const admin = await check('admin', CREDENTIALS.sync.token);
    expect(codes(admin)).not.toContain('LOGIN_COOLING_OFF');
    expect((admin.report as Report).verdict).toBe('ready');
  });

  test('ten parallel checks with a wrong token cost at most two failed logins', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => check('alice', wrong(1))));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(failedLogins()).toBeLessThanOrEqual(2);
    expect(results.filter((r) => codes(r).includes('CREDENTIALS_REJECTED'))).toHaveLength(1);
  });

  test('ten parallel checks with ten different wrong tokens: at most three are tried', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => check('alice', wrong(i))),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.filter((r) => codes(r).includes('CREDENTIALS_REJECTED'))).toHaveLength(
      MAX_REFUSED_TOKENS_PER_EMAIL,
    );
    expect(failedLogins()).toBeLessThanOrEqual(2 * MAX_REFUSED_TOKENS_PER_EMAIL);
  });

  test('one wrong token after another: the fourth is not tried', async () => {
    for (let i = 0; i < MAX_REFUSED_TOKENS_PER_EMAIL; i++) {
      expect(codes(await check('alice', wrong(i)))).toContain('CREDENTIALS_REJECTED');
    }
    const before = failedLogins();
    const fourth = await check('alice', wrong(99));
    expect(codes(fourth)).toEqual(['LOGIN_COOLING_OFF']);
    expect(failedLogins()).toBe(before);
  });

  test('the store over its quota: the guard fails closed, the token is not tried', async () => {
    h.runtime.setKvsFault(() => true);
    const res = await check('admin', CREDENTIALS.sync.token);
    expect(res.ok).toBe(true);
    expect(codes(res)).toEqual(['LOGIN_COOLING_OFF']);
    expect(h.sim.log.filter((e) => e.path.endsWith('/rest/api/3/myself'))).toEqual([]);
    const finding = (res.report as Report).findings[0];
    expect(finding?.message).toMatch(/store did not answer/);
    expect(finding?.steps).toEqual(['Try again in a minute.']);
    h.runtime.setKvsFault(null);
    expect(codes(await check('admin', CREDENTIALS.sync.token))).not.toContain('LOGIN_COOLING_OFF');
  });

  test('the guard is keyed by a keyed hash: nothing stored can be recomputed from the email', async () => {
    await check('alice', wrong(1));
    const keys = Object.keys(h.runtime.kvsSnapshot()).filter((k) => k.startsWith('guard:'));
    expect(keys.length).toBeGreaterThan(0);
    const email = CREDENTIALS.sync.email;
    const plain = [email, `${email}:${wrong(1)}`, `${email}\u0000${wrong(1)}`].map((t) =>
      createHash('sha256').update(t).digest('hex').slice(0, 48),
    );
    for (const key of keys) for (const digest of plain) expect(key).not.toContain(digest);
    // The key is kept with the store's secret methods, not among the plain values.
    expect(Object.keys(h.runtime.kvsSnapshot())).toContain('[secret] guard-key');
  });

  test('the finding names who caused the cooling-off; a Jira administrator lifts it, nobody else', async () => {
    for (let i = 0; i < MAX_REFUSED_TOKENS_PER_EMAIL; i++) await check('alice', wrong(i));
    // Even the right token waits now: too many tokens of this email were refused.
    const blocked = await check('admin', CREDENTIALS.sync.token);
    const finding = (blocked.report as Report).findings.find((f) => f.code === 'LOGIN_COOLING_OFF');
    expect(finding?.details).toMatchObject({
      reason: 'too-many-tokens',
      causedBy: [ACCOUNT.alice],
    });
    expect(finding?.message).toContain(ACCOUNT.alice);
    const guard = (finding?.details as { guard: string }).guard;
    expect(guard).toMatch(/^[0-9a-f]{48}$/);

    const byProjectAdmin = await call(h.runtime, {
      functionKey: 'liftCoolingOff',
      accountId: ACCOUNT.alice,
      projectKey: 'SYNC',
      payload: { guard },
    });
    expect(byProjectAdmin.error?.code).toBe('FORBIDDEN');
    const byJiraAdmin = await call(h.runtime, {
      functionKey: 'liftCoolingOff',
      accountId: ACCOUNT.admin,
      payload: { guard },
    });
    expect(byJiraAdmin).toEqual({ ok: true, lifted: true });
    const after = await check('admin', CREDENTIALS.sync.token);
    expect((after.report as Report).verdict).toBe('ready');
  });
});
