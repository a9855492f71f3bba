import { diagnose } from '../engine/cloud/diagnose';
import { samplePlan } from '../engine/cloud/sync-checks';
import type { DiagnosisInput } from '../engine/model/input';
import { emptySchemeMemory, type SchemeMemory } from '../engine/model/scheme-memory';
import { loadSchemeMemory, saveSchemeMemory } from '../history/batch-store';
import { syncTargets } from '../engine/model/sync-targets';
import type { Report } from '../engine/model/report';
import { newRunId, saveRun } from '../history/store';
import { mergeHostReport } from '../engine/run/host-report';
import { PROFILES, type Profile } from '../profile/profiles';
import type { HistoryEntry } from '../contract/history';
import { EvidenceLog } from '../engine/port/evidence';
import { authorise, type Authority } from './authorise';
import { createForgeClients } from './clients';
import { Deadline, SAVE_RESERVE_MS } from './deadline';
import type { ResolverEnvironment } from './environment';
import { admit, loginWasRefused, RESERVATION_WAIT_MS, type Admission } from './login-guard';
import { projectIdOf } from './project-id';
import { readContext, type CallerContext } from './context';
import { ResolverError } from './envelope';
import {
  openBatch,
  recordBatch,
  runCredentials,
  type BatchContext,
  type RunProgress,
} from './batch-run';
import { historyEntry, type RunFacts } from './history-entry';
import { permissionKeys, requestedPermissions } from './permission-input';
import { redact } from './secrets';
import { secretForms } from '../jira/secret-forms';
import { cleanCredentials, parsePayload, runCheckSchema, type RunCheckPayload } from './validate';

const ATTEMPT_TIMEOUT_MS = 8_000;
const RETRY = { maxRetries: 2, maxTotalWaitMs: 6_000, initialDelayMs: 500, maxDelayMs: 3_000 };

export interface ResolverRequest {
  payload: unknown;
  context: unknown;
}

/** The message a build without the token check gives when a payload carries a token anyway. */
export const TOKEN_CHECK_UNAVAILABLE =
  'This installation is the "Runs on Atlassian" build: it never takes an API token, because it may not reach anything outside Atlassian\'s platform. Remove the token and run the check again, or check the credentials from the synchronizer\'s host and import its report.';

/** The token check is for `https://<name>.atlassian.net` sites only (docs/forge-deploy.md). */
export function tokenSiteRefused(site: string): string {
  return `The token check sends the sync user's email and API token only to a Jira Cloud site address (https://<name>.atlassian.net, the app's declared egress), and this site reaches the app as ${site}. Remove the token and run the check, and check the credentials from the synchronizer's host instead.`;
}

/** `runCheck` as the given build runs it: a build without the token check refuses a `token` field. */
export function runCheckIn(profile: Profile) {
  return (request: ResolverRequest, environment: ResolverEnvironment) =>
    runCheck(request, environment, profile);
}

/**
 * One check. The invocation's deadline starts first and bounds authorisation, the engine (which
 * stops `SAVE_RESERVE_MS` early) and saving the history, so the report and its history entry are
 * saved even when Jira hangs or keeps answering 429.
 */
export async function runCheck(
  request: ResolverRequest,
  environment: ResolverEnvironment,
  profile: Profile = PROFILES.default,
): Promise<{ ok: true; report: Report }> {
  const deadline = Deadline.start(environment.budgetMs);
  const caller = readContext(request.context, environment);
  // Before the token is parsed, so nothing about it (not even its shape) is looked at.
  if (!profile.tokenCheck && hasTokenField(request.payload)) {
    throw new ResolverError('INVALID_INPUT', TOKEN_CHECK_UNAVAILABLE);
  }
  // The site rule applies where a token is sent: only to a site the egress allows.
  if (hasTokenField(request.payload) && !environment.isAllowedSite(caller.siteUrl)) {
    throw new ResolverError('INVALID_INPUT', tokenSiteRefused(caller.siteUrl), {
      token: "Not for this site address: check from the synchronizer's host instead.",
    });
  }
  const payload = parsePayload(runCheckSchema, request.payload);
  const permissions = permissionKeys(requestedPermissions(payload));
  const anonymousReads = mayReadAnonymously(caller, environment, profile);
  if (payload.run)
    return runBatch(caller, deadline, payload, payload.run, permissions, anonymousReads);
  const projects = confine(caller, payload.projects ?? []);
  // Everything above needs no Jira call; the caller's rights are verified before anything else.
  const authority = await authorise(caller, deadline);
  const projectId = caller.surface === 'project' ? await projectIdOf(caller, deadline) : null;
  return runDiagnosis({
    caller,
    authority,
    projectId,
    deadline,
    payload,
    projects,
    permissions,
    anonymousReads,
  });
}

/**
 * Whether the engine may read what Jira answers anyone (the permission list) from the site
 * without credentials: only a build with the token check's egress, for a site it allows. Such a
 * read spends none of the app's rate-limit points (docs/jira-behaviour.md S8).
 */
export function mayReadAnonymously(
  caller: CallerContext,
  environment: ResolverEnvironment,
  profile: Profile,
): boolean {
  return profile.tokenCheck && environment.isAllowedSite(caller.siteUrl);
}

/** One batch of a run that `startRun` planned (batch-run.ts): the plan's projects, its history entry. */
async function runBatch(
  caller: CallerContext,
  deadline: Deadline,
  payload: RunCheckPayload,
  ref: { id: string; batch: number },
  permissions: string[],
  anonymousReads: boolean,
): Promise<{ ok: true; report: Report; run: RunProgress }> {
  const authority = await authorise(caller, deadline);
  const batch = await openBatch(
    caller,
    ref,
    {
      userAccountId: payload.user.accountId,
      permissions,
      ...(payload.explain === undefined ? {} : { explain: payload.explain }),
      ...(payload.preset === undefined ? {} : { preset: payload.preset }),
      ...(payload.fields === undefined ? {} : { fields: payload.fields }),
      ...(payload.issueTypes === undefined ? {} : { issueTypes: payload.issueTypes }),
      credentials: await runCredentials(
        ref.id,
        payload.token
          ? { ...cleanCredentials(payload.token), via: payload.token.via ?? 'site' }
          : null,
      ),
    },
    deadline,
  );
  const recorded: { run?: RunProgress } = {};
  // The screens of shared schemes that earlier batches read (#26): judged on, not read again.
  const schemeMemory = await loadMemory(batch, deadline);
  const known = Object.keys(schemeMemory.reads).length;
  const { report } = await runDiagnosis({
    caller,
    authority,
    projectId: null,
    deadline,
    payload,
    projects: batch.keys,
    permissions,
    anonymousReads,
    // The run samples its first projects for screens and issue security once, not every batch.
    ...(batch.plan.keys.length > batch.keys.length
      ? {
          runSample: {
            projects: samplePlan(batch.plan.keys, batch.plan.issueTypes).projects,
            of: batch.plan.keys.length,
          },
        }
      : {}),
    schemeMemory,
    save: async (checked, tokenEmail) => {
      if (Object.keys(schemeMemory.reads).length > known)
        await keepMemory(batch, schemeMemory, deadline);
      recorded.run = await recordBatch(batch, checked, {
        caller,
        authority,
        projectId: null,
        tokenEmail,
        deadline,
      });
    },
  });
  if (!recorded.run) throw new Error('The batch was not recorded.');
  return { ok: true, report, run: recorded.run };
}

/** The run's scheme memory; an empty one when the store cannot say (the batch then reads it all). */
async function loadMemory(batch: BatchContext, deadline: Deadline): Promise<SchemeMemory> {
  if (batch.index === 0) return emptySchemeMemory();
  try {
    return await deadline.race(loadSchemeMemory(batch.plan.id));
  } catch (error) {
    console.warn(`runCheck: could not read the run's scheme memory (${(error as Error).name}).`);
    return emptySchemeMemory();
  }
}

/** Keeps what this batch read for the next; a failure only makes later batches read it again. */
async function keepMemory(
  batch: BatchContext,
  memory: SchemeMemory,
  deadline: Deadline,
): Promise<void> {
  try {
    if (!(await deadline.race(saveSchemeMemory(batch.plan, memory))))
      console.warn("runCheck: the run's scheme memory was too large to keep.");
  } catch (error) {
    console.warn(`runCheck: could not keep the run's scheme memory (${(error as Error).name}).`);
  }
}

export interface DiagnosisRequest {
  caller: CallerContext;
  authority: Authority;
  projectId: string | null;
  deadline: Deadline;
  payload: RunCheckPayload;
  projects: string[];
  permissions: string[];
  /**
   * A validated report from the synchronizer's host (importReport): its credential half is merged
   * with this run's admin view, which then runs without a token.
   */
  hostReport?: Report;
  /** Keeps the (redacted) report instead of saving it as a run of its own: a batch of a run. */
  save?: (report: Report, tokenEmail: string | null) => Promise<void>;
  /** The site may be read without credentials (`mayReadAnonymously`). */
  anonymousReads?: boolean;
  /** A batch of a larger run: the run's sample (see `DiagnosisInput.runSample`). */
  runSample?: DiagnosisInput['runSample'];
  /** A batch of a larger run: what its earlier batches read (`DiagnosisInput.schemeMemory`). */
  schemeMemory?: SchemeMemory;
  /**
   * The admin view acts as this administrator (offline impersonation: the permission watch's
   * daily re-check runs as the administrator who saved the profile). Absent: the signed-in user.
   */
  asAccount?: string;
}

/** The check itself, once the caller is authorised and the request validated; kept in history. */
export async function runDiagnosis(
  request: DiagnosisRequest,
): Promise<{ ok: true; report: Report }> {
  const { caller, authority, projectId, deadline, payload, projects, permissions, hostReport } =
    request;
  const evidence = new EvidenceLog();
  const { deps, unsupported, addToken } = createForgeClients({
    evidence,
    signal: deadline.signal(SAVE_RESERVE_MS),
    timeoutMs: ATTEMPT_TIMEOUT_MS,
    retry: RETRY,
    ...(request.anonymousReads ? { anonymousSite: caller.siteUrl } : {}),
    ...(request.asAccount === undefined ? {} : { asAccount: request.asAccount }),
  });
  const input: DiagnosisInput = {
    site: caller.siteUrl,
    projects,
    permissions,
    // The fields, issue types and operations exactly as the CLI derives them from its flags.
    ...syncTargets({
      preset: payload.preset,
      permissions,
      fields: payload.fields,
      issueTypes: payload.issueTypes,
    }),
    ...(request.runSample ? { runSample: request.runSample } : {}),
    ...(request.schemeMemory ? { schemeMemory: request.schemeMemory } : {}),
    admin: {
      user: payload.user.accountId,
      authority,
      ...(payload.explain === undefined ? {} : { explain: payload.explain }),
    },
  };

  let secrets: string[] = [];
  let tokenEmail: string | null = null;
  let admission: Admission | null = null;
  if (payload.token) {
    const cloudId = caller.cloudId;
    if (!cloudId) throw new ResolverError('INTERNAL', 'The cloud ID of this site is unknown.');
    const credentials = cleanCredentials(payload.token);
    const basic = { email: credentials.email, token: credentials.token };
    secrets = secretForms(credentials.token, credentials.email);
    tokenEmail = credentials.email;
    // Before anything is sent with the credentials: may they be tried now (failed-login guard)?
    // A store that cannot answer in time means no: the guard fails closed.
    const waitMs = Math.min(RESERVATION_WAIT_MS, deadline.remainingMs(SAVE_RESERVE_MS + 4_000));
    const admitted: Admission = await deadline
      .race(admit(basic, caller.accountId, { waitMs }), SAVE_RESERVE_MS)
      .catch(() => unavailable());
    admission = admitted;
    addToken({
      siteUrl: caller.siteUrl,
      cloudId,
      basic,
      via: payload.token.via,
      watch: (transport) => (admitted.kind === 'go' ? admitted.watch(transport) : transport),
    });
    input.token = {
      email: credentials.email,
      expectAccountId: payload.token.expectAccountId ?? payload.user.accountId,
      hygiene: credentials.hygiene,
      ...(admitted.kind === 'cool' ? { coolingOff: admitted.coolingOff } : {}),
    };
  }

  let diagnosed: Report;
  try {
    diagnosed = await diagnose(input, deps);
  } catch (error) {
    if (admission?.kind === 'go') await admission.finish(false);
    throw error;
  }
  if (admission?.kind === 'go') await admission.finish(loginWasRefused(diagnosed));
  // An imported host report's facts (resolvers/host-facts.ts: rebuilt texts, no email) give the
  // credential half, as supplied by the caller and never counted as tested.
  const combined = hostReport
    ? mergeHostReport(hostReport, diagnosed, { by: caller.accountId })
    : diagnosed;
  // From here on the token is not needed: only redacted values leave this function.
  const { value: report, found } = redact(combined, secrets);
  if (found) console.error('runCheck: a credential appeared in the report and was redacted.');
  if (unsupported.length > 0) {
    console.error(`runCheck: the Forge adapter refused ${[...new Set(unsupported)].join(', ')}`);
  }

  if (request.save) {
    await request.save(report, tokenEmail);
    return { ok: true, report };
  }
  await record(
    { caller, authority, projectId, tokenEmail, deadline },
    {
      userAccountId: payload.user.accountId,
      projects,
      permissions: report.requiredPermissions,
      tokenChecked: payload.token !== undefined || hostReport !== undefined,
      ...(hostReport ? { credentialsFrom: 'host' as const } : {}),
    },
    report,
  );
  return { ok: true, report };
}

/** The guard's answer when the store did not answer in time: not tried, "try again in a minute". */
function unavailable(): Admission {
  const now = Date.now();
  return {
    kind: 'cool',
    coolingOff: {
      refusedAt: new Date(now).toISOString(),
      until: new Date(now + 60_000).toISOString(),
      reason: 'unavailable',
      causedBy: [],
      guard: null,
    },
  };
}

function hasTokenField(payload: unknown): boolean {
  return typeof payload === 'object' && payload !== null && Object.hasOwn(payload, 'token');
}

export { permissionKeys, requestedPermissions } from './permission-input';

/** A project settings page checks its own project only; the admin page checks any. */
export function confine(caller: CallerContext, requested: readonly string[]): string[] {
  const keys = [...new Set(requested.map((k) => k.toUpperCase()))];
  if (caller.surface === 'admin') return keys;
  const own = caller.projectKey;
  if (own === null)
    throw new ResolverError('FORBIDDEN', 'The project of this settings page is unknown.');
  const others = keys.filter((k) => k !== own);
  if (others.length > 0) {
    const named = others.slice(0, 3).join(', ') + (others.length > 3 ? ', …' : '');
    throw new ResolverError(
      'FORBIDDEN',
      `This page checks project ${own} only, not ${named}. A Jira administrator can check other projects from the Credential Doctor administration page.`,
    );
  }
  return [own];
}

/** Saves the run without personal data (see history/privacy.ts), inside the deadline. */
async function record(
  facts: RunFacts & { deadline: Deadline },
  inputs: HistoryEntry['inputs'],
  report: Report,
): Promise<void> {
  const { id, ranAt, sortKey } = newRunId();
  const entry = historyEntry(facts, inputs, report, { id, ranAt });
  try {
    if (!(await facts.deadline.race(saveRun(sortKey, entry)))) {
      console.warn('runCheck: the run was too large to keep in the history.');
    }
  } catch (error) {
    // History is a convenience: the check itself succeeded, so its report is still returned.
    console.warn(`runCheck: could not save the run to the history (${(error as Error).name}).`);
  }
}
