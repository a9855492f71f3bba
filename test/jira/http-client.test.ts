import { EvidenceLog } from '../../src/engine/port/evidence';
import { HttpJiraClient, type HttpJiraClientOptions } from '../../src/jira/http-client';
import { createNodeTransport } from '../../src/jira/node-transport';
import { JiraTransportError, type JiraResponse } from '../../src/engine/port/jira-client';
import type { Transport } from '../../src/jira/transport';
import {
  sendJson,
  startServer,
  unusedPortUrl,
  type Handler,
  type LocalServer,
} from './local-server';

const CANARY_TOKEN = 'CANARY-tok3n-0123456789abcdef';
const CANARY_BASIC = Buffer.from(`sync@example.com:${CANARY_TOKEN}`).toString('base64');

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface Harness {
  client: HttpJiraClient;
  evidence: EvidenceLog;
  sleeps: number[];
}

function harness(baseUrl: string, options: Partial<HttpJiraClientOptions> = {}): Harness {
  const evidence = new EvidenceLog();
  const sleeps: number[] = [];
  const client = new HttpJiraClient({
    transport: createNodeTransport({
      baseUrl,
      credentials: { email: 'sync@example.com', token: CANARY_TOKEN },
    }),
    target: 'site',
    auth: 'sync-user',
    evidence,
    timeoutMs: 2_000,
    retry: { maxRetries: 3, maxTotalWaitMs: 30_000, initialDelayMs: 5 },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...options,
  });
  return { client, evidence, sleeps };
}

async function serve(handler: Handler): Promise<string> {
  server = await startServer(handler);
  return server.url;
}

function scripted(...steps: Handler[]): Handler {
  let call = 0;
  return (req, res, socket) => {
    const step = steps[Math.min(call, steps.length - 1)];
    call += 1;
    step?.(req, res, socket);
  };
}

const ok: Handler = (_req, res) => sendJson(res, 200, { ok: true });
const status =
  (code: number, headers: Record<string, string> = {}): Handler =>
  (_req, res) =>
    sendJson(res, code, { errorMessages: [`status ${code}`], errors: {} }, headers);

const myself = { method: 'GET', path: '/rest/api/3/myself', step: 'identity' } as const;

async function rejection(promise: Promise<unknown>): Promise<JiraTransportError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof JiraTransportError) return error;
    throw error;
  }
  throw new Error('expected a JiraTransportError');
}

function expectNoCanary(value: unknown): void {
  const text = JSON.stringify(value) + String(value);
  expect(text).not.toContain(CANARY_TOKEN);
  expect(text).not.toContain(CANARY_BASIC);
}

describe('requests', () => {
  it('sends Accept, Basic auth, repeated query parameters and a JSON body', async () => {
    const url = await serve(ok);
    const { client } = harness(url);
    await client.request({
      method: 'POST',
      path: '/rest/api/3/permissions/check',
      query: { keys: ['A', 'B'], maxResults: 50, skipped: undefined, q: 'a b&c' },
      body: { projectPermissions: [{ permissions: ['CREATE_ISSUES'], projects: [10001] }] },
      step: 'permissions',
    });
    const [recorded] = server!.requests;
    expect(recorded?.url).toBe(
      '/rest/api/3/permissions/check?keys=A&keys=B&maxResults=50&q=a%20b%26c',
    );
    expect(recorded?.headers.accept).toBe('application/json');
    expect(recorded?.headers['content-type']).toBe('application/json');
    expect(recorded?.headers.authorization).toBe(`Basic ${CANARY_BASIC}`);
    expect(JSON.parse(recorded?.body ?? '')).toEqual({
      projectPermissions: [{ permissions: ['CREATE_ISSUES'], projects: [10001] }],
    });
  });

  it('fills the special headers and drops cookies', async () => {
    const url = await serve((_req, res) =>
      sendJson(
        res,
        200,
        { values: [] },
        {
          'X-Seraph-LoginReason': 'AUTHENTICATED_FAILED',
          'X-AAccountId': '557058:abc',
          'X-Authentication-Denied-Reason': 'CAPTCHA_CHALLENGE; login-url=https://x/login',
          'Set-Cookie': 'tenant.session.token=secret-session',
        },
      ),
    );
    const response = await harness(url).client.request(myself);
    expect(response).toMatchObject<Partial<JiraResponse>>({
      status: 200,
      json: { values: [] },
      loginReason: 'AUTHENTICATED_FAILED',
      accountId: '557058:abc',
      deniedReason: 'CAPTCHA_CHALLENGE; login-url=https://x/login',
      retryAfterSeconds: null,
      attempts: 1,
    });
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(JSON.stringify(response)).not.toContain('secret-session');
  });

  it('does not follow redirects', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(302, { location: 'http://elsewhere.invalid/login' });
      res.end();
    });
    const response = await harness(url).client.request(myself);
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('http://elsewhere.invalid/login');
  });
});

describe('bodies', () => {
  it('keeps text and leaves json undefined for malformed JSON', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"values": [');
    });
    const { client, evidence } = harness(url);
    const response = await client.request(myself);
    expect(response.json).toBeUndefined();
    expect(response.text).toBe('{"values": [');
    expect(evidence.entries()[0]).toMatchObject({ status: 200, error: 'malformed-json' });
  });

  it('parses JSON only when the content type says JSON', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(401, { 'content-type': 'text/plain' });
      res.end('{"looks":"like json"}');
    });
    const response = await harness(url).client.request(myself);
    expect(response.json).toBeUndefined();
    expect(response.contentType).toBe('text/plain');
    expect(response.text).toBe('{"looks":"like json"}');
  });

  it('truncates long text to 64 KB but parses the whole body', async () => {
    const big = { filler: 'x'.repeat(100_000) };
    const url = await serve((_req, res) => sendJson(res, 200, big));
    const response = await harness(url).client.request(myself);
    expect(response.text).toHaveLength(64 * 1024);
    expect(response.json).toEqual(big);
  });
});

describe('retries', () => {
  it('retries 429 after Retry-After seconds, then succeeds', async () => {
    const url = await serve(scripted(status(429, { 'Retry-After': '2' }), ok));
    const { client, evidence, sleeps } = harness(url);
    const response = await client.request(myself);
    expect(response.status).toBe(200);
    expect(response.attempts).toBe(2);
    expect(sleeps).toEqual([2_000]);
    expect(evidence.entries().map((e) => [e.status, e.attempt])).toEqual([
      [429, 1],
      [200, 2],
    ]);
  });

  it('honours Retry-After given as an HTTP date', async () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    const url = await serve(
      scripted(status(503, { 'Retry-After': 'Wed, 01 Jan 2025 00:00:03 GMT' }), ok),
    );
    const { client, sleeps } = harness(url, { now: () => now });
    expect((await client.request(myself)).status).toBe(200);
    expect(sleeps).toEqual([3_000]);
  });

  it('returns the last 503 after the retry budget, backing off exponentially', async () => {
    const url = await serve(status(503));
    const { client, evidence, sleeps } = harness(url);
    const response = await client.request(myself);
    expect(response.status).toBe(503);
    expect(response.attempts).toBe(4);
    expect(sleeps).toEqual([5, 10, 20]);
    expect(evidence.entries()).toHaveLength(4);
  });

  it('stops when the next wait would exceed the total wait cap', async () => {
    const url = await serve(status(429, { 'Retry-After': '60' }));
    const { client, sleeps } = harness(url, { retry: { maxTotalWaitMs: 30_000 } });
    const response = await client.request(myself);
    expect(response.status).toBe(429);
    expect(response.attempts).toBe(1);
    expect(response.retryAfterSeconds).toBe(60);
    expect(sleeps).toEqual([]);
  });

  it.each([401, 403])('never retries %i, even with Retry-After', async (code) => {
    const url = await serve(status(code, { 'Retry-After': '1' }));
    const { client, sleeps } = harness(url);
    const response = await client.request(myself);
    expect(response.status).toBe(code);
    expect(response.attempts).toBe(1);
    expect(server!.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('never repeats an answer that reports a failed login', async () => {
    const url = await serve(status(429, { 'X-Seraph-LoginReason': 'AUTHENTICATED_FAILED' }));
    const response = await harness(url).client.request(myself);
    expect(response.attempts).toBe(1);
  });

  it('retries a 5xx of the read-only permissions/check POST but not of other POSTs', async () => {
    const url = await serve(scripted(status(503), ok));
    const { client } = harness(url);
    const check = await client.request({
      method: 'POST',
      path: '/rest/api/3/permissions/check',
      body: {},
      step: 'permissions',
    });
    expect(check.status).toBe(200);

    await server?.close();
    const url2 = await serve(status(503));
    const create = await harness(url2).client.request({
      method: 'POST',
      path: '/rest/api/3/issue',
      body: {},
      step: 'create',
    });
    expect(create.attempts).toBe(1);
  });

  it('retries 429 even for a POST that is not idempotent', async () => {
    const url = await serve(scripted(status(429, { 'Retry-After': '0' }), ok));
    const response = await harness(url).client.request({
      method: 'POST',
      path: '/rest/api/3/issue',
      body: {},
      step: 'create',
    });
    expect(response).toMatchObject({ status: 200, attempts: 2 });
  });
});

describe('failures', () => {
  it('times out with JiraTransportError("timeout") after retrying an idempotent GET', async () => {
    const url = await serve(() => undefined);
    const { client, evidence } = harness(url, { timeoutMs: 50, retry: { maxRetries: 1 } });
    const error = await rejection(client.request(myself));
    expect(error.kind).toBe('timeout');
    expect(error.attempts).toBe(2);
    expect(evidence.entries().map((e) => [e.status, e.error])).toEqual([
      [null, 'timeout'],
      [null, 'timeout'],
    ]);
  });

  it('times out even when the transport ignores the abort signal', async () => {
    const stuck: Transport = () => new Promise(() => undefined);
    const { client } = harness('http://unused', {
      transport: stuck,
      timeoutMs: 20,
      retry: { maxRetries: 0 },
    });
    expect((await rejection(client.request(myself))).kind).toBe('timeout');
  });

  it('reports a refused connection without retrying it', async () => {
    const { client, evidence } = harness(await unusedPortUrl());
    const error = await rejection(client.request(myself));
    expect(error.kind).toBe('refused');
    expect(error.attempts).toBe(1);
    expect(evidence.entries()[0]).toMatchObject({ status: null, error: 'refused' });
  });

  it('classifies a reset connection and retries it for GETs', async () => {
    const url = await serve((_req, _res, socket) => socket.destroy());
    const { client } = harness(url, { retry: { maxRetries: 2 } });
    const error = await rejection(client.request(myself));
    expect(error.kind).toBe('reset');
    expect(error.attempts).toBe(3);
  });

  it('recovers when a reset is followed by an answer', async () => {
    const url = await serve(scripted((_req, _res, socket) => socket.destroy(), ok));
    const response = await harness(url).client.request(myself);
    expect(response).toMatchObject({ status: 200, attempts: 2 });
  });

  it('reports a cancelled run as aborted', async () => {
    const url = await serve(() => undefined);
    const controller = new AbortController();
    const { client } = harness(url, { signal: controller.signal });
    const pending = rejection(client.request(myself));
    setTimeout(() => controller.abort(), 20);
    expect((await pending).kind).toBe('aborted');
  });

  it('stops waiting for Retry-After when the run is cancelled', async () => {
    const controller = new AbortController();
    const url = await serve((req, res, socket) => {
      status(503, { 'Retry-After': '20' })(req, res, socket);
      setTimeout(() => controller.abort(), 20);
    });
    // No injected sleep: the real timer must be cut short by the abort.
    const { client } = harness(url, { signal: controller.signal, sleep: undefined });
    const started = Date.now();
    const response = await client.request(myself);
    expect(response).toMatchObject({ status: 503, attempts: 1 });
    // Retry-After asked for 20 s; only a cancelled wait returns well before that.
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('keeps messages free of hosts, query values and credentials', async () => {
    const { client } = harness(await unusedPortUrl());
    const error = await rejection(
      client.request({ ...myself, query: { expand: 'secret-looking-value' } }),
    );
    expect(error.message).toBe('GET /rest/api/3/myself (site): connection refused after 1 attempt');
    expectNoCanary(error);
    expect(error.message).not.toContain('127.0.0.1');
    expect(error.message).not.toContain('secret-looking-value');
  });

  it('wraps unexpected adapter errors as network failures without their message', async () => {
    const leaky: Transport = () =>
      Promise.reject(
        new TypeError(`Request cannot be constructed from http://u:${CANARY_TOKEN}@x`),
      );
    const { client } = harness('http://unused', { transport: leaky });
    const error = await rejection(client.request(myself));
    expect(error.kind).toBe('network');
    expectNoCanary(error.message);
  });
});

describe('evidence', () => {
  it('records one entry per attempt with the query and no secrets', async () => {
    const url = await serve(scripted(status(502), ok));
    const { client, evidence } = harness(url);
    await client.request({
      method: 'GET',
      path: '/rest/api/3/project/search',
      query: { keys: ['A', 'B'] },
      step: 'projects',
    });
    const entries = evidence.entries();
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      step: 'projects',
      method: 'GET',
      path: '/rest/api/3/project/search?keys=A&keys=B',
      target: 'site',
      auth: 'sync-user',
      status: 502,
      attempt: 1,
    });
    expect(entries[1]).toMatchObject({ status: 200, attempt: 2 });
    for (const entry of entries) {
      expect(entry.durationMs).toBeGreaterThanOrEqual(0);
      expect(entry.startedAtMs).toBeGreaterThanOrEqual(0);
      expect(Object.keys(entry).sort()).toEqual(
        [
          'attempt',
          'auth',
          'durationMs',
          'method',
          'path',
          'startedAtMs',
          'status',
          'step',
          'target',
        ].sort(),
      );
    }
    expectNoCanary(entries);
    expect(server!.requests[0]?.headers.authorization).toContain(CANARY_BASIC);
  });
});

describe('concurrency', () => {
  it('keeps at most the configured number of requests in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const url = await serve((_req, res) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      setTimeout(() => {
        inFlight -= 1;
        sendJson(res, 200, {});
      }, 15);
    });
    const { limitConcurrency } = await import('../../src/jira/concurrency');
    const { client } = harness(url, { limiter: limitConcurrency(3) });
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => client.request({ ...myself, step: `s${i}` })),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(peak).toBe(3);
  });
});

describe('platform signals', () => {
  class ConsentNeeded extends Error {}
  const throwing =
    (error: Error): Transport =>
    async () => {
      throw error;
    };
  const client = (transport: Transport, passThrough?: (e: unknown) => boolean) =>
    new HttpJiraClient({
      transport,
      target: 'forge',
      auth: 'admin',
      evidence: new EvidenceLog(),
      sleep: async () => undefined,
      ...(passThrough ? { passThrough } : {}),
    });
  const req = { method: 'GET' as const, path: '/rest/api/3/myself', step: 'test' };

  it('rethrows an error the platform must see (the consent prompt) untouched and untried again', async () => {
    const signal = new ConsentNeeded('allow access');
    let calls = 0;
    const transport: Transport = async () => {
      calls += 1;
      throw signal;
    };
    await expect(client(transport, (e) => e instanceof ConsentNeeded).request(req)).rejects.toBe(
      signal,
    );
    expect(calls).toBe(1);
  });

  it('classifies the same error as a network failure when it is not declared a platform signal', async () => {
    await expect(client(throwing(new ConsentNeeded('x'))).request(req)).rejects.toBeInstanceOf(
      JiraTransportError,
    );
  });
});
