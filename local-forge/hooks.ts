/**
 * The platform hooks the Forge SDK calls, installed once per JavaScript realm:
 *  - `global.__forge_fetch__`: product calls (`asUser().requestJira`) and `@forge/kvs` storage;
 *  - `global.__forge_runtime__`: the invocation's runtime record (app context, tracing);
 *  - `global.fetch`: egress, which `@forge/api`'s `fetch` captures when it loads.
 * Each hook looks up the current invocation in an AsyncLocalStorage, so concurrent invocations
 * (different users, different runtimes) never see each other's context.
 *
 * Import this module before anything that loads `@forge/api` (local-forge/index.ts does).
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface ForgeFetchDescriptor {
  type: string;
  provider?: string;
  remote?: string;
  accountId?: string;
}

export interface ForgeFetchInit {
  method?: string;
  headers?: Record<string, string> | Headers | Array<[string, string]>;
  body?: unknown;
  redirect?: RequestRedirect;
  signal?: AbortSignal;
}

/** What an invocation's runtime implements. */
export interface InvocationHost {
  forgeFetch(
    invocation: Invocation,
    descriptor: ForgeFetchDescriptor,
    path: string,
    init: ForgeFetchInit | undefined,
  ): Promise<Response>;
  egress(
    invocation: Invocation,
    input: string | URL | Request,
    init: RequestInit | undefined,
    networkFetch: typeof fetch,
  ): Promise<Response>;
}

export interface Invocation {
  host: InvocationHost;
  accountId: string;
  invocationId: string;
  /** The `__forge_runtime__` record the SDK reads. */
  forgeRuntime: Record<string, unknown>;
  /** Set only while checking that `@forge/api`'s fetch is routed through these hooks. */
  probe?: boolean;
  /**
   * The initial invocation this one descends from through async events (its own id when it was
   * not started by an event): the platform limits the pushes of one such chain.
   */
  origin?: string;
}

interface Hooks {
  storage: AsyncLocalStorage<Invocation>;
  networkFetch: typeof fetch;
}

const HOOKS = Symbol.for('credential-doctor.local-forge.hooks');
export const PROBE_URL = 'https://local-forge-probe.invalid/';

type HookedGlobal = typeof globalThis & {
  [HOOKS]?: Hooks;
  __forge_fetch__?: unknown;
};

function install(): Hooks {
  const g = globalThis as HookedGlobal;
  const existing = g[HOOKS];
  if (existing) return existing;

  const storage = new AsyncLocalStorage<Invocation>();
  const networkFetch: typeof fetch = globalThis.fetch.bind(globalThis);
  const hooks: Hooks = { storage, networkFetch };

  g.__forge_fetch__ = async (
    descriptor: ForgeFetchDescriptor,
    path: string,
    init?: ForgeFetchInit,
  ): Promise<Response> => {
    const invocation = storage.getStore();
    if (!invocation) {
      throw new Error('local-forge: a Forge platform call was made outside a resolver invocation.');
    }
    return invocation.host.forgeFetch(invocation, descriptor, path, init);
  };

  Object.defineProperty(g, '__forge_runtime__', {
    configurable: true,
    enumerable: false,
    get: () => storage.getStore()?.forgeRuntime,
  });

  const egressFetch = async (
    input: string | URL | Request,
    init?: RequestInit,
  ): Promise<Response> => {
    const invocation = storage.getStore();
    if (!invocation) return networkFetch(input, init);
    if (invocation.probe && String(input instanceof Request ? input.url : input) === PROBE_URL) {
      return new Response('local-forge', { status: 200 });
    }
    return invocation.host.egress(invocation, input, init, networkFetch);
  };
  globalThis.fetch = egressFetch as typeof fetch;

  g[HOOKS] = hooks;
  return hooks;
}

export const hooks = install();
