/**
 * A local Forge runtime: runs the app's real exported `handler` (src/index.ts) with Forge-shaped
 * events, and routes the real `@forge/api` / `@forge/resolver` / `@forge/kvs` code paths:
 *  - `asUser().requestJira` → the simulator's site, as the chosen simulated user
 *    (`Authorization: Bearer <issueToken(accountId)>`);
 *  - `fetch` (egress) → the network, limited to the site and the API gateway like the manifest's
 *    `permissions.external.fetch.backend`; `https://api.atlassian.com` is served by `gatewayUrl`;
 *  - `@forge/kvs` → an in-memory store per runtime (one installation), with TTLs;
 *  - `privacy.reportPersonalData` (`POST /app/report-accounts` as the app) → the account statuses
 *    set with `setAccountStatus`;
 *  - scheduled triggers → `runScheduledTrigger` (any function a `scheduledTrigger` names);
 *  - async events (`@forge/events` `Queue.push`) → a local queue (local-forge/events.ts) that
 *    `deliverEvents` hands to the queue's consumer function, as the platform does;
 *  - offline user impersonation (`asUser(accountId)` for someone who is not the invocation's
 *    user) → allowed only for operations the manifest's `allowImpersonation` scopes cover, and
 *    refused for deactivated accounts, app accounts and people who have not allowed access.
 * Every platform call is held to the manifest's scopes the way the platform holds it
 * (local-forge/scopes.ts): a Jira call without its scopes gets Jira's 403, the privacy API and
 * storage are refused without theirs, and an `asUser()` call by someone who has not allowed
 * access to the current scopes gets the consent error (`NEEDS_AUTHENTICATION_ERR`). Where this
 * runtime still differs from the platform: docs/forge-local-runtime.md.
 * The resolvers run with a local environment (`createDefinitions`): the simulator's exact origin
 * is the only site allowed, where production allows only `https://<name>.atlassian.net`.
 * Never imported by src/.
 */
// Order matters: the hooks must be installed before anything loads `@forge/api`.
import {
  hooks,
  PROBE_URL,
  type ForgeFetchDescriptor,
  type ForgeFetchInit,
  type Invocation,
  type InvocationHost,
} from './hooks';
import { randomUUID } from 'node:crypto';
import api from '@forge/api';
import * as appFunctions from '../src/index';
import { createDefinitions } from '../src/resolvers';
import { ACTIVE_PROFILE } from '../src/profile/active';
import { PROFILES, type ProfileName } from '../src/profile/profiles';
import { INVOCATION_BUDGET_MS } from '../src/resolvers/deadline';
import { InMemoryKvs } from './kvs';
import { LocalQueue, PUSH_PATH, type QueuedEvent } from './events';
import {
  jiraOperation,
  manifestFunctions,
  manifestImpersonableScopes,
  manifestScopes,
  missingScopeResponse,
  PRIVACY_SCOPE,
  satisfies,
  STORAGE_SCOPE,
} from './scopes';

export type LocalModuleKey = 'credential-doctor-admin' | 'credential-doctor-project';

export interface LocalForgeOptions {
  /** The simulated site, e.g. http://127.0.0.1:4100 (becomes `context.siteUrl`). */
  siteUrl: string;
  cloudId: string;
  /** Serves what production sends to https://api.atlassian.com. */
  gatewayUrl: string;
  /** A token the simulator accepts as a Forge `asUser()` call by this account. */
  issueToken(accountId: string): string;
  /** Forge stops resolvers after 25 s. */
  timeoutMs?: number;
  /** The resolvers' invocation deadline (production: INVOCATION_BUDGET_MS). */
  budgetMs?: number;
  /** The store's clock (for retention tests). */
  now?: () => number;
  /**
   * Run the production handler exported by src/index.ts (which refuses any site but
   * `https://<name>.atlassian.net`) instead of one built for the simulator's origin.
   */
  productionHandler?: boolean;
  /**
   * Which build to run (src/profile). Default: the source tree's own. Egress follows the build's
   * manifest: none at all for `runs-on-atlassian`.
   */
  profile?: ProfileName;
  /**
   * The scopes the installed app holds. Default: manifest.yml's `permissions.scopes` (the same in
   * every build). Tests pass fewer to see a call refused.
   */
  scopes?: readonly string[];
  /**
   * The account `asApp()` Jira calls act as (the app's own user on the site). Without it an
   * `asApp()` Jira call is refused: the app makes none today.
   */
  appAccountId?: string;
  /**
   * What the platform knows of an account, for offline impersonation: whether it is active and
   * its type. Default: every account is an active Atlassian account. The harness reads the
   * simulator's world.
   */
  accounts?: (accountId: string) => { active: boolean; accountType: string } | undefined;
  /** The scopes declared with `allowImpersonation: true`. Default: manifest.yml's. */
  impersonableScopes?: readonly string[];
  /**
   * How a refused impersonation is answered. Undocumented (docs/forge-local-runtime.md,
   * "Impersonation"), so the app must cope with each: `proxy-error` (default: a
   * `forge-proxy-error` header, which `@forge/api` turns into ProxyRequestError),
   * `needs-authentication` (NeedsAuthenticationError), or `jira-401` (Jira's own 401).
   */
  impersonationRefusal?: 'proxy-error' | 'needs-authentication' | 'jira-401';
  /** Retries of an async event whose consumer asks for one (`InvocationError`). Default 4. */
  eventRetries?: number;
}

/** An offline `asUser(accountId)` call and what the runtime did with it. */
export interface ImpersonationCall {
  /** Who the app acted as. */
  accountId: string;
  method: string;
  path: string;
  allowed: boolean;
  /** Why it was refused. */
  reason?: 'scope-not-impersonable' | 'deactivated' | 'app-account' | 'no-access';
}

/** One delivery of an async event to its consumer. */
export interface EventDelivery {
  queueName: string;
  body: Record<string, unknown>;
  retryCount: number;
  /** `done`; `retry` (the consumer asked); `failed` (threw or timed out: not retried here). */
  outcome: 'done' | 'retry' | 'failed';
  error?: string;
}

/** A platform call the runtime refused for a missing scope (or for missing consent). */
export interface ScopeRefusal {
  kind: 'jira' | 'privacy' | 'storage' | 'consent' | 'impersonation';
  /**
   * `resolver` (as the user), `app` (as the app), `bridge` (the browser), `platform` (privacy,
   * storage), `impersonation` (an offline `asUser(accountId)`).
   */
  source: 'resolver' | 'app' | 'bridge' | 'platform' | 'impersonation';
  method: string;
  path: string;
  /** What would have allowed it: one of these groups, each in full. */
  needed: string[][];
}

export type AccountStatus = 'closed' | 'updated';

export interface PrivacyReportCall {
  accounts: Array<{ accountId: string; updatedAt: string }>;
}

export interface InvokeRequest {
  /** Resolver key, e.g. `runCheck`. */
  functionKey: string;
  payload: unknown;
  /** The signed-in user. */
  accountId: string;
  moduleKey: LocalModuleKey;
  /** The project of a project settings page (required for `credential-doctor-project`). */
  projectKey?: string;
  /** Its ID, when the context should carry it (otherwise the app asks Jira). */
  projectId?: string;
}

export interface ProductCall {
  accountId: string;
  method: string;
  path: string;
  /**
   * A resolver's `asUser()` call, an `asApp()` call, the browser bridge's `requestJira`, or an
   * offline `asUser(accountId)` call (impersonation, e.g. by a scheduled function).
   */
  source: 'resolver' | 'app' | 'bridge' | 'impersonation';
}

export interface EgressCall {
  accountId: string;
  method: string;
  /** The URL as the app requested it (production host names). */
  url: string;
  /** Where it was sent; null when refused. */
  sentTo: string | null;
  allowed: boolean;
}

export interface BridgeResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface LocalForgeRuntime {
  /** Runs the real exported `handler` from src/index.ts with a Forge-shaped event and context. */
  invoke(req: InvokeRequest): Promise<unknown>;
  /** For the browser bridge's `requestJira`: a product call as that user. */
  requestJiraAsUser(
    accountId: string,
    path: string,
    init?: { method?: string; body?: string; headers?: Record<string, string> },
  ): Promise<BridgeResponse>;
  kvsSnapshot(): Record<string, unknown>;
  productCalls(): ProductCall[];
  egressCalls(): EgressCall[];
  /** Forgets recorded calls (the store is kept). */
  clearCalls(): void;
  /** When each stored key expires (epoch ms; null = never). */
  kvsExpiries(): Record<string, number | null>;
  /** Puts a value straight into the store (for tests of data written by older versions). */
  kvsSeed(key: string, value: unknown): Promise<void>;
  /** Calls the store received per API path (`/api/v1/get`, `/api/v1/query`, …). */
  kvsCallCounts(): Record<string, number>;
  /** Store read and write units used so far, counted per 10 KB as Forge does. */
  kvsUnits(): { read: number; write: number };
  /** The store answers 429 RATE_LIMIT_EXCEEDED (over quota) to the calls `fail` picks; null: none. */
  setKvsFault(fail: ((path: string) => boolean) | null): void;
  /** What the personal data reporting API answers for an account (default: nothing to do). */
  setAccountStatus(accountId: string, status: AccountStatus | null): void;
  /** Calls the app made to the personal data reporting API. */
  privacyReports(): PrivacyReportCall[];
  /**
   * Makes the personal data reporting API answer 500 to the calls `fail` picks (by the number of
   * the call, from 1, counted from the first call ever made); null: every call answers.
   */
  setPrivacyFault(fail: ((call: number) => boolean) | null): void;
  /**
   * Runs a scheduled trigger's function the way the platform does (no user, its timeout): by
   * handler name (`privacySweep`, `watchDaily`); refused unless a `scheduledTrigger` names it.
   */
  runScheduledTrigger(handler: string): Promise<unknown>;
  /** Async events pushed and not delivered yet, in delivery order. */
  pendingEvents(): Array<Pick<QueuedEvent, 'queueName' | 'body' | 'dueAt'>>;
  /**
   * Delivers due async events to their consumers, one invocation each (no user, the consumer
   * function's timeout), until none is due: also those the consumers push meanwhile. With
   * `ignoreDelays`, events are delivered whatever their `delayInSeconds` (the demo's "now").
   * At most `max` deliveries (default 10,000).
   */
  deliverEvents(options?: { ignoreDelays?: boolean; max?: number }): Promise<EventDelivery[]>;
  /** Offline `asUser(accountId)` calls, oldest first. */
  impersonations(): ImpersonationCall[];
  /** Push requests the queue received (status 201 accepted). */
  eventPushes(): Array<{ queueName: string; events: number; bytes: number; status: number }>;
  /** Calls refused for a missing scope or missing consent, oldest first. */
  scopeRefusals(): ScopeRefusal[];
  /**
   * Which scopes this user allowed access to ("Allow access"): null = never, so every `asUser()`
   * call answers the consent error. Default: the app's current scopes. A user who allowed an
   * older, smaller set is asked again, as after an upgrade that adds a scope.
   */
  setConsent(accountId: string, scopes: readonly string[] | null): void;
  /**
   * Runs app code inside an invocation of this runtime, as the platform runs a function for this
   * user ('' for none): for tests of platform calls the resolvers do not make (e.g. `asApp()`).
   */
  within<T>(accountId: string, work: () => Promise<T>): Promise<T>;
}

const MODULES: Readonly<Record<LocalModuleKey, string>> = {
  'credential-doctor-admin': 'jira:adminPage',
  'credential-doctor-project': 'jira:projectSettingsPage',
};
const PRODUCTION_GATEWAY = 'https://api.atlassian.com';
const APP_ID = '00000000-0000-0000-0000-000000000000';
const ENVIRONMENT_ID = '11111111-1111-1111-1111-111111111111';
const DEFAULT_TIMEOUT_MS = 25_000;

let egressVerified: Promise<void> | null = null;

/** Checks once that `@forge/api`'s `fetch` goes through the local egress (it captures `fetch` at load). */
function verifyEgressRouting(): Promise<void> {
  egressVerified ??= (async () => {
    const probe: Invocation = {
      host: {
        forgeFetch: () => Promise.reject(new Error('probe')),
        egress: () => Promise.reject(new Error('probe')),
      },
      accountId: 'probe',
      invocationId: 'probe',
      forgeRuntime: {},
      probe: true,
    };
    const routed = await hooks.storage.run(probe, async () => {
      try {
        const res = await api.fetch(PROBE_URL);
        return (await res.text()) === 'local-forge';
      } catch {
        return false;
      }
    });
    if (!routed) {
      throw new Error(
        'local-forge: @forge/api was loaded before local-forge, so its fetch bypasses the local egress. Import local-forge first.',
      );
    }
  })();
  return egressVerified;
}

class Runtime implements LocalForgeRuntime, InvocationHost {
  private readonly kvs: InMemoryKvs;
  private readonly statuses = new Map<string, AccountStatus>();
  private readonly reports: PrivacyReportCall[] = [];
  private privacyFault: ((call: number) => boolean) | null = null;
  private privacyCalls = 0;
  private readonly handler: (event: unknown, context: unknown) => Promise<unknown>;
  private readonly products: ProductCall[] = [];
  private readonly egresses: EgressCall[] = [];
  private readonly tokens = new Map<string, string>();
  private readonly siteOrigin: string;
  private readonly gatewayBase: string;
  private readonly timeoutMs: number;
  private readonly egressAllowed: boolean;
  private readonly granted: ReadonlySet<string>;
  private readonly consents = new Map<string, ReadonlySet<string> | null>();
  private readonly refusals: ScopeRefusal[] = [];
  private readonly impersonable: ReadonlySet<string>;
  private readonly impersonated: ImpersonationCall[] = [];
  private readonly functions = manifestFunctions();
  private readonly queue: LocalQueue;
  private readonly now: () => number;

  constructor(private readonly options: LocalForgeOptions) {
    this.granted = new Set(options.scopes ?? manifestScopes());
    this.impersonable = new Set(
      (options.impersonableScopes ?? manifestImpersonableScopes()).filter((s) =>
        this.granted.has(s),
      ),
    );
    this.now = options.now ?? Date.now;
    this.queue = new LocalQueue(this.now, () => this.functions.consumers);
    this.siteOrigin = new URL(options.siteUrl).origin;
    this.gatewayBase = options.gatewayUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.kvs = new InMemoryKvs(options.now);
    const siteOrigin = this.siteOrigin;
    this.handler = (
      options.productionHandler
        ? appFunctions.handler
        : createDefinitions(
            {
              isAllowedSite: (origin) => origin === siteOrigin,
              budgetMs: options.budgetMs ?? INVOCATION_BUDGET_MS,
            },
            options.profile,
          )
    ) as (event: unknown, context: unknown) => Promise<unknown>;
    this.egressAllowed = PROFILES[options.profile ?? ACTIVE_PROFILE].egress.length > 0;
  }

  async invoke(req: InvokeRequest): Promise<unknown> {
    await verifyEgressRouting();
    const extensionType = MODULES[req.moduleKey];
    if (!extensionType) throw new Error(`local-forge: unknown module ${String(req.moduleKey)}`);
    if (req.moduleKey === 'credential-doctor-project' && !req.projectKey) {
      throw new Error('local-forge: a project settings page invocation needs projectKey');
    }
    const invocationId = randomUUID();
    const extension =
      req.moduleKey === 'credential-doctor-project'
        ? {
            type: extensionType,
            project: { key: req.projectKey, ...(req.projectId ? { id: req.projectId } : {}) },
          }
        : { type: extensionType };
    const event = {
      call: { functionKey: req.functionKey, payload: jsonCopy(req.payload) },
      context: {
        cloudId: this.options.cloudId,
        siteUrl: this.options.siteUrl,
        moduleKey: req.moduleKey,
        localId: `ari:cloud:ecosystem::extension/${APP_ID}/${ENVIRONMENT_ID}/static/${req.moduleKey}`,
        environmentId: ENVIRONMENT_ID,
        environmentType: 'DEVELOPMENT',
        extension,
        locale: 'en-US',
        timezone: 'UTC',
      },
    };
    const installContext = `ari:cloud:jira::site/${this.options.cloudId}`;
    const backendRuntimePayload = {
      principal: { accountId: req.accountId },
      installContext,
      installation: { ari: { installationId: this.options.cloudId }, contexts: [installContext] },
    };
    const invocation: Invocation = {
      host: this,
      accountId: req.accountId,
      invocationId,
      origin: invocationId,
      forgeRuntime: this.forgeRuntimeRecord(req, invocationId),
    };
    const run = hooks.storage.run(invocation, () => this.handler(event, backendRuntimePayload));
    return jsonCopy(await withTimeout(run, this.timeoutMs));
  }

  async runScheduledTrigger(handler: string): Promise<unknown> {
    await verifyEgressRouting();
    const trigger = this.functions.scheduled.find(
      (t) => this.functions.handlers[t.function] === handler,
    );
    if (!trigger) {
      throw new Error(`local-forge: no scheduledTrigger in manifest.yml runs ${handler}`);
    }
    const invocationId = randomUUID();
    // Scheduled triggers run without a user: no principal. Their return value is ignored.
    const run = this.runFunction(trigger.function, invocationId, invocationId, (fn) =>
      fn({ context: { cloudId: this.options.cloudId, moduleKey: trigger.key } }, this.noUser()),
    );
    return jsonCopy(await run);
  }

  pendingEvents(): Array<Pick<QueuedEvent, 'queueName' | 'body' | 'dueAt'>> {
    return this.queue.pending().map((e) => ({
      queueName: e.queueName,
      body: jsonCopy(e.body) as QueuedEvent['body'],
      dueAt: e.dueAt,
    }));
  }

  eventPushes(): Array<{ queueName: string; events: number; bytes: number; status: number }> {
    return this.queue.pushRecords();
  }

  async deliverEvents(
    options: { ignoreDelays?: boolean; max?: number } = {},
  ): Promise<EventDelivery[]> {
    await verifyEgressRouting();
    const deliveries: EventDelivery[] = [];
    const max = options.max ?? 10_000;
    const retries = this.options.eventRetries ?? 4;
    while (deliveries.length < max) {
      const event = this.queue.take(this.now(), options.ignoreDelays === true);
      if (!event) break;
      const functionKey = this.functions.consumers[event.queueName] as string;
      const asyncEvent = {
        body: event.body,
        queueName: event.queueName,
        jobId: event.jobId,
        eventId: event.eventId,
        ...(event.retryContext ? { retryContext: event.retryContext } : {}),
      };
      const retryCount = event.retryContext?.retryCount ?? 0;
      try {
        const result = (await this.runFunction(functionKey, randomUUID(), event.origin, (fn) =>
          fn(jsonCopy(asyncEvent), this.noUser()),
        )) as
          | {
              _retry?: unknown;
              retryOptions?: { retryAfter?: number; retryReason?: string; retryData?: unknown };
            }
          | undefined;
        if (result?._retry === true && retryCount < retries) {
          const after = Math.max(1, result.retryOptions?.retryAfter ?? 1);
          this.queue.requeue({
            ...event,
            dueAt: this.now() + after * 1000,
            retryContext: {
              retryCount: retryCount + 1,
              retryReason: result.retryOptions?.retryReason ?? 'FUNCTION_RETRY_REQUEST',
              retryData: result.retryOptions?.retryData,
            },
          });
          deliveries.push({
            queueName: event.queueName,
            body: event.body,
            retryCount,
            outcome: 'retry',
          });
        } else {
          deliveries.push({
            queueName: event.queueName,
            body: event.body,
            retryCount,
            outcome: 'done',
          });
        }
      } catch (error) {
        deliveries.push({
          queueName: event.queueName,
          body: event.body,
          retryCount,
          outcome: 'failed',
          error: (error as Error).message,
        });
      }
    }
    return deliveries;
  }

  impersonations(): ImpersonationCall[] {
    return this.impersonated.map((c) => ({ ...c }));
  }

  /** The invocation context of a function run without a user (scheduled triggers, events). */
  private noUser(): Record<string, unknown> {
    const installContext = `ari:cloud:jira::site/${this.options.cloudId}`;
    return {
      installContext,
      installation: { ari: { installationId: this.options.cloudId }, contexts: [installContext] },
    };
  }

  /** Runs a manifest function by key, without a user, within its timeout (default 55 s). */
  private async runFunction(
    functionKey: string,
    invocationId: string,
    origin: string,
    call: (fn: (...args: unknown[]) => Promise<unknown>) => Promise<unknown>,
  ): Promise<unknown> {
    const handler = this.functions.handlers[functionKey];
    const fn = handler ? (appFunctions as unknown as Record<string, unknown>)[handler] : undefined;
    if (typeof fn !== 'function') {
      throw new Error(
        `local-forge: function ${functionKey} has no handler exported by src/index.ts`,
      );
    }
    const invocation: Invocation = {
      host: this,
      accountId: '',
      invocationId,
      origin,
      forgeRuntime: this.forgeRuntimeRecord(
        { functionKey, payload: null, accountId: '', moduleKey: 'credential-doctor-admin' },
        invocationId,
      ),
    };
    const timeoutMs = (this.functions.timeoutSeconds[functionKey] ?? 55) * 1000;
    const run = hooks.storage.run(invocation, () =>
      call(fn as (...args: unknown[]) => Promise<unknown>),
    );
    return withTimeout(run, timeoutMs);
  }

  kvsExpiries(): Record<string, number | null> {
    return this.kvs.expiries();
  }

  setKvsFault(fail: ((path: string) => boolean) | null): void {
    this.kvs.setFault(fail);
  }

  kvsUnits(): { read: number; write: number } {
    return this.kvs.units();
  }

  kvsCallCounts(): Record<string, number> {
    return this.kvs.callCounts();
  }

  async kvsSeed(key: string, value: unknown): Promise<void> {
    const res = await this.kvs.handle('/api/v1/set', { body: JSON.stringify({ key, value }) });
    if (!res.ok) throw new Error(`local-forge: could not seed ${key} (${res.status})`);
  }

  setAccountStatus(accountId: string, status: AccountStatus | null): void {
    if (status === null) this.statuses.delete(accountId);
    else this.statuses.set(accountId, status);
  }

  setPrivacyFault(fail: ((call: number) => boolean) | null): void {
    this.privacyFault = fail;
  }

  async within<T>(accountId: string, work: () => Promise<T>): Promise<T> {
    await verifyEgressRouting();
    const invocationId = randomUUID();
    const invocation: Invocation = {
      host: this,
      accountId,
      invocationId,
      origin: invocationId,
      forgeRuntime: this.forgeRuntimeRecord(
        { functionKey: 'within', payload: null, accountId, moduleKey: 'credential-doctor-admin' },
        invocationId,
      ),
    };
    return hooks.storage.run(invocation, work);
  }

  scopeRefusals(): ScopeRefusal[] {
    return this.refusals.map((r) => ({ ...r, needed: r.needed.map((g) => [...g]) }));
  }

  setConsent(accountId: string, scopes: readonly string[] | null): void {
    this.consents.set(accountId, scopes === null ? null : new Set(scopes));
  }

  /**
   * An offline `asUser(accountId)` Jira call: allowed when the operation's scopes are covered by
   * the scopes declared `allowImpersonation: true`, and the account is an active, non-app
   * account that has allowed the app access (RFC-92; docs/forge-local-runtime.md).
   */
  private async impersonate(
    accountId: string,
    method: string,
    path: string,
    init: ForgeFetchInit,
  ): Promise<Response> {
    const operation = jiraOperation(method, path);
    if (operation === null) {
      throw new Error(
        `local-forge: ${method} ${path.replace(/\?.*$/, '')} is not a Jira REST operation in the committed spec, so its scopes are unknown.`,
      );
    }
    const account = this.options.accounts?.(accountId) ?? {
      active: true,
      accountType: 'atlassian',
    };
    const reason: ImpersonationCall['reason'] | null = !satisfies(
      operation.groups,
      this.impersonable,
    )
      ? 'scope-not-impersonable'
      : !account.active
        ? 'deactivated'
        : account.accountType === 'app'
          ? 'app-account'
          : !this.hasConsented(accountId)
            ? 'no-access'
            : null;
    this.impersonated.push({
      accountId,
      method,
      path,
      allowed: reason === null,
      ...(reason ? { reason } : {}),
    });
    if (reason === null) {
      return (
        this.jiraScopeRefusal('impersonation', method, path) ??
        this.productCall(accountId, path, init, 'impersonation')
      );
    }
    this.refusals.push({
      kind: 'impersonation',
      source: 'impersonation',
      method,
      path,
      needed: reason === 'scope-not-impersonable' ? operation.groups : [],
    });
    switch (this.options.impersonationRefusal ?? 'proxy-error') {
      case 'needs-authentication':
        return new Response(null, {
          status: 401,
          headers: { 'forge-proxy-error': 'NEEDS_AUTHENTICATION_ERR' },
        });
      case 'jira-401':
        return new Response(
          JSON.stringify({ errorMessages: ['You are not authorized to perform this operation.'] }),
          { status: 401, headers: { 'content-type': 'application/json' } },
        );
      default:
        // Invented code: the platform's refusal is not documented in what we read.
        return new Response(null, {
          status: 403,
          headers: { 'forge-proxy-error': 'IMPERSONATION_NOT_ALLOWED' },
        });
    }
  }

  /** Whether this user has allowed access to every scope the app holds now. */
  private hasConsented(accountId: string): boolean {
    if (!this.consents.has(accountId)) return true;
    const allowed = this.consents.get(accountId);
    return (
      allowed !== null && allowed !== undefined && [...this.granted].every((s) => allowed.has(s))
    );
  }

  /** The platform's consent error: `@forge/api` turns this header into NeedsAuthenticationError. */
  private consentNeeded(source: ScopeRefusal['source'], method: string, path: string): Response {
    this.refusals.push({ kind: 'consent', source, method, path, needed: [[...this.granted]] });
    return new Response(null, {
      status: 401,
      headers: { 'forge-proxy-error': 'NEEDS_AUTHENTICATION_ERR' },
    });
  }

  /** A Jira call's scope check: null when allowed, else Jira's refusal. */
  private jiraScopeRefusal(
    source: ScopeRefusal['source'],
    method: string,
    path: string,
  ): Response | null {
    const operation = jiraOperation(method, path);
    if (operation === null) {
      throw new Error(
        `local-forge: ${method} ${path.replace(/\?.*$/, '')} is not a Jira REST operation in the committed spec, so its scopes are unknown.`,
      );
    }
    if (satisfies(operation.groups, this.granted)) return null;
    this.refusals.push({ kind: 'jira', source, method, path, needed: operation.groups });
    return missingScopeResponse(operation.groups, this.granted);
  }

  /** Refuses a platform API the app holds no scope for (the exact platform answer is undocumented). */
  private platformScopeRefusal(
    kind: 'privacy' | 'storage',
    scope: string,
    method: string,
    path: string,
  ): Response | null {
    if (this.granted.has(scope)) return null;
    this.refusals.push({ kind, source: 'platform', method, path, needed: [[scope]] });
    return new Response(
      JSON.stringify({
        code: 'SCOPE_MISSING',
        message: `local-forge: the app does not hold the ${scope} scope.`,
      }),
      { status: 403, headers: { 'content-type': 'application/json' } },
    );
  }

  privacyReports(): PrivacyReportCall[] {
    return this.reports.map((r) => ({ accounts: r.accounts.map((a) => ({ ...a })) }));
  }

  /**
   * `POST /app/report-accounts` (what `privacy.reportPersonalData` calls, at most 90 accounts a
   * request): 200 with the accounts that need action, 204 when none do.
   */
  private reportAccounts(init: ForgeFetchInit | undefined): Response {
    const body = JSON.parse(String(init?.body ?? '{}')) as PrivacyReportCall;
    const accounts = Array.isArray(body.accounts) ? body.accounts : [];
    if (accounts.length > 90) return new Response('Too many accounts', { status: 400 });
    this.privacyCalls += 1;
    if (this.privacyFault?.(this.privacyCalls)) {
      return new Response('Internal Server Error', { status: 500 });
    }
    this.reports.push({ accounts });
    const due = accounts
      .map((a) => ({ accountId: a.accountId, status: this.statuses.get(a.accountId) }))
      .filter((a): a is { accountId: string; status: AccountStatus } => a.status !== undefined);
    return due.length === 0
      ? new Response(null, { status: 204 })
      : new Response(JSON.stringify({ accounts: due }), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        });
  }

  async requestJiraAsUser(
    accountId: string,
    path: string,
    init: { method?: string; body?: string; headers?: Record<string, string> } = {},
  ): Promise<BridgeResponse> {
    const method = (init.method ?? 'GET').toUpperCase();
    const response = !this.hasConsented(accountId)
      ? this.consentNeeded('bridge', method, path)
      : (this.jiraScopeRefusal('bridge', method, path) ??
        (await this.productCall(accountId, path, init, 'bridge')));
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    return { status: response.status, headers, body: await response.text() };
  }

  kvsSnapshot(): Record<string, unknown> {
    return this.kvs.snapshot();
  }

  productCalls(): ProductCall[] {
    return this.products.map((c) => ({ ...c }));
  }

  egressCalls(): EgressCall[] {
    return this.egresses.map((c) => ({ ...c }));
  }

  clearCalls(): void {
    this.products.length = 0;
    this.egresses.length = 0;
  }

  /** InvocationHost: `__forge_fetch__` (product calls and storage). */
  async forgeFetch(
    invocation: Invocation,
    descriptor: ForgeFetchDescriptor,
    path: string,
    init: ForgeFetchInit | undefined,
  ): Promise<Response> {
    const method = (init?.method ?? 'GET').toUpperCase();
    if (descriptor.type === 'kvs') {
      return (
        this.platformScopeRefusal('storage', STORAGE_SCOPE, method, path) ??
        this.kvs.handle(path, { body: init?.body })
      );
    }
    if (
      descriptor.type === 'fpp' &&
      descriptor.provider === 'app' &&
      descriptor.remote === 'stargate' &&
      path === '/app/report-accounts' &&
      method === 'POST'
    ) {
      return (
        this.platformScopeRefusal('privacy', PRIVACY_SCOPE, method, path) ??
        this.reportAccounts(init)
      );
    }
    if (
      descriptor.type === 'fpp' &&
      descriptor.provider === 'app' &&
      descriptor.remote === 'stargate' &&
      PUSH_PATH.test(path) &&
      method === 'POST'
    ) {
      return this.queue.push(init?.body, invocation.origin ?? invocation.invocationId);
    }
    if (descriptor.type === 'fpp' && descriptor.remote === 'jira') {
      if (
        descriptor.provider === 'user' &&
        descriptor.accountId &&
        descriptor.accountId !== invocation.accountId
      ) {
        return this.impersonate(descriptor.accountId, method, path, init ?? {});
      }
      if (descriptor.provider === 'user') {
        const accountId = descriptor.accountId ?? invocation.accountId;
        if (!accountId || !this.hasConsented(accountId)) {
          return this.consentNeeded('resolver', method, path);
        }
        return (
          this.jiraScopeRefusal('resolver', method, path) ??
          this.productCall(accountId, path, init ?? {}, 'resolver')
        );
      }
      if (descriptor.provider === 'app') {
        const refused = this.jiraScopeRefusal('app', method, path);
        if (refused) return refused;
        if (!this.options.appAccountId) {
          throw new Error(
            'local-forge: an asApp() Jira call needs options.appAccountId (the account the app acts as).',
          );
        }
        return this.productCall(this.options.appAccountId, path, init ?? {}, 'app');
      }
      throw new Error(`local-forge: unknown Jira provider ${String(descriptor.provider)}`);
    }
    throw new Error(
      `local-forge: unsupported platform call ${descriptor.type}/${String(descriptor.remote)}`,
    );
  }

  /** InvocationHost: the global `fetch` inside an invocation (egress). */
  async egress(
    invocation: Invocation,
    input: string | URL | Request,
    init: RequestInit | undefined,
    networkFetch: typeof fetch,
  ): Promise<Response> {
    const requested = input instanceof Request ? input.url : String(input);
    const method = (
      init?.method ?? (input instanceof Request ? input.method : 'GET')
    ).toUpperCase();
    const url = new URL(requested);
    let target: string | null = null;
    if (!this.egressAllowed) target = null;
    else if (url.origin === this.siteOrigin) target = url.href;
    else if (url.origin === PRODUCTION_GATEWAY)
      target = `${this.gatewayBase}${url.pathname}${url.search}`;
    this.egresses.push({
      accountId: invocation.accountId,
      method,
      url: `${url.origin}${url.pathname}`,
      sentTo: target,
      allowed: target !== null,
    });
    if (target === null) {
      throw new Error(
        this.egressAllowed
          ? `local-forge: egress to ${url.origin} is not allowed (only the site and the API gateway are)`
          : `local-forge: egress to ${url.origin} is not allowed (this build declares no external egress)`,
      );
    }
    return input instanceof Request
      ? networkFetch(new Request(target, input), init)
      : networkFetch(target, init);
  }

  private async productCall(
    accountId: string,
    path: string,
    init: ForgeFetchInit,
    source: ProductCall['source'],
  ): Promise<Response> {
    if (!path.startsWith('/')) throw new Error('local-forge: product paths start with /');
    const method = (init.method ?? 'GET').toUpperCase();
    this.products.push({ accountId, method, path, source });
    const headers = new Headers(init.headers as HeadersInit | undefined);
    headers.delete('authorization');
    headers.delete('cookie');
    headers.set('Authorization', `Bearer ${this.tokenFor(accountId)}`);
    const body = init.body as BodyInit | null | undefined;
    return hooks.networkFetch(`${this.siteOrigin}${path}`, {
      method,
      headers,
      ...(body === undefined || body === null ? {} : { body }),
      redirect: 'manual',
      ...(init.signal ? { signal: init.signal } : {}),
    });
  }

  private tokenFor(accountId: string): string {
    let token = this.tokens.get(accountId);
    if (token === undefined) {
      token = this.options.issueToken(accountId);
      this.tokens.set(accountId, token);
    }
    return token;
  }

  private forgeRuntimeRecord(req: InvokeRequest, invocationId: string): Record<string, unknown> {
    const noop = { incr: () => undefined, measure: () => ({ stop: () => undefined }) };
    const deadline = Date.now() + this.timeoutMs;
    return {
      appContext: {
        appId: APP_ID,
        appVersion: '0.1.0',
        environmentId: ENVIRONMENT_ID,
        environmentType: 'DEVELOPMENT',
        invocationId,
        installationId: this.options.cloudId,
        moduleKey: req.moduleKey,
      },
      lambdaContext: { getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()) },
      metrics: { counter: () => noop, timing: () => noop },
      tracing: { traceId: invocationId.replace(/-/g, ''), spanId: invocationId.slice(0, 16) },
    };
  }
}

export function createLocalForgeRuntime(options: LocalForgeOptions): LocalForgeRuntime {
  return new Runtime(options);
}

function jsonCopy(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`local-forge: the invocation ran longer than ${ms} ms`)),
      ms,
    );
    timer.unref?.();
    work.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}
