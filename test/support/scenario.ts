import { diagnose } from '../../src/engine/cloud/diagnose';
import type { DiagnosisInput } from '../../src/engine/model/input';
import type { Finding, FindingCode, Report } from '../../src/engine/model/report';
import { EvidenceLog } from '../../src/engine/port/evidence';
import type { DiagnosisDeps } from '../../src/engine/port/deps';
import { createNodeClients } from '../../src/cli/clients';
import type { JiraClient, RequestOrigin } from '../../src/engine/port/jira-client';
import { startSimulator, type RunningSimulator } from '../../simulator';
import type { Scenario } from '../../simulator/worlds/scenarios';
import { expectConformant } from './openapi';
import { expectValidReport } from './report-schema';

/** Retries that keep tests fast: the policy is the production one, only the waits are short. */
export const FAST_RETRY = { maxRetries: 3, maxTotalWaitMs: 200, initialDelayMs: 5, maxDelayMs: 20 };

export interface RunOptions {
  mode: 'token' | 'admin' | 'both';
  /** A batch of a larger run: the run's sample (`DiagnosisInput.runSample`). */
  runSample?: DiagnosisInput['runSample'];
  /** A batch of a larger run: what its earlier batches read (`DiagnosisInput.schemeMemory`). */
  schemeMemory?: DiagnosisInput['schemeMemory'];
  /** Admin mode: the sync user (account ID or email); default: the scenario's sync account in admin-only mode. */
  user?: string | null;
  expectAccountId?: string;
  expectEmail?: string;
  projects?: string[];
  permissions?: string[];
  explain?: 'missing' | 'all';
  timeoutMs?: number;
  login?: { email: string; secret: string };
  admin?: { email: string; token: string };
  /** The synchronizer's fields (--fields); default: the scenario's, else none given. */
  fields?: string[];
  issueTypes?: string[];
  /** Check through the API gateway address (`…/ex/jira/{cloudId}`), as a synchronizer with a scoped token does. */
  viaGateway?: boolean;
  operations?: DiagnosisInput['operations'];
  /** Where the token's requests leave from: this host (the CLI) or Forge (the app's egress). */
  origin?: RequestOrigin;
  /** Wraps the clients before the run (e.g. to hold one answer back). */
  wrapDeps?: (deps: DiagnosisDeps) => DiagnosisDeps;
}

/** The same client, saying its requests leave from `origin`. */
function from(origin: RequestOrigin, client: JiraClient): JiraClient {
  return {
    target: client.target,
    auth: client.auth,
    origin,
    request: (req) => client.request(req),
  };
}

export async function runScenario(
  sim: RunningSimulator,
  scenario: Scenario,
  options: RunOptions,
): Promise<Report> {
  const evidence = new EvidenceLog();
  const login = options.login ?? scenario.login;
  const admin = options.admin ?? scenario.admin;
  const withToken = options.mode !== 'admin';
  const withAdmin = options.mode !== 'token';
  const site = options.viaGateway
    ? `${sim.gatewayUrl}/ex/jira/${scenario.world.site.cloudId}`
    : sim.siteUrl;
  const clients = createNodeClients({
    site,
    gateway: sim.gatewayUrl,
    evidence,
    retry: FAST_RETRY,
    // Generous: a loaded machine must not turn a slow simulator answer into "inconclusive".
    // Tests of timeouts pass their own.
    timeoutMs: options.timeoutMs ?? 10_000,
    ...(withToken ? { email: login.email, token: login.secret } : {}),
    ...(withAdmin ? { admin: { email: admin.email, token: admin.token } } : {}),
  });
  const user =
    options.user === null
      ? undefined
      : (options.user ?? (options.mode === 'admin' ? scenario.syncAccountId : undefined));
  const input: DiagnosisInput = {
    site,
    ...(options.operations ? { operations: options.operations } : {}),
    projects: options.projects ?? scenario.projects,
    permissions: options.permissions ?? scenario.permissions,
    ...((options.fields ?? scenario.fields)
      ? { fields: { names: options.fields ?? scenario.fields ?? [], given: true } }
      : {}),
    ...(options.issueTypes ? { issueTypes: options.issueTypes } : {}),
    ...(options.runSample ? { runSample: options.runSample } : {}),
    ...(options.schemeMemory ? { schemeMemory: options.schemeMemory } : {}),
    ...(withToken
      ? {
          token: {
            email: login.email,
            ...(options.expectAccountId ? { expectAccountId: options.expectAccountId } : {}),
            ...(options.expectEmail ? { expectEmail: options.expectEmail } : {}),
          },
        }
      : {}),
    ...(withAdmin
      ? {
          admin: {
            checker: admin.email,
            explain: options.explain ?? 'missing',
            ...(user ? { user } : {}),
          },
        }
      : {}),
  };
  const origin = options.origin;
  const deps =
    origin && clients.token
      ? {
          ...clients,
          token: {
            site: from(origin, clients.token.site),
            anonymous: from(origin, clients.token.anonymous),
            gateway: (cloudId: string) => from(origin, clients.token!.gateway(cloudId)),
          },
        }
      : clients;
  const report = await diagnose(input, options.wrapDeps ? options.wrapDeps(deps) : deps);
  expectValidReport(report);
  return report;
}

export async function withScenario<T>(
  scenario: Scenario,
  fn: (sim: RunningSimulator) => Promise<T>,
): Promise<T> {
  const sim = await startSimulator(scenario.world);
  try {
    const result = await fn(sim);
    expectConformant(sim.log);
    return result;
  } finally {
    await sim.close();
  }
}

export function codes(report: Report): FindingCode[] {
  return report.findings.filter((f) => f.severity !== 'info').map((f) => f.code);
}

export function finding(
  report: Report,
  code: FindingCode,
  project?: string,
  permission?: string,
): Finding | undefined {
  return report.findings.find(
    (f) =>
      f.code === code &&
      (project === undefined || f.project === project) &&
      (permission === undefined || f.permission === permission),
  );
}
