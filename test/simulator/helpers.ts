/** Test helpers: start/close simulators per test, make HTTP calls, check conformance. */
import {
  startSimulator,
  type RunningSimulator,
  type SimulatorOptions,
  type World,
} from '../../simulator';
import { expectConformant } from '../support/openapi';

export interface Login {
  email: string;
  secret: string;
}

export function basic(email: string, secret: string): string {
  return `Basic ${Buffer.from(`${email}:${secret}`).toString('base64')}`;
}

export interface CallOptions {
  /** A Login, a raw Authorization header value, or nothing (anonymous). */
  auth?: Login | string;
  accept?: string;
  target?: 'site' | 'gateway';
  method?: 'GET' | 'POST';
  body?: unknown;
  signal?: AbortSignal;
}

export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON, or undefined when the body is not JSON. */
  json: unknown;
  elapsedMs: number;
}

export function baseFor(sim: RunningSimulator, target: 'site' | 'gateway' = 'site'): string {
  return target === 'gateway' ? `${sim.gatewayUrl}/ex/jira/${sim.cloudId}` : sim.siteUrl;
}

export async function call(
  sim: RunningSimulator,
  path: string,
  opts: CallOptions = {},
): Promise<CallResult> {
  const headers: Record<string, string> = {};
  if (opts.auth !== undefined)
    headers.Authorization =
      typeof opts.auth === 'string' ? opts.auth : basic(opts.auth.email, opts.auth.secret);
  if (opts.accept !== undefined) headers.Accept = opts.accept;
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  const started = Date.now();
  const res = await fetch(`${baseFor(sim, opts.target)}${path}`, {
    method: opts.method ?? (opts.body === undefined ? 'GET' : 'POST'),
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    signal: opts.signal,
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json, elapsedMs: Date.now() - started };
}

/**
 * One simulator per test: closed after each test, and every recorded exchange must conform to the
 * spec (requests too, unless the test sends deliberately invalid ones).
 */
export function useSimulator(): {
  start(world: World, options?: SimulatorOptions): Promise<RunningSimulator>;
  /** This test sends requests the spec does not allow (to prove the simulator rejects them). */
  allowInvalidRequests(): void;
} {
  let current: RunningSimulator | undefined;
  let checkRequests = true;
  afterEach(async () => {
    const sim = current;
    current = undefined;
    const requests = checkRequests;
    checkRequests = true;
    if (!sim) return;
    try {
      expectConformant(sim.log, { requests });
    } finally {
      await sim.close();
    }
  });
  return {
    async start(world, options) {
      if (current) await current.close();
      current = await startSimulator(world, options);
      return current;
    },
    allowInvalidRequests() {
      checkRequests = false;
    },
  };
}

export const JSON_ACCEPT = 'application/json';
