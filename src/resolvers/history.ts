import { accountIdsOf, visibleTo } from '../history/privacy';
import {
  byteLength,
  clearRuns,
  listRuns,
  withoutEvidence,
  type HistoryScope,
} from '../history/store';
import type { HistoryEntry, PersonName } from '../contract/history';
import { authorise, type Authority } from './authorise';
import { readContext, type CallerContext } from './context';
import { Deadline } from './deadline';
import type { ResolverEnvironment } from './environment';
import { namesFor } from './people';
import { projectIdOf } from './project-id';
import type { ResolverRequest } from './run-check';
import {
  clearHistorySchema,
  getHistorySchema,
  liftCoolingOffSchema,
  parsePayload,
} from './validate';
import { ResolverError } from './envelope';
import { liftCoolingOff } from './login-guard';
import { historyReadBudget } from './quota';

/** Runs listed when the panel asks for no particular number. */
const DEFAULT_LIMIT = 100;
/** Keep `getHistory` answers well under the platform's response size limit. */
const RESPONSE_BUDGET_BYTES = 4_000_000;
/** Looking up names stops this long before the deadline: the runs are answered without them. */
const NAMES_RESERVE_MS = 3_000;
/** "Clear" stops deleting this long before the deadline and answers how far it got. */
const CLEAR_RESERVE_MS = 2_000;

export interface HistoryAnswer {
  ok: true;
  runs: HistoryEntry[];
  /** Display names of the people the runs name, as Jira shows them to the reader. */
  people: Record<string, PersonName>;
  truncated?: true;
}

/**
 * Runs the reader may see: every run on the admin page (Jira administrators only); on a project
 * settings page, that project's runs, a Jira administrator's run reduced for a project
 * administrator (see `visibleTo`).
 */
export async function getHistory(
  request: ResolverRequest,
  environment: ResolverEnvironment,
): Promise<HistoryAnswer> {
  const deadline = Deadline.start(environment.budgetMs);
  const caller = readContext(request.context, environment);
  const payload = parsePayload(getHistorySchema, request.payload);
  const authority = await authorise(caller, deadline);
  const scope = await scopeOf(caller, deadline);
  // Runs are chosen by their stored sizes before any is read: never more than the answer carries,
  // nor more than the reader's share of the store's reads this minute (quota.ts).
  const reads = await deadline.race(historyReadBudget(caller.accountId));
  const listed = await listRuns(scope, {
    limit: payload.limit ?? DEFAULT_LIMIT,
    budgetBytes: Math.min(RESPONSE_BUDGET_BYTES, reads.bytes),
    stop: () => deadline.remainingMs() < NAMES_RESERVE_MS,
  });
  await reads.spend(listed.entries.reduce((sum, e) => sum + byteLength(e), 0));
  const entries = listed.entries.map((e) => visibleTo(e, authority));
  const runs: HistoryEntry[] = [];
  let used = 0;
  let truncated = listed.truncated;
  for (const entry of entries) {
    let candidate = entry;
    let size = byteLength(candidate);
    if (used + size > RESPONSE_BUDGET_BYTES && !candidate.evidenceDropped) {
      candidate = withoutEvidence(candidate);
      size = byteLength(candidate);
    }
    if (used + size > RESPONSE_BUDGET_BYTES) {
      truncated = true;
      break;
    }
    runs.push(candidate);
    used += size;
  }
  const people = await namesFor(runs.flatMap(accountIdsOf), deadline, NAMES_RESERVE_MS);
  return truncated ? { ok: true, runs, people, truncated: true } : { ok: true, runs, people };
}

/**
 * Erasure follows authority: the admin page clears every run; on a project settings page a Jira
 * administrator clears that project's runs, a project administrator only their own there.
 */
export async function clearHistory(
  request: ResolverRequest,
  environment: ResolverEnvironment,
): Promise<{ ok: true; cleared: number; more?: true }> {
  const deadline = Deadline.start(environment.budgetMs);
  const caller = readContext(request.context, environment);
  parsePayload(clearHistorySchema, request.payload);
  const authority: Authority = await authorise(caller, deadline);
  const scope = await scopeOf(caller, deadline);
  // Pages through every run of the scope; when the invocation's time runs out first, the answer
  // says more are left and the panel asks again.
  const { cleared, complete } = await clearRuns(
    scope,
    authority === 'project-admin' ? caller.accountId : undefined,
    () => deadline.remainingMs() < CLEAR_RESERVE_MS,
  );
  return complete ? { ok: true, cleared } : { ok: true, cleared, more: true };
}

async function scopeOf(caller: CallerContext, deadline: Deadline): Promise<HistoryScope> {
  return caller.surface === 'admin'
    ? { kind: 'all' }
    : { kind: 'project', projectId: await projectIdOf(caller, deadline) };
}

/**
 * A Jira administrator, on the admin page, lifts the failed-login cooling-off a LOGIN_COOLING_OFF
 * finding names (by its guard digest): the refused tokens of that email may be tried again.
 */
export async function liftCoolingOffResolver(
  request: ResolverRequest,
  environment: ResolverEnvironment,
): Promise<{ ok: true; lifted: boolean }> {
  const deadline = Deadline.start(environment.budgetMs);
  const caller = readContext(request.context, environment);
  const payload = parsePayload(liftCoolingOffSchema, request.payload);
  if (caller.surface !== 'admin') {
    throw new ResolverError(
      'FORBIDDEN',
      'Only Jira administrators can lift a cooling-off, from the Credential Doctor administration page.',
    );
  }
  await authorise(caller, deadline);
  const lifted = await deadline.race(liftCoolingOff(payload.guard));
  console.warn(
    `liftCoolingOff: ${lifted ? 'lifted' : 'nothing to lift'} (by ${caller.accountId}).`,
  );
  return { ok: true, lifted };
}
