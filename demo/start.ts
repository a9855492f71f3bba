/**
 * `npm start`: the local demo. Builds the panel when its build is stale, starts the Jira Cloud
 * simulator with the demo world and the local Forge runtime (the app's real resolvers), and
 * serves a shell page that plays Jira around the real panel. Prints one URL.
 *
 * `startDemo({ port: 0 })` does the same in-process for the browser tests.
 */
// The local Forge runtime must load before anything else pulls in @forge/api.
import { createLocalForgeRuntime, type LocalModuleKey } from '../local-forge';
import { startSimulator, type RunningSimulator } from '../simulator';
import { user } from '../simulator/builders';
import { DEMO_ACCOUNT, DEMO_CREDENTIALS, demoWorld } from '../simulator/worlds/demo';
import type { DemoBackend, DemoPerson } from './backend';
import { ensurePanelBuilt, PANEL_BUILD_DIR, panelSizeLine } from './build-panel';
import { createDemoServer } from './server';
import { createWatchControls } from './watch-controls';
import { isProfileName, PROFILE_NAMES, type ProfileName } from '../src/profile/profiles';

export const DEFAULT_PORT = 8787;
/** The Forge app's own account on the demo site (an app account, never a person). */
const DEMO_APP_ACCOUNT = '557058:0a1b2c3d-0000-4000-a000-00000000d3e0';

export interface StartDemoOptions {
  /** 0 picks a free port. Default: $PORT, else 8787. */
  port?: number;
  /** Build the panel first: when stale (default), always, or never. */
  build?: 'if-stale' | 'always' | 'never';
  /** No progress output (the tests). */
  quiet?: boolean;
  /** Which build of the app the local Forge runtime runs (default: the source tree's). */
  profile?: ProfileName;
}

export interface RunningDemo {
  url: string;
  simulator: RunningSimulator;
  backend: DemoBackend;
  /** Everything the app stored (history), to prove no secret ends up there. */
  storedData(): Record<string, unknown>;
  close(): Promise<void>;
}

const PEOPLE: ReadonlyArray<Omit<DemoPerson, 'displayName' | 'email'>> = [
  { role: 'admin', accountId: DEMO_ACCOUNT.admin, note: 'Jira administrator' },
  { role: 'project-admin', accountId: DEMO_ACCOUNT.pat, note: 'administers OPS only' },
  { role: 'non-admin', accountId: DEMO_ACCOUNT.alice, note: 'no admin rights' },
];

function demoBackend(
  sim: RunningSimulator,
  profile: ProfileName | undefined,
): DemoBackend & { storedData(): Record<string, unknown> } {
  // The app's own user on the site (what `asApp()` acts as): the permission watch reads the saving
  // administrator's account status with it before acting as them (src/resolvers/watch-run.ts).
  if (!sim.world.users.some((u) => u.accountId === DEMO_APP_ACCOUNT)) {
    sim.world.users.push(
      user({
        accountId: DEMO_APP_ACCOUNT,
        displayName: 'Credential Doctor',
        accountType: 'app',
        email: 'credential-doctor@connect.atlassian.invalid',
        groups: ['atlassian-addons-admin'],
      }),
    );
    (sim.world.globalPermissions.USER_PICKER ??= []).push('atlassian-addons-admin');
  }
  const runtime = createLocalForgeRuntime({
    appAccountId: DEMO_APP_ACCOUNT,
    ...(profile ? { profile } : {}),
    siteUrl: sim.siteUrl,
    cloudId: sim.cloudId,
    gatewayUrl: sim.gatewayUrl,
    issueToken: (accountId) => sim.issueForgeToken(accountId),
    // What the platform knows of an account (offline impersonation): read live from the world.
    accounts: (accountId) => {
      const user = sim.world.users.find((u) => u.accountId === accountId);
      return user && { active: user.active, accountType: user.accountType };
    },
  });
  const watch = createWatchControls(sim.world, runtime);
  const userOf = (accountId: string) => {
    const user = sim.world.users.find((u) => u.accountId === accountId);
    if (!user) throw new Error(`The demo world has no user ${accountId}`);
    return user;
  };
  return {
    siteUrl: sim.siteUrl,
    cloudId: sim.cloudId,
    people: PEOPLE.map((p) => {
      const user = userOf(p.accountId);
      return { ...p, displayName: user.displayName, email: user.email };
    }),
    syncUsers: DEMO_CREDENTIALS.filter((c) => c.key !== 'admin').map((c) => ({
      scenario: `${c.label}: ${c.expect}`,
      displayName: c.label.replace(/\s*\(.*\)$/, ''),
      email: c.email,
      token: c.secret,
    })),
    projects: sim.world.projects
      .map((p) => ({ key: p.key, name: p.name, type: p.projectTypeKey }))
      .sort((a, b) => a.key.localeCompare(b.key)),
    async invoke(req) {
      const result = await runtime.invoke({
        functionKey: req.functionKey,
        payload: req.payload,
        accountId: req.accountId,
        moduleKey: req.moduleKey as LocalModuleKey,
        ...(req.projectKey ? { projectKey: req.projectKey } : {}),
      });
      // What a resolver queued ("Run now") is delivered in the background, as Forge does.
      watch.deliverQueued();
      return result;
    },
    async requestJira(accountId, path, init) {
      const res = await runtime.requestJiraAsUser(accountId, path, {
        method: init.method,
        headers: init.headers,
        ...(init.body !== null ? { body: init.body } : {}),
      });
      return { status: res.status, statusText: '', headers: res.headers, body: res.body };
    },
    watch,
    storedData: () => runtime.kvsSnapshot(),
    close: () => watch.idle(),
  };
}

export async function startDemo(options: StartDemoOptions = {}): Promise<RunningDemo> {
  const say = options.quiet ? () => undefined : (line: string) => console.log(line);
  const build = options.build ?? 'if-stale';
  if (build !== 'never') {
    // Quiet either way: `npm start` prints one URL (and one line when it had to build).
    const built = await ensurePanelBuilt({ quiet: true, force: build === 'always' });
    if (built) say(`Built the panel (${panelSizeLine()}).`);
  }
  const simulator = await startSimulator(demoWorld());
  try {
    const backend = demoBackend(simulator, options.profile);
    const port = options.port ?? (process.env.PORT ? Number(process.env.PORT) : DEFAULT_PORT);
    const server = await createDemoServer({ backend, panelDir: PANEL_BUILD_DIR, port });
    return {
      url: server.url,
      simulator,
      backend,
      storedData: () => backend.storedData(),
      async close() {
        await server.close();
        await backend.close();
        await simulator.close();
      },
    };
  } catch (err) {
    await simulator.close();
    throw err;
  }
}

/** `npm start -- --profile runs-on-atlassian` (or CREDENTIAL_DOCTOR_PROFILE) runs that build. */
function profileFromCommandLine(argv: readonly string[]): ProfileName | undefined {
  const at = argv.indexOf('--profile');
  const raw =
    at >= 0
      ? argv[at + 1]
      : argv.find((a) => a.startsWith('--profile='))?.slice('--profile='.length);
  const value = raw ?? process.env.CREDENTIAL_DOCTOR_PROFILE;
  if (value === undefined) return undefined;
  if (!isProfileName(value)) {
    throw new Error(`--profile must be one of ${PROFILE_NAMES.join(', ')}`);
  }
  return value;
}

async function main(): Promise<void> {
  const profile = profileFromCommandLine(process.argv.slice(2));
  const demo = await startDemo(profile ? { profile } : {});
  console.log(`Credential Doctor demo${profile ? ` (${profile} build)` : ''}: ${demo.url}`);
  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`\n${signal}: stopping the demo…`);
    demo.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
