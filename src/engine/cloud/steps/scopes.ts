import type { JiraClient } from '../../port/jira-client';
import { isScopeRefusal } from '../../port/answer-signals';
import { OPERATIONS, scopesFor, type OperationName } from '../../knowledge/operations';
import { remedy } from '../../findings/remedies';
import type { CoverageState } from '../../model/report';
import type { RunContext } from '../../run/context';
import { send } from '../../run/send';

export const SCOPE_STEP = 'token-scopes';
const TITLE = "The token's scopes cover every operation (probes that cannot change anything)";

export type ScopeOutcome = 'held' | 'missing' | 'unknown';

/**
 * For a token used at the API gateway, sends each operation's probe: a request aimed at a target
 * that cannot exist. Jira's own answer for that target (e.g. 404) proves the gateway let it
 * through, so the scopes are held; 401 with `X-Failure-Category: FAILURE_CLIENT_SCOPE_CHECK`
 * means a scope is missing; anything else proves nothing and is reported as unknown, never as
 * held. Probes run at low priority: they never delay the permission checks.
 */
export async function verifyScopes(
  ctx: RunContext,
  client: JiraClient,
  operations: readonly OperationName[],
  who: string,
): Promise<CoverageState> {
  const handle = ctx.step(SCOPE_STEP, TITLE);
  const outcomes = await Promise.all(
    operations.map(async (name): Promise<[OperationName, ScopeOutcome]> => {
      const probe = OPERATIONS[name].probe;
      const res = await send(
        ctx,
        handle,
        client,
        {
          method: probe.method,
          path: probe.path,
          ...(probe.body === undefined ? {} : { body: probe.body }),
          ...(probe.multipart ? { multipart: true as const } : {}),
          priority: 'low',
        },
        { expect: ANY_ANSWER, who, callerHandles401: true },
      );
      if (!res) return [name, 'unknown'];
      if (isScopeRefusal(res)) return [name, 'missing'];
      return [name, probe.held.includes(res.status) ? 'held' : 'unknown'];
    }),
  );
  const missing = outcomes.filter(([, o]) => o === 'missing').map(([n]) => n);
  const unknown = outcomes.filter(([, o]) => o === 'unknown').map(([n]) => n);
  for (const name of missing) {
    ctx.add(remedy.operationScopeMissing(handle.id, name, OPERATIONS[name].title, scopesFor(name)));
  }
  const parts = [
    missing.length ? `missing for ${missing.join(', ')}` : '',
    unknown.length ? `not proven for ${unknown.join(', ')} (an answer that proves nothing)` : '',
  ].filter(Boolean);
  if (parts.length === 0) {
    handle.finish('pass', `Scopes held for ${operations.join(', ')}.`);
  } else {
    handle.finish(missing.length ? 'fail' : 'warn', `Scopes ${parts.join('; ')}.`);
  }
  if (unknown.length === 0) return 'tested';
  return unknown.length === operations.length ? 'not-tested' : 'partial';
}

/** Every status a probe may interpret itself; send() still turns 429/5xx into transient findings. */
const ANY_ANSWER: readonly number[] = Array.from({ length: 300 }, (_, i) => 200 + i).filter(
  (status) => status < 429 || (status > 429 && status < 500),
);
