/**
 * OpenAPI conformance of recorded exchanges, using openapi-backend (routing, request and response
 * validation with Ajv) against the official Jira Cloud platform spec.
 *
 * Spec location: $JIRA_OPENAPI_SPEC, else the committed copy `reference/jira-openapi/` (see its
 * README for the version, licence and how to refresh it).
 *
 * Adjustments to the spec before use (documented inconsistencies between spec and Jira):
 * - Properties whose description says they "may be returned as null" (User.emailAddress,
 *   User.locale, …) get `nullable: true`; the schema declares them as plain strings.
 * - `format: date-time` accepts Jira's own timestamp form `2020-03-26T22:20:59.000+0000` (offset
 *   without a colon, as in the spec's examples) besides RFC 3339.
 *
 * What is skipped, and why:
 * - Exchanges that a fault rule produced (`fault` set): deliberately broken answers.
 * - `/_edge/tenant_info`: an edge endpoint outside the REST spec.
 * - `/status`: the site's status page, outside the REST spec (asked after a 503).
 * - Response bodies of 401: Jira's authentication layer answers with its own shapes
 *   (`{"message":…,"status-code":401}`, the gateway's `{"code":401,…}`, or plain text), documented
 *   outside the spec; getMyPermissions even declares ErrorCollection for 401.
 * - Request bodies that are multipart forms (the attachments probe sends an empty one): the
 *   recorder keeps only JSON bodies.
 * - Response bodies that are not JSON, and statuses for which the operation declares no JSON schema
 *   (most 4xx here, 429, 5xx).
 */
import fs from 'node:fs';
import path from 'node:path';
import addFormats from 'ajv-formats';
import { OpenAPIBackend, type Document, type Operation } from 'openapi-backend';
import type { RecordedExchange } from '../../simulator';

/*
 * openapi-backend eagerly loads @apidevtools/json-schema-ref-parser (v16, ESM-only), which Jest's
 * CommonJS runtime cannot load without transforming node_modules. We use openapi-backend in quick
 * mode with an in-memory definition: it dereferences synchronously with dereference-json-schema and
 * never needs the ref parser (it only calls `parse`, unawaited, on the object it was given). So the
 * ref parser is replaced by a stand-in that hands the document back. (jest.mock is hoisted above
 * the imports.)
 */
jest.mock('@apidevtools/json-schema-ref-parser', () => {
  const passThrough = (document: unknown): Promise<unknown> => Promise.resolve(document);
  return {
    __esModule: true,
    default: {
      parse: passThrough,
      dereference: () =>
        Promise.reject(new Error('ref parser unavailable under Jest: use quick mode')),
      resolve: () => Promise.reject(new Error('ref parser unavailable under Jest: use quick mode')),
    },
  };
});

const CANDIDATES = [
  process.env.JIRA_OPENAPI_SPEC,
  path.resolve(__dirname, '../../reference/jira-openapi/jira-platform-openapi.v3.json'),
];

/** Paths that are not REST operations of the spec. */
const OUTSIDE_SPEC = new Set(['/_edge/tenant_info', '/status']);

const GATEWAY_PREFIX = /^\/ex\/jira\/[^/]+(?=\/)/;

export function specPath(): string {
  for (const candidate of CANDIDATES) {
    if (candidate && fs.existsSync(candidate)) return candidate;
  }
  throw new Error(
    `Jira OpenAPI spec not found. It is committed in reference/jira-openapi/; JIRA_OPENAPI_SPEC overrides it. Tried: ${CANDIDATES.filter(Boolean).join(', ')}`,
  );
}

let rawSpec: Record<string, unknown> | undefined;

/** The unmodified spec (parsed once per test file). */
export function loadSpec(): Record<string, unknown> {
  rawSpec ??= JSON.parse(fs.readFileSync(specPath(), 'utf8')) as Record<string, unknown>;
  return rawSpec;
}

function markDocumentedNullables(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(markDocumentedNullables);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const obj = node as Record<string, unknown>;
  if (
    typeof obj.description === 'string' &&
    /may be returned as null/i.test(obj.description) &&
    obj.type
  ) {
    obj.nullable = true;
  }
  for (const value of Object.values(obj)) markDocumentedNullables(value);
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
const JIRA_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{4}$/;

let backend: OpenAPIBackend | undefined;

function api(): OpenAPIBackend {
  if (backend) return backend;
  const definition = structuredClone(loadSpec()) as Record<string, unknown>;
  markDocumentedNullables((definition.components as Record<string, unknown>).schemas);
  const instance = new OpenAPIBackend({
    definition: definition as unknown as Document,
    // quick: synchronous dereferencing and lazily compiled validators (the spec is 2.4 MB).
    quick: true,
    strict: false,
    ajvOpts: { allErrors: true, strict: false },
    customizeAjv: (ajv) => {
      addFormats(ajv);
      ajv.addFormat('date-time', {
        type: 'string',
        validate: (value: string) => RFC3339.test(value) || JIRA_DATE_TIME.test(value),
      });
      return ajv;
    },
  });
  void instance.init();
  // In quick mode with an in-memory definition, init() completes synchronously.
  if (!instance.initialized) throw new Error('openapi-backend did not initialise synchronously');
  // The router rebuilds its flat list of the spec's ~600 operations (with lodash) on every
  // getOperations() call, and matchOperation calls it twice per request: that was most of the
  // conformance check's CPU time. The definition never changes after init, so the list is built
  // once; the router's own matching logic is unchanged.
  const operations = instance.router.getOperations();
  instance.router.getOperations = () => operations;
  backend = instance;
  return instance;
}

/** matchOperation's answers, by `METHOD path`: the same request always matches the same operation. */
const matched = new Map<string, Operation | undefined>();

/** The spec operation for a method and a site-relative path, if any. */
export function matchOperation(method: string, requestPath: string): Operation | undefined {
  const key = `${method.toUpperCase()} ${requestPath}`;
  if (!matched.has(key)) {
    matched.set(key, api().router.matchOperation({ method, path: requestPath, headers: {} }));
  }
  return matched.get(key);
}

function queryForValidation(query: Record<string, string[]>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, values] of Object.entries(query))
    out[name] = values.length === 1 ? (values[0] as string) : values;
  return out;
}

function describe(
  errors: ReadonlyArray<{ instancePath?: string; message?: string; params?: unknown }>,
): string[] {
  return errors.map(
    (e) => `${e.instancePath || '/'} ${e.message ?? 'invalid'} ${JSON.stringify(e.params ?? {})}`,
  );
}

export interface ConformanceOptions {
  /** Also check the request (parameter names, required parameters, values, body). Default true. */
  requests?: boolean;
}

/** Conformance errors of one exchange against the spec ([] when conformant or skipped). */
export function validateExchange(
  exchange: RecordedExchange,
  options: ConformanceOptions = {},
): string[] {
  if (exchange.fault) return [];
  // Atlassian's token endpoint and admin API are not Jira's: test/simulator/atlassian-apis.test.ts
  // checks them against their documented shapes.
  if (exchange.target === 'auth' || exchange.target === 'admin-api') return [];
  // Cloud's REST v2 shares v3's operations; the CLI reads serverInfo through v2 (Data Center has
  // no v3) and the removed search answers its 410 under v2 too, so those exchanges are checked
  // against the v3 operation.
  const sitePath = exchange.path
    .replace(GATEWAY_PREFIX, '')
    .replace(/^\/rest\/api\/2\/(serverInfo|search)$/, '/rest/api/3/$1');
  if (OUTSIDE_SPEC.has(sitePath)) return [];
  const operation = matchOperation(exchange.method, sitePath);
  if (!operation) return [`no operation in the spec for ${exchange.method} ${sitePath}`];
  const errors: string[] = [];

  if (options.requests !== false) {
    const declared = (operation.parameters ?? []) as Array<{
      name: string;
      in: string;
      required?: boolean;
    }>;
    const queryNames = new Set(declared.filter((p) => p.in === 'query').map((p) => p.name));
    for (const name of Object.keys(exchange.query)) {
      if (!queryNames.has(name)) errors.push(`request: unknown query parameter '${name}'`);
    }
    for (const p of declared) {
      if (p.in === 'query' && p.required && !(p.name in exchange.query)) {
        errors.push(`request: missing required query parameter '${p.name}'`);
      }
    }
    const multipart = exchange.requestContentType?.startsWith('multipart/') === true;
    const result = api().validator.validateRequest(
      {
        method: exchange.method,
        path: sitePath,
        headers: exchange.requestBody === undefined ? {} : { 'content-type': 'application/json' },
        query: queryForValidation(exchange.query),
        body: exchange.requestBody,
      },
      operation,
    );
    // Unknown names are reported above, once, in plain words.
    const valueErrors = (result.errors ?? []).filter(
      (e) =>
        (e.keyword !== 'additionalProperties' || !e.instancePath.startsWith('/query')) &&
        !(
          multipart &&
          e.params &&
          'missingProperty' in e.params &&
          e.params.missingProperty === 'requestBody'
        ),
    );
    errors.push(...describe(valueErrors).map((e) => `request: ${e}`));
  }

  const skipBody =
    exchange.status === 401 ||
    exchange.status === 0 ||
    typeof exchange.responseBody !== 'object' ||
    !exchange.contentType?.includes('json');
  if (!skipBody) {
    const result = api().validator.validateResponse(
      exchange.responseBody,
      operation,
      exchange.status,
    );
    errors.push(...describe(result.errors ?? []).map((e) => `response ${exchange.status}: ${e}`));
  }
  return errors;
}

/** Jest assertion: every exchange conforms to the spec. */
export function expectConformant(
  log: readonly RecordedExchange[],
  options: ConformanceOptions = {},
): void {
  const problems = log.flatMap((exchange) =>
    validateExchange(exchange, options).map(
      (e) => `${exchange.method} ${exchange.path} → ${exchange.status}: ${e}`,
    ),
  );
  expect(problems).toEqual([]);
}
