/**
 * The site rule applies where a token is sent (#28). The production handler (src/index.ts), whose
 * token check sends credentials only to `https://<name>.atlassian.net`, runs on a site the
 * platform names otherwise (here the simulator's http://127.0.0.1 origin): reading Jira as the
 * signed-in admin works, the token check is refused before anything is sent, and the panel is
 * told the token check is not available here.
 */
import { ACCOUNT, call, startHarness, type Harness } from './harness';
import { CREDENTIALS, healthy } from '../../simulator/worlds/scenarios';
import { tokenSiteRefused } from '../../src/resolvers/run-check';

describe('the production handler on a site address the token may not go to', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(healthy().world, { productionHandler: true });
  });
  afterAll(() => h.close());

  const admin = (functionKey: string, payload: unknown) =>
    call(h.runtime, { functionKey, accountId: ACCOUNT.admin, payload });

  test('the admin view checks the sync user (no token is sent anywhere)', async () => {
    const res = await admin('runCheck', { user: { accountId: ACCOUNT.sync }, projects: ['HR'] });
    expect(res.error).toBeUndefined();
    expect(res.ok).toBe(true);
    expect(h.runtime.egressCalls()).toEqual([]);
  });

  test('the token check is refused before any call, saying why and what to do instead', async () => {
    h.runtime.clearCalls();
    const res = await admin('runCheck', {
      user: { accountId: ACCOUNT.sync },
      projects: ['HR'],
      token: { email: CREDENTIALS.sync.email, token: CREDENTIALS.sync.token },
    });
    expect(res.ok).toBe(false);
    expect(res.error).toMatchObject({
      code: 'INVALID_INPUT',
      message: tokenSiteRefused(h.sim.siteUrl),
      fields: { token: expect.stringMatching(/synchronizer's host/) },
    });
    expect(h.runtime.egressCalls()).toEqual([]);
    expect(h.runtime.productCalls()).toEqual([]);
  });

  test('getCapabilities says the token check is not available on this site', async () => {
    const res = await admin('getCapabilities', {});
    expect(res.ok).toBe(true);
    expect(res.capabilities).toMatchObject({ profile: 'default', tokenCheck: false });
  });
});
