import { startSimulator } from '../../simulator';
import { CREDENTIALS, baseWorld } from '../../simulator/worlds/scenarios';
import { call, useSimulator, type Login } from './helpers';

const sim = useSimulator();
const SYNC: Login = { email: CREDENTIALS.sync.email, secret: CREDENTIALS.sync.token };
const MYSELF = 'GET /rest/api/3/myself';

describe('status faults', () => {
  it('answers 429 with Retry-After and the documented rate-limit headers', async () => {
    const s = await sim.start(baseWorld());
    s.faults.add({ route: MYSELF, status: 429, retryAfter: 7 });
    const r = await call(s, '/rest/api/3/myself', { auth: SYNC });
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('7');
    expect(r.headers.get('x-ratelimit-limit')).toMatch(/^\d+$/);
    expect(r.headers.get('x-ratelimit-remaining')).toBe('0');
    // NearLimit rides only on cost-based 429s (JRACLOUD-83791), never on a burst limit.
    expect(r.headers.get('x-ratelimit-nearlimit')).toBeNull();
    expect(r.headers.get('ratelimit-reason')).toBe('jira-burst-based');
    expect(r.headers.get('x-ratelimit-reset')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/);
    expect(s.log[0]).toMatchObject({ status: 429, fault: 'status', operation: MYSELF });
  });

  it('names the rate limit in RateLimit-Reason; only a cost-based quota adds X-RateLimit-NearLimit', async () => {
    const s = await sim.start(baseWorld());
    s.faults.add({
      route: MYSELF,
      status: 429,
      rateLimitReason: 'jira-per-issue-on-write',
      times: 1,
    });
    s.faults.add({
      route: MYSELF,
      status: 429,
      rateLimitReason: 'jira-quota-tenant-based',
      times: 1,
    });
    const perIssue = await call(s, '/rest/api/3/myself', { auth: SYNC });
    expect(perIssue.headers.get('ratelimit-reason')).toBe('jira-per-issue-on-write');
    expect(perIssue.headers.get('x-ratelimit-nearlimit')).toBeNull();
    const quota = await call(s, '/rest/api/3/myself', { auth: SYNC });
    expect(quota.headers.get('ratelimit-reason')).toBe('jira-quota-tenant-based');
    expect(quota.headers.get('x-ratelimit-nearlimit')).toBe('true');
  });

  it('defaults Retry-After to 1 second on 429 and can leave it out', async () => {
    const s = await sim.start(baseWorld());
    s.faults.add({ route: MYSELF, status: 429, times: 1 });
    s.faults.add({ route: MYSELF, status: 429, retryAfter: null, times: 1 });
    expect((await call(s, '/rest/api/3/myself', { auth: SYNC })).headers.get('retry-after')).toBe(
      '1',
    );
    const without = await call(s, '/rest/api/3/myself', { auth: SYNC });
    expect(without.status).toBe(429);
    expect(without.headers.get('retry-after')).toBeNull();
  });

  it('answers 503 with Retry-After, custom headers and body', async () => {
    const s = await sim.start(baseWorld());
    s.faults.add({
      route: '*',
      status: 503,
      retryAfter: 3,
      headers: { 'X-Test': 'yes' },
      body: '{"errorMessages":["down"]}',
    });
    const r = await call(s, '/rest/api/3/project/search', { auth: SYNC });
    expect(r.status).toBe(503);
    expect(r.headers.get('retry-after')).toBe('3');
    expect(r.headers.get('x-test')).toBe('yes');
    expect(r.json).toEqual({ errorMessages: ['down'] });
  });

  it('stops after `times` and skips the first `afterMatches` requests', async () => {
    const s = await sim.start(baseWorld());
    s.faults.add({ route: MYSELF, status: 500, times: 2, afterMatches: 1 });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await call(s, '/rest/api/3/myself', { auth: SYNC })).status);
    expect(statuses).toEqual([200, 500, 500, 200, 200]);
  });

  it('matches only its route and target', async () => {
    const s = await sim.start(baseWorld());
    s.faults.add({ route: MYSELF, target: 'gateway', status: 502 });
    expect((await call(s, '/rest/api/3/myself', { auth: SYNC })).status).toBe(200);
    expect(
      (await call(s, '/rest/api/3/project/search', { auth: SYNC, target: 'gateway' })).status,
    ).toBe(200);
    expect((await call(s, '/rest/api/3/myself', { auth: SYNC, target: 'gateway' })).status).toBe(
      502,
    );
    s.faults.clear();
    expect((await call(s, '/rest/api/3/myself', { auth: SYNC, target: 'gateway' })).status).toBe(
      200,
    );
  });

  it('fires with a probability drawn from a seeded RNG (reproducible)', async () => {
    const run = async (seed: number): Promise<number[]> => {
      const s = await startSimulator(baseWorld(), { seed });
      try {
        s.faults.add({ route: MYSELF, status: 500, probability: 0.5 });
        const out: number[] = [];
        for (let i = 0; i < 20; i++)
          out.push((await call(s, '/rest/api/3/myself', { auth: SYNC })).status);
        return out;
      } finally {
        await s.close();
      }
    };
    const a = await run(42);
    expect(await run(42)).toEqual(a);
    expect(a).toContain(200);
    expect(a).toContain(500);
    const s = await sim.start(baseWorld());
    s.faults.add({ route: MYSELF, status: 500, probability: 0 });
    expect((await call(s, '/rest/api/3/myself', { auth: SYNC })).status).toBe(200);
    expect(() => s.faults.add({ route: MYSELF, probability: 2 })).toThrow();
  });
});

describe('broken answers', () => {
  it('hangs until the client gives up', async () => {
    const s = await sim.start(baseWorld());
    s.faults.add({ route: MYSELF, kind: 'hang', times: 1 });
    await expect(
      call(s, '/rest/api/3/myself', { auth: SYNC, signal: AbortSignal.timeout(150) }),
    ).rejects.toThrow();
    expect(s.log[0]).toMatchObject({ status: 0, fault: 'hang' });
    expect((await call(s, '/rest/api/3/myself', { auth: SYNC })).status).toBe(200);
  });

  it('ends a hang when the simulator closes', async () => {
    const s = await sim.start(baseWorld());
    s.faults.add({ route: '*', kind: 'hang' });
    const pending = call(s, '/rest/api/3/serverInfo');
    const failed = expect(pending).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Were the hang not ended, close() and the pending call would never settle.
    await s.close();
    await failed;
  });

  it('resets the connection', async () => {
    const s = await sim.start(baseWorld());
    s.faults.add({ route: MYSELF, kind: 'reset' });
    await expect(call(s, '/rest/api/3/myself', { auth: SYNC })).rejects.toThrow(/fetch failed/);
    expect(s.log.every((e) => e.fault === 'reset' && e.status === 0)).toBe(true);
  });

  it('sends malformed JSON', async () => {
    const s = await sim.start(baseWorld());
    s.faults.add({ route: 'GET /rest/api/3/project/search', kind: 'malformed-json' });
    const res = await fetch(`${s.siteUrl}/rest/api/3/project/search`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    await expect(res.json()).rejects.toThrow();
  });

  it('sends an HTML page', async () => {
    const s = await sim.start(baseWorld());
    s.faults.add({ route: MYSELF, kind: 'html', status: 502 });
    const r = await call(s, '/rest/api/3/myself', { auth: SYNC });
    expect(r.status).toBe(502);
    expect(r.headers.get('content-type')).toContain('text/html');
    expect(r.text).toMatch(/^<!DOCTYPE html>/);
  });

  it('answers as anonymous with AUTHENTICATED_FAILED (login-reason-failed)', async () => {
    const s = await sim.start(baseWorld());
    s.faults.add({
      route: 'GET /rest/api/3/project/search',
      kind: 'login-reason-failed',
      times: 1,
    });
    const r = await call(s, '/rest/api/3/project/search', { auth: SYNC });
    expect(r.status).toBe(200);
    expect(r.headers.get('x-seraph-loginreason')).toBe('AUTHENTICATED_FAILED');
    expect(r.headers.get('x-aaccountid')).toBeNull();
    expect(r.json).toMatchObject({ total: 0, values: [] });
    expect(s.log[0]).toMatchObject({
      fault: 'login-reason-failed',
      authOutcome: 'anonymous-fallback',
    });
    const next = await call(s, '/rest/api/3/project/search', { auth: SYNC });
    expect((next.json as { total: number }).total).toBe(3);
  });
});

describe('latency and the log', () => {
  it('delays answers by at least the configured latency', async () => {
    // A lower bound only: timers never fire early, so this cannot fail on a loaded machine.
    const s = await sim.start(baseWorld(), { latencyMs: 80 });
    expect((await call(s, '/rest/api/3/serverInfo')).elapsedMs).toBeGreaterThanOrEqual(75);
    s.setLatency(0);
    expect((await call(s, '/rest/api/3/serverInfo')).status).toBe(200);
  });

  it('records query parameter names and values, and can be reset', async () => {
    const s = await sim.start(baseWorld());
    await call(s, '/rest/api/3/project/search?keys=SYNC&keys=OPS&maxResults=10', { auth: SYNC });
    expect(s.log[0]).toMatchObject({
      method: 'GET',
      path: '/rest/api/3/project/search',
      query: { keys: ['SYNC', 'OPS'], maxResults: ['10'] },
      operation: 'GET /rest/api/3/project/search',
      operationId: 'searchProjects',
      contentType: expect.stringContaining('application/json'),
      responseHeaders: expect.objectContaining({ 'x-aaccountid': expect.any(String) }),
    });
    expect(s.log[0]?.atMs).toBeGreaterThanOrEqual(0);
    const log = s.log;
    s.resetLog();
    expect(log).toHaveLength(0);
  });
});
