/**
 * Shared set-up for the Forge tests: a simulated site and a local Forge runtime running the app's
 * real handler through the real @forge/api, @forge/resolver and @forge/kvs code paths.
 * local-forge must be imported before anything that loads @forge/api.
 */
import {
  createLocalForgeRuntime,
  type InvokeRequest,
  type LocalForgeOptions,
  type LocalForgeRuntime,
  type LocalModuleKey,
} from '../../local-forge';
import { startSimulator, type RunningSimulator, type World } from '../../simulator';
import { projectByKey, ROLE } from '../../simulator/builders';
import { ACCOUNT } from '../../simulator/worlds/scenarios';

export { ACCOUNT };

export interface Harness {
  sim: RunningSimulator;
  runtime: LocalForgeRuntime;
  close(): Promise<void>;
}

export async function startHarness(
  world: World,
  options: Pick<
    LocalForgeOptions,
    | 'now'
    | 'budgetMs'
    | 'timeoutMs'
    | 'productionHandler'
    | 'profile'
    | 'scopes'
    | 'appAccountId'
    | 'impersonableScopes'
    | 'impersonationRefusal'
    | 'eventRetries'
  > = {},
): Promise<Harness> {
  const sim = await startSimulator(world);
  const runtime = createLocalForgeRuntime({
    siteUrl: sim.siteUrl,
    cloudId: sim.cloudId,
    gatewayUrl: sim.gatewayUrl,
    issueToken: (accountId) => sim.issueForgeToken(accountId),
    // What the platform knows of an account (offline impersonation): read live from the world.
    accounts: (accountId) => {
      const user = world.users.find((u) => u.accountId === accountId);
      return user && { active: user.active, accountType: user.accountType };
    },
    ...options,
  });
  return { sim, runtime, close: () => sim.close() };
}

/** Alice (a developer, not a Jira administrator) becomes an administrator of project `key`. */
export function makeProjectAdmin(
  world: World,
  key: string,
  accountId: string = ACCOUNT.alice,
): void {
  const admins = projectByKey(world, key).roles.find((r) => r.id === ROLE.administrators.id);
  if (!admins) throw new Error(`project ${key} has no Administrators role`);
  admins.actors.users.push(accountId);
}

export interface Envelope {
  ok: boolean;
  error?: { code: string; message: string };
  [key: string]: unknown;
}

export const ADMIN_PAGE: LocalModuleKey = 'credential-doctor-admin';
export const PROJECT_PAGE: LocalModuleKey = 'credential-doctor-project';

export async function call(
  runtime: LocalForgeRuntime,
  req: Omit<InvokeRequest, 'moduleKey'> & { moduleKey?: LocalModuleKey },
): Promise<Envelope> {
  const result = await runtime.invoke({
    moduleKey: req.projectKey ? PROJECT_PAGE : ADMIN_PAGE,
    ...req,
  });
  return result as Envelope;
}

/** Product calls made by resolvers (the browser bridge's own calls excluded). */
export function resolverCalls(runtime: LocalForgeRuntime): string[] {
  return runtime
    .productCalls()
    .filter((c) => c.source === 'resolver')
    .map((c) => `${c.method} ${c.path.replace(/\?$/, '')}`);
}

/**
 * Fails the suite when the Forge requestJira adapter refused an endpoint the engine asked for
 * (the engine then reports it as a network failure, which would hide a missing table entry).
 */
export function failOnRefusedEndpoints(): void {
  const refusals: string[] = [];
  let original: typeof console.error;
  beforeAll(() => {
    original = console.error;
    console.error = (...args: unknown[]) => {
      const text = args.map(String).join(' ');
      if (/Forge adapter refused/.test(text)) refusals.push(text);
      original(...args);
    };
  });
  afterAll(() => {
    console.error = original;
    expect(refusals).toEqual([]);
  });
}
