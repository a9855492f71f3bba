import {
  mergeBatchReports,
  type BatchPart,
  type NotCheckedReason,
} from '../engine/run/merge-batches';
import type { Report } from '../engine/model/report';
import {
  batchCount,
  batchKeys,
  deleteParts,
  loadPart,
  loadParts,
  loadActiveRun,
  loadPlan,
  saveActiveRun,
  savePart,
  savePlan,
  type RunPlan,
} from '../history/batch-store';
import { withoutPersonalData } from '../history/privacy';
import { newRunId, saveRun } from '../history/store';
import type { PlannedRun, RunProgress } from '../contract/runs';

export type { PlannedRun, RunProgress } from '../contract/runs';
import { authorise } from './authorise';
import { readContext, type CallerContext } from './context';
import { Deadline } from './deadline';
import { ResolverError } from './envelope';
import type { ResolverEnvironment } from './environment';
import { historyEntry, type RunFacts } from './history-entry';
import { keyedDigest, loginWasRefused, normalise } from './login-guard';
import { permissionKeys, requestedPermissions } from './permission-input';
import { resolveSelection } from './project-selection';
import { cancelRunSchema, parsePayload, startRunSchema } from './validate';

/**
 * A run of many projects (#14), driven by the panel one batch at a time so that every Forge
 * invocation stays inside the 25 s limit: `startRun` turns the selection into project keys and
 * plans the batches; `runCheck` with `run: { id, batch }` checks one batch (run-check.ts);
 * `cancelRun` ends it early. The first batch tests the credentials: when Jira refuses them the run
 * stops, so a run costs at most one failed login. After every batch the run's one history entry
 * is rewritten from the batches so far (merged by engine/merge-batches.ts), so the history tells
 * the truth even when the page is closed half-way.
 *
 * Batch size: the existing single-check limit (validate.ts MAX_PROJECTS). Measured in the local
 * Forge runtime with 250 ms simulated latency on every Jira request, the worst batch (a user
 * missing everything in 100 projects, grants explained) took 13 s of the 22 s budget with 181
 * requests; most of them are the per-run grant explanations (capped at 20 projects), not the
 * projects, so smaller batches would not be faster. The Deadline still bounds a slower Jira: the
 * batch then reports the unfinished step and the run is inconclusive.
 */
export const BATCH_SIZE = 100;

/** One batch of a planned run. */
export interface BatchContext {
  plan: RunPlan;
  index: number;
  keys: string[];
}

export async function startRun(
  request: { payload: unknown; context: unknown },
  environment: ResolverEnvironment,
): Promise<{ ok: true; run: PlannedRun }> {
  const deadline = Deadline.start(environment.budgetMs);
  const caller = readContext(request.context, environment);
  const payload = parsePayload(startRunSchema, request.payload);
  const permissions = permissionKeys(requestedPermissions(payload));
  adminPageOnly(caller);
  const authority = await authorise(caller, deadline);
  const { keys, source } = await resolveSelection(payload.selection, deadline);
  // One active run per administrator: a new run cancels the one still going (its history entry
  // says which projects it did not check), so nobody keeps many 1000-project plans at once.
  await cancelActiveRun(caller, authority, deadline);
  const { id: entryId, ranAt, sortKey } = newRunId();
  const plan: RunPlan = {
    v: 1,
    id: crypto.randomUUID(),
    ranBy: caller.accountId,
    authority,
    createdAt: ranAt,
    sortKey,
    entryId,
    userAccountId: payload.user.accountId,
    permissions,
    explain: payload.explain ?? null,
    preset: payload.preset ?? null,
    fields: payload.fields ?? null,
    issueTypes: payload.issueTypes ?? null,
    keys,
    batchSize: BATCH_SIZE,
    source,
  };
  await deadline.race(savePlan(plan));
  await deadline.race(saveActiveRun(caller.accountId, plan.id));
  return {
    ok: true,
    run: {
      id: plan.id,
      projects: keys,
      batches: batchCount(plan),
      batchSize: plan.batchSize,
      selection: source,
    },
  };
}

/**
 * The batch to check, once the caller is authorised: the plan's projects (never the browser's),
 * for the same sync user, permissions and credentials as the run's first batch, which runs first.
 */
export async function openBatch(
  caller: CallerContext,
  ref: { id: string; batch: number },
  request: {
    userAccountId: string;
    permissions: string[];
    explain?: string;
    preset?: string;
    fields?: string[];
    issueTypes?: string[];
    /** A keyed digest of the credentials sent with this batch (`runCredentials`); null: none. */
    credentials: string | null;
  },
  deadline: Deadline,
): Promise<BatchContext> {
  adminPageOnly(caller);
  const plan = await deadline.race(loadPlan(ref.id));
  if (!plan || plan.ranBy !== caller.accountId) {
    throw new ResolverError(
      'INVALID_INPUT',
      'This run is not known (runs expire after a few hours). Start the check again.',
    );
  }
  if (ref.batch >= batchCount(plan))
    throw new ResolverError('INVALID_INPUT', `This run has ${batchCount(plan)} batches only.`);
  if (
    plan.userAccountId !== request.userAccountId ||
    !sameKeys(plan.permissions, request.permissions) ||
    plan.explain !== (request.explain ?? null) ||
    plan.preset !== (request.preset ?? null) ||
    !sameList(plan.fields, request.fields) ||
    !sameList(plan.issueTypes, request.issueTypes)
  ) {
    throw new ResolverError(
      'INVALID_INPUT',
      'The sync user, the permissions or the fields changed during the run. Start the check again.',
    );
  }
  refuseIfOver(plan);
  if (plan.lastBatch !== undefined && ref.batch <= plan.lastBatch) {
    throw new ResolverError(
      'INVALID_INPUT',
      'The batches of a run are checked in order, each once. Start the check again.',
    );
  }
  if (ref.batch > 0) {
    const first = await deadline.race(loadPart(plan.id, 0));
    if (!first || plan.credentials === undefined) {
      throw new ResolverError(
        'INVALID_INPUT',
        'Check the first batch of the run first: it tests the credentials.',
      );
    }
  }
  // Every batch sends the first batch's credentials: another token would be another login (and
  // another person's check under this run's name).
  if (plan.credentials !== undefined && plan.credentials !== request.credentials) {
    throw new ResolverError(
      'INVALID_INPUT',
      'Send the same credentials with every batch of the run. Start the check again.',
    );
  }
  if (plan.credentials !== undefined)
    return { plan, index: ref.batch, keys: batchKeys(plan, ref.batch) };
  // The first batch claims the run's credentials before anything is sent with them.
  const claimed: RunPlan = { ...plan, credentials: request.credentials };
  await deadline.race(savePlan(claimed));
  return { plan: claimed, index: ref.batch, keys: batchKeys(claimed, ref.batch) };
}

/**
 * Keeps a checked batch and rewrites the run's history entry from every batch so far. Returns
 * where the run stands. Storage failures do not fail the batch: its report is still answered.
 */
export async function recordBatch(
  batch: BatchContext,
  report: Report,
  facts: RunFacts & { deadline: Deadline },
): Promise<RunProgress> {
  const { deadline } = facts;
  // Personal data is removed before anything is stored, as in the history itself.
  const stored = withoutPersonalData(report, { tokenEmail: facts.tokenEmail });
  const refused = facts.tokenEmail !== null && loginWasRefused(report);
  let plan = batch.plan;
  try {
    // Re-read: the run may have been cancelled while this batch ran. Then the admin was told how
    // many projects were checked when they cancelled, and the history entry says the same: a
    // batch that ends afterwards is answered but not added to the run (#24).
    plan = (await deadline.race(loadPlan(plan.id))) ?? plan;
    if (plan.cancelled) return progress(plan, batch.index, null, refused);
    // A recorded batch is never checked again, nor one before it (openBatch).
    plan = {
      ...plan,
      lastBatch: Math.max(plan.lastBatch ?? -1, batch.index),
      ...(refused ? { stopped: true as const } : {}),
    };
    await deadline.race(savePlan(plan));
    const kept = await deadline.race(savePart(plan, batch.index, stored));
    const evidenceless = kept ? null : reportWithoutEvidence(stored);
    if (evidenceless && !(await deadline.race(savePart(plan, batch.index, evidenceless))))
      console.warn('runCheck: a batch report was too large to keep.');
  } catch (error) {
    console.warn(`runCheck: could not keep the batch (${(error as Error).name}).`);
    return progress(plan, batch.index, null, refused);
  }
  let reports: Array<Report | null>;
  try {
    reports = await deadline.race(loadParts(plan));
  } catch (error) {
    console.warn(`runCheck: could not read the run's batches (${(error as Error).name}).`);
    return progress(plan, batch.index, null, refused);
  }
  await saveEntry(plan, reports, facts);
  const answer = progress(plan, batch.index, reports, refused);
  if (answer.next === null) await finish(plan, deadline);
  return answer;
}

/**
 * The credentials of a batch as the plan keeps them: an HMAC (the installation's guard key) of the
 * run, the normalised email, the token and where it is sent; null without a token.
 */
export async function runCredentials(
  runId: string,
  credentials: { email: string; token: string; via?: string } | null,
): Promise<string | null> {
  if (credentials === null) return null;
  try {
    return await keyedDigest(
      'run',
      runId,
      normalise(credentials.email),
      credentials.token,
      credentials.via ?? 'site',
    );
  } catch {
    throw new ResolverError(
      'INTERNAL',
      "The app's store did not answer, so the batch's credentials could not be compared with the run's. Try again in a minute.",
    );
  }
}

/** Cancels the caller's run still going, if any (see `startRun`). */
async function cancelActiveRun(
  caller: CallerContext,
  authority: RunFacts['authority'],
  deadline: Deadline,
): Promise<void> {
  const id = await deadline.race(loadActiveRun(caller.accountId));
  if (id === null) return;
  const found = await deadline.race(loadPlan(id));
  if (!found || found.ranBy !== caller.accountId) return;
  await endRun(found, caller, authority, deadline);
}

/** `cancelRun`: no further batch is accepted; the history entry says which projects were not checked. */
export async function cancelRun(
  request: { payload: unknown; context: unknown },
  environment: ResolverEnvironment,
): Promise<{ ok: true; cancelled: boolean; checked?: number; total?: number }> {
  const deadline = Deadline.start(environment.budgetMs);
  const caller = readContext(request.context, environment);
  const payload = parsePayload(cancelRunSchema, request.payload);
  adminPageOnly(caller);
  const authority = await authorise(caller, deadline);
  const found = await deadline.race(loadPlan(payload.run.id));
  if (!found || found.ranBy !== caller.accountId)
    throw new ResolverError('INVALID_INPUT', 'This run is not known. Nothing to cancel.');
  const ended = await endRun(found, caller, authority, deadline);
  return ended === null
    ? { ok: true, cancelled: false }
    : { ok: true, cancelled: true, checked: ended.checked, total: found.keys.length };
}

/**
 * Cancels a run still going: its history entry keeps what was checked (how many projects, the
 * number the panel then shows). Null when it was over.
 */
async function endRun(
  found: RunPlan,
  caller: CallerContext,
  authority: RunFacts['authority'],
  deadline: Deadline,
): Promise<{ checked: number } | null> {
  if (found.finished || found.stopped || found.cancelled) return null;
  const plan: RunPlan = { ...found, cancelled: true };
  await deadline.race(savePlan(plan));
  const reports = await deadline.race(loadParts(plan));
  // Nothing checked yet: there is no run to keep in the history.
  if (reports.some((r) => r !== null)) {
    await saveEntry(plan, reports, {
      caller,
      authority,
      projectId: null,
      tokenEmail: null,
      deadline,
    });
  }
  await finish(plan, deadline);
  const checked = reports.reduce((sum, r, i) => sum + (r ? batchKeys(plan, i).length : 0), 0);
  return { checked };
}

function adminPageOnly(caller: CallerContext): void {
  if (caller.surface !== 'admin') {
    throw new ResolverError(
      'FORBIDDEN',
      'Only Jira administrators check many projects in one run, from the Credential Doctor administration page. This page checks its own project.',
    );
  }
}

function refuseIfOver(plan: RunPlan): void {
  if (plan.stopped) {
    throw new ResolverError(
      'INVALID_INPUT',
      'This run stopped because Jira refused the credentials: another batch would be another failed login on the sync account. Fix the credentials, then start the check again.',
    );
  }
  if (plan.cancelled)
    throw new ResolverError('INVALID_INPUT', 'This run was cancelled. Start the check again.');
  if (plan.finished)
    throw new ResolverError('INVALID_INPUT', 'This run is finished. Start the check again.');
}

/** The parts for the merge, each batch without a report marked with why. */
export function partsOf(plan: RunPlan, reports: ReadonlyArray<Report | null>): BatchPart[] {
  const lastChecked = reports.reduce((last, r, i) => (r ? i : last), -1);
  const reason = (i: number): NotCheckedReason =>
    plan.stopped
      ? 'stopped'
      : plan.cancelled
        ? 'cancelled'
        : i < lastChecked
          ? 'failed'
          : 'pending';
  return reports.map((report, i) => {
    const keys = batchKeys(plan, i);
    return report ? { keys, report } : { keys, report: null, notChecked: reason(i) };
  });
}

async function saveEntry(
  plan: RunPlan,
  reports: ReadonlyArray<Report | null>,
  facts: RunFacts & { deadline: Deadline },
): Promise<void> {
  if (!reports.some((r) => r !== null)) return;
  try {
    const merged = mergeBatchReports(partsOf(plan, reports));
    const entry = historyEntry(
      // The parts are stored without personal data already.
      { ...facts, tokenEmail: null },
      {
        userAccountId: plan.userAccountId,
        projects: plan.keys,
        permissions: merged.requiredPermissions,
        tokenChecked: merged.mode !== 'admin',
        selection: plan.source,
      },
      merged,
      { id: plan.entryId, ranAt: plan.createdAt },
    );
    if (!(await facts.deadline.race(saveRun(plan.sortKey, entry))))
      console.warn('runCheck: the run was too large to keep in the history.');
  } catch (error) {
    console.warn(`runCheck: could not save the run to the history (${(error as Error).name}).`);
  }
}

async function finish(plan: RunPlan, deadline: Deadline): Promise<void> {
  try {
    await deadline.race(savePlan({ ...plan, finished: true }));
    await deadline.race(deleteParts(plan));
  } catch (error) {
    // The parts expire on their own (RUN_STATE_HOURS).
    console.warn(`runCheck: could not clear the run's batches (${(error as Error).name}).`);
  }
}

function progress(
  plan: RunPlan,
  batch: number,
  reports: ReadonlyArray<Report | null> | null,
  refused: boolean,
): RunProgress {
  const batches = batchCount(plan);
  const checkedBatches = reports
    ? reports.map((r, i) => (r ? i : -1)).filter((i) => i >= 0)
    : [batch];
  const checked = checkedBatches.reduce((sum, i) => sum + batchKeys(plan, i).length, 0);
  const over = refused || plan.stopped === true || plan.cancelled === true;
  let next: number | null = null;
  if (!over) {
    for (let i = batch + 1; i < batches; i++) {
      if (!checkedBatches.includes(i)) {
        next = i;
        break;
      }
    }
  }
  return {
    id: plan.id,
    batch,
    batches,
    checked,
    total: plan.keys.length,
    next,
    ...(refused || plan.stopped ? { stopped: 'credentials-refused' as const } : {}),
  };
}

function sameList(a: readonly string[] | null, b: readonly string[] | undefined): boolean {
  return a === null ? b === undefined : b !== undefined && a.join('\n') === b.join('\n');
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join() === [...b].sort().join();
}

/** A batch's report without its request evidence: kept when the whole one is too large. */
export function reportWithoutEvidence(report: Report): Report {
  return { ...report, checks: report.checks.map((c) => ({ ...c, requests: [] })) };
}
