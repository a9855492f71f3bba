/**
 * The Jira REST operations (the spec's operationIds) whose OAuth scopes the engine needs: the ones
 * a synchronizer calls, its reads as well as its writes (see `operations.ts`). `npm run generate:scopes` reads their scopes from
 * the committed OpenAPI spec into `operation-scopes.generated.ts`; add an ID here, then run it.
 */
export const SPEC_OPERATION_IDS = [
  'searchAndReconsileIssuesUsingJqlPost',
  'getIssue',
  'getTransitions',
  'getFields',
  'getProject',
  'searchProjects',
  'getComments',
  'getIssueWorklog',
  'getIssueWatchers',
  'getAttachmentContent',
  'createIssue',
  'editIssue',
  'addComment',
  'doTransition',
  'addAttachment',
  'linkIssues',
  'assignIssue',
  'addWorklog',
] as const;

export type SpecOperationId = (typeof SPEC_OPERATION_IDS)[number];

export interface SpecOperationScopes {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  /** The spec's "Current" entry of `x-atlassian-oauth2-scopes` (classic scopes). */
  classic: readonly string[];
  /** The spec's "Beta" entry (granular scopes): all of them are needed. */
  granular: readonly string[];
}

interface SpecDocument {
  paths: Record<string, Record<string, unknown>>;
}

interface SpecOperation {
  operationId?: string;
  'x-atlassian-oauth2-scopes'?: Array<{ scopes?: string[]; state?: string }>;
}

/** Pure: the scopes of every listed operation, as the spec states them. Throws on anything missing. */
export function extractOperationScopes(
  spec: SpecDocument,
): Record<SpecOperationId, SpecOperationScopes> {
  const found = new Map<string, SpecOperationScopes>();
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, raw] of Object.entries(methods)) {
      const operation = raw as SpecOperation;
      const id = operation.operationId;
      if (!id || !(SPEC_OPERATION_IDS as readonly string[]).includes(id)) continue;
      const entries = operation['x-atlassian-oauth2-scopes'] ?? [];
      const pick = (state: string): string[] => {
        const entry = entries.find((e) => e.state === state);
        if (!entry) throw new Error(`${id}: no "${state}" entry in x-atlassian-oauth2-scopes`);
        return [...(entry.scopes ?? [])];
      };
      found.set(id, {
        method: method.toUpperCase() as SpecOperationScopes['method'],
        path,
        classic: pick('Current'),
        granular: pick('Beta'),
      });
    }
  }
  const out = {} as Record<SpecOperationId, SpecOperationScopes>;
  for (const id of SPEC_OPERATION_IDS) {
    const scopes = found.get(id);
    if (!scopes) throw new Error(`operationId ${id} is not in the spec`);
    out[id] = scopes;
  }
  return out;
}
