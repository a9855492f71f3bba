import type { JiraClient } from '../../port/jira-client';
import { classifyAnswer } from '../../knowledge/classify-answer';
import {
  OPERATIONS,
  probeProvesHeld,
  scopesFor,
  type OperationName,
} from '../../knowledge/operations';
import { OPERATION_SCOPES } from '../../knowledge/operation-scopes.generated';
import { remedy, type ScopeCredential } from '../../findings/remedies';
import type { CoverageState, ScopeSet } from '../../model/report';
import type { RunContext } from '../../run/context';
import { send } from '../../run/send';

export const SCOPE_STEP = 'token-scopes';
const TITLE =
  "The token's scopes cover every call the synchronizer makes (probes that read nothing of value and change nothing)";

export type ScopeOutcome = 'held' | 'missing' | 'unknown';

export interface ScopeCheckOptions {
  /** Every scope the synchronizer's calls need, in both forms: what to tick on a new credential. */
  required: ScopeSet;
  /** The scopes Atlassian granted, when the credential says (an OAuth 2.0 token answer); else null. */
  granted: readonly string[] | null;
  credential: ScopeCredential;
}

/**
 * For a token used at the API gateway, sends each operation's probe: a request aimed at a target
 * that should not exist and, for a write, with a body Jira refuses even if it did (two guards; see
 * `knowledge/operations.ts`). Jira's own answer (an error status with its error collection) proves
 * the gateway let it through, so the scopes are held; 401 with `X-Failure-Category: FAILURE_CLIENT_SCOPE_CHECK`
 * means a scope is missing; anything else proves nothing and is reported as unknown, never as
 * held. Probes run at low priority: they never delay the permission checks.
 *
 * Which scope is missing: an OAuth 2.0 token answer lists the granted scopes, so the missing ones
 * are known exactly. An API token's scopes cannot be read; a refused call then lacks one of its
 * granular scopes that no call which went through also needs (each call that went through holds
 * all of its own), which is usually exactly one.
 */
export async function verifyScopes(
  ctx: RunContext,
  client: JiraClient,
  operations: readonly OperationName[],
  who: string,
  options: ScopeCheckOptions,
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
          ...(probe.query === undefined ? {} : { query: probe.query }),
          ...(probe.body === undefined ? {} : { body: probe.body }),
          ...(probe.multipart ? { multipart: true as const } : {}),
          priority: 'low',
        },
        { expect: ANY_ANSWER, who, callerHandles401: true },
      );
      if (!res) return [name, 'unknown'];
      if (classifyAnswer(res, 'some').kind === 'scope-refusal') return [name, 'missing'];
      return [name, probeProvesHeld(name, res) ? 'held' : 'unknown'];
    }),
  );
  const missing = outcomes.filter(([, o]) => o === 'missing').map(([n]) => n);
  const unknown = outcomes.filter(([, o]) => o === 'unknown').map(([n]) => n);
  const provenHeld = new Set(
    outcomes.filter(([, o]) => o === 'held').flatMap(([n]) => scopesFor(n).granular),
  );
  const named: string[] = [];
  for (const name of missing) {
    const lacking = missingScopes(name, provenHeld, options.granted);
    named.push(`${name} (${lacking.scopes.join(', ')})`);
    const spec = OPERATION_SCOPES[OPERATIONS[name].uses[0]];
    ctx.add(
      remedy.operationScopeMissing(handle.id, {
        operation: name,
        title: OPERATIONS[name].title,
        request: `${spec.method} ${spec.path}`,
        scopes: scopesFor(name),
        lacking,
        required: options.required,
        credential: options.credential,
      }),
    );
  }
  const parts = [
    missing.length ? `missing for ${named.join('; ')}` : '',
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

/** What a refused call lacks, as exactly as the run can tell. */
export interface LackingScopes {
  /** The scopes the token lacks for the call (`exact`), or those of which it lacks at least one. */
  scopes: string[];
  exact: boolean;
  /** Where that came from: the token answer's granted scopes, or what the other probes proved. */
  source: 'granted' | 'probes';
}

/** Granular scopes are `action:resource:product` (three parts); classic ones have two. */
export function isGranularScope(scope: string): boolean {
  return scope.split(':').length === 3;
}

export function missingScopes(
  name: OperationName,
  provenHeld: ReadonlySet<string>,
  granted: readonly string[] | null,
): LackingScopes {
  const needs = scopesFor(name);
  if (granted) {
    const has = new Set(granted);
    const granular = granted.some(isGranularScope);
    const lacking = (granular ? needs.granular : needs.classic).filter((s) => !has.has(s));
    // The gateway refused although the answer listed every scope: fall back to the probes.
    if (lacking.length) return { scopes: lacking, exact: true, source: 'granted' };
  }
  const unproven = needs.granular.filter((s) => !provenHeld.has(s));
  const scopes = unproven.length ? unproven : [...needs.granular];
  return { scopes, exact: scopes.length === 1, source: 'probes' };
}

/** Every status a probe may interpret itself; send() still turns 429/5xx into transient findings. */
const ANY_ANSWER: readonly number[] = Array.from({ length: 300 }, (_, i) => 200 + i).filter(
  (status) => status < 429 || (status > 429 && status < 500),
);
