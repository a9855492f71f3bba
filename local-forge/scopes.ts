/**
 * The scopes the local Forge runtime enforces, as the platform does:
 *  - a Jira REST call (`requestJira` as the user or as the app, and the browser bridge's
 *    `requestJira`) needs one of the scope groups its operation lists in the committed OpenAPI
 *    spec (`x-atlassian-oauth2-scopes`): every classic scope of the "Current" entry, or every
 *    granular scope of the "Beta" entry. Jira says the same in its refusal: "The resource can be
 *    accessed by having one of these groups of scopes" (docs/forge-local-runtime.md, sources);
 *  - the personal data reporting API (`privacy.reportPersonalData`) needs `report:personal-data`;
 *  - the key-value store (`@forge/kvs`) needs `storage:app`.
 * The granted scopes are the manifest's `permissions.scopes` (identical in every build: forge:dir
 * changes only `permissions.external`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '..');
const MANIFEST = path.join(ROOT, 'manifest.yml');
const SPEC = path.join(ROOT, 'reference', 'jira-openapi', 'jira-platform-openapi.v3.json');

export const PRIVACY_SCOPE = 'report:personal-data';
export const STORAGE_SCOPE = 'storage:app';

/**
 * `permissions.scopes` of a manifest: a list of scope names, or (the form offline user
 * impersonation uses) an object whose keys are the scopes, each with `{ allowImpersonation }`.
 */
function readScopes(file: string): Record<string, { allowImpersonation?: boolean }> {
  const manifest = parse(fs.readFileSync(file, 'utf8')) as {
    permissions?: { scopes?: unknown };
  };
  const scopes = manifest.permissions?.scopes;
  if (Array.isArray(scopes) && scopes.every((s) => typeof s === 'string')) {
    return Object.fromEntries((scopes as string[]).map((s) => [s, {}]));
  }
  if (typeof scopes === 'object' && scopes !== null && !Array.isArray(scopes)) {
    const out: Record<string, { allowImpersonation?: boolean }> = {};
    for (const [name, value] of Object.entries(scopes as Record<string, unknown>)) {
      const flag = (value as { allowImpersonation?: unknown } | null)?.allowImpersonation;
      out[name] = flag === true ? { allowImpersonation: true } : {};
    }
    return out;
  }
  throw new Error(`local-forge: ${file} has no permissions.scopes (a list, or scopes as keys)`);
}

/** The scope names of the source tree's manifest.yml (either form of `permissions.scopes`). */
export function manifestScopes(file: string = MANIFEST): string[] {
  return Object.keys(readScopes(file));
}

/**
 * The scopes the manifest declares with `allowImpersonation: true`: what an offline
 * `asUser(accountId)` call may use (RFC-92; docs/forge-local-runtime.md, "Impersonation").
 */
export function manifestImpersonableScopes(file: string = MANIFEST): string[] {
  return Object.entries(readScopes(file))
    .filter(([, v]) => v.allowImpersonation === true)
    .map(([name]) => name);
}

/** The functions, scheduled triggers and async event consumers the manifest declares. */
export interface ManifestFunctions {
  /** Function key → handler export of src/index.ts (`index.privacySweep` → `privacySweep`). */
  handlers: Record<string, string>;
  /** Function key → `timeoutSeconds` when the manifest sets it. */
  timeoutSeconds: Record<string, number>;
  /** Scheduled trigger function keys, with their interval. */
  scheduled: Array<{ key: string; function: string; interval: string }>;
  /** Queue name → consumer function key. */
  consumers: Record<string, string>;
}

export function manifestFunctions(file: string = MANIFEST): ManifestFunctions {
  const manifest = parse(fs.readFileSync(file, 'utf8')) as {
    modules?: {
      function?: Array<{ key: string; handler: string; timeoutSeconds?: number }>;
      scheduledTrigger?: Array<{ key: string; function: string; interval: string }>;
      consumer?: Array<{ key: string; queue: string; function?: string }>;
    };
  };
  const modules = manifest.modules ?? {};
  const handlers: Record<string, string> = {};
  const timeoutSeconds: Record<string, number> = {};
  for (const fn of modules.function ?? []) {
    handlers[fn.key] = fn.handler.replace(/^index\./, '');
    if (typeof fn.timeoutSeconds === 'number') timeoutSeconds[fn.key] = fn.timeoutSeconds;
  }
  const consumers: Record<string, string> = {};
  for (const c of modules.consumer ?? []) if (c.function) consumers[c.queue] = c.function;
  return { handlers, timeoutSeconds, scheduled: modules.scheduledTrigger ?? [], consumers };
}

interface SpecRoute {
  method: string;
  template: string;
  pattern: RegExp;
  /** Literal path segments: the most specific template wins (`/user/search` over `/user/{id}`). */
  literals: number;
  groups: string[][];
}

let routes: SpecRoute[] | null = null;

function loadRoutes(): SpecRoute[] {
  if (routes) return routes;
  const spec = JSON.parse(fs.readFileSync(SPEC, 'utf8')) as {
    paths: Record<string, Record<string, { 'x-atlassian-oauth2-scopes'?: unknown }>>;
  };
  const out: SpecRoute[] = [];
  for (const [template, methods] of Object.entries(spec.paths)) {
    const segments = template.split('/');
    const pattern = new RegExp(
      `^${segments
        .map((s) => (/^\{[^}]+\}$/.test(s) ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join('/')}$`,
    );
    const literals = segments.filter((s) => s !== '' && !s.startsWith('{')).length;
    for (const [method, operation] of Object.entries(methods)) {
      const entries = operation['x-atlassian-oauth2-scopes'];
      const groups = Array.isArray(entries)
        ? entries
            .map((e: { scopes?: unknown }) => (Array.isArray(e.scopes) ? e.scopes : []))
            .filter((g): g is string[] => g.length > 0 && g.every((s) => typeof s === 'string'))
        : [];
      out.push({ method: method.toUpperCase(), template, pattern, literals, groups });
    }
  }
  routes = out.sort((a, b) => b.literals - a.literals);
  return routes;
}

export interface JiraOperation {
  /** The spec's path template, e.g. `/rest/api/3/project/{projectIdOrKey}/role`. */
  template: string;
  /** Groups of scopes; holding every scope of any one group is enough. Empty: none needed. */
  groups: string[][];
}

/** The spec operation a Jira REST call is, or null when the spec has no such operation. */
export function jiraOperation(method: string, pathAndQuery: string): JiraOperation | null {
  const pathOnly = pathAndQuery.replace(/[?#].*$/, '');
  const upper = method.toUpperCase();
  const route = loadRoutes().find((r) => r.method === upper && r.pattern.test(pathOnly));
  return route ? { template: route.template, groups: route.groups } : null;
}

/** Whether the granted scopes satisfy one of the groups (or no scope is needed). */
export function satisfies(groups: readonly string[][], granted: ReadonlySet<string>): boolean {
  return groups.length === 0 || groups.some((group) => group.every((s) => granted.has(s)));
}

/**
 * Jira's answer to a call whose scopes the app lacks: 403 with `errorMessages`, worded as Jira
 * words it for a Forge app's `requestJira` (docs/forge-local-runtime.md, sources).
 */
export function missingScopeResponse(groups: readonly string[][], granted: ReadonlySet<string>) {
  const message =
    `Access to the resource was denied due to missing scope grants. Your app was granted the following scopes: [${[...granted].sort().join(', ')}].\n` +
    `The resource can be accessed by having one of these groups of scopes:\n${groups.map((g) => ` * [${g.join(', ')}]`).join('\n')}\n`;
  return new Response(JSON.stringify({ errorMessages: [message] }), {
    status: 403,
    headers: { 'content-type': 'application/json' },
  });
}
