import type { RecordedExchange } from '../../simulator';
import { loadSpec, matchOperation, validateExchange } from '../support/openapi';

function exchange(over: Partial<RecordedExchange>): RecordedExchange {
  return {
    method: 'GET',
    path: '/rest/api/3/myself',
    query: {},
    target: 'site',
    status: 200,
    contentType: 'application/json;charset=UTF-8',
    responseBody: { accountId: 'abc', displayName: 'A', active: true },
    responseHeaders: {},
    operation: 'GET /rest/api/3/myself',
    operationId: 'getCurrentUser',
    authenticatedAs: 'abc',
    authOutcome: 'ok',
    atMs: 0,
    ...over,
  };
}

describe('OpenAPI conformance tooling', () => {
  it('loads the official spec', () => {
    const spec = loadSpec() as { info: { version: string }; paths: object };
    expect(spec.info.version).toMatch(/^1001\.0\.0-SNAPSHOT/);
    expect(Object.keys(spec.paths).length).toBeGreaterThan(400);
  });

  it('matches operations, stripping the gateway prefix', () => {
    expect(matchOperation('GET', '/rest/api/3/project/search')?.operationId).toBe('searchProjects');
    expect(matchOperation('GET', '/rest/api/3/project/ABC')?.operationId).toBe('getProject');
    expect(
      validateExchange(
        exchange({ path: '/ex/jira/some-cloud-id/rest/api/3/myself', target: 'gateway' }),
      ),
    ).toEqual([]);
    expect(validateExchange(exchange({ path: '/rest/api/3/not-an-operation' }))).toEqual([
      'no operation in the spec for GET /rest/api/3/not-an-operation',
    ]);
  });

  it('accepts a conformant exchange', () => {
    expect(validateExchange(exchange({ query: { expand: ['groups,applicationRoles'] } }))).toEqual(
      [],
    );
  });

  it('reports unknown and missing query parameters', () => {
    expect(validateExchange(exchange({ query: { bogus: ['1'] } }))).toEqual([
      "request: unknown query parameter 'bogus'",
    ]);
    const errors = validateExchange(
      exchange({ path: '/rest/api/3/user/groups', operationId: 'getUserGroups', responseBody: [] }),
    );
    expect(errors).toContain("request: missing required query parameter 'accountId'");
  });

  it('reports invalid parameter values and request bodies', () => {
    const values = validateExchange(
      exchange({
        path: '/rest/api/3/project/search',
        query: { action: ['delete'] },
        responseBody: { values: [] },
      }),
    );
    expect(values.some((e) => e.startsWith('request: /query/action'))).toBe(true);
    const body = validateExchange(
      exchange({
        method: 'POST',
        path: '/rest/api/3/permissions/check',
        requestBody: { projectPermissions: [{ projects: [1] }] },
        responseBody: { globalPermissions: [], projectPermissions: [] },
      }),
    );
    expect(body.some((e) => e.includes('requestBody') && e.includes('permissions'))).toBe(true);
  });

  it('reports response bodies that break the schema', () => {
    const errors = validateExchange(
      exchange({ responseBody: { accountId: 'abc', unexpected: true, active: 'yes' } }),
    );
    expect(errors.some((e) => e.includes('additional properties'))).toBe(true);
    expect(errors.some((e) => e.includes('/active'))).toBe(true);
    const badUri = validateExchange(exchange({ responseBody: { self: 'not a uri' } }));
    expect(badUri.some((e) => e.includes('format'))).toBe(true);
  });

  it('applies the documented adjustments: nullable email, Jira timestamps', () => {
    expect(
      validateExchange(exchange({ responseBody: { accountId: 'abc', emailAddress: null } })),
    ).toEqual([]);
    const info = (serverTime: string) =>
      validateExchange(exchange({ path: '/rest/api/3/serverInfo', responseBody: { serverTime } }));
    expect(info('2020-03-31T16:43:50.000+0000')).toEqual([]);
    expect(info('2020-03-31T16:43:50.000Z')).toEqual([]);
    expect(info('yesterday')).not.toEqual([]);
  });

  it('skips 401 bodies, fault answers, non-JSON bodies and the edge tenant endpoint', () => {
    expect(
      validateExchange(
        exchange({ status: 401, responseBody: { message: 'x', 'status-code': 401 } }),
      ),
    ).toEqual([]);
    expect(validateExchange(exchange({ fault: 'malformed-json', responseBody: '{"a":' }))).toEqual(
      [],
    );
    expect(
      validateExchange(exchange({ contentType: 'text/plain', responseBody: 'hello' })),
    ).toEqual([]);
    expect(
      validateExchange(exchange({ path: '/_edge/tenant_info', responseBody: { cloudId: 'x' } })),
    ).toEqual([]);
  });

  it('can leave requests out', () => {
    expect(validateExchange(exchange({ query: { bogus: ['1'] } }), { requests: false })).toEqual(
      [],
    );
  });
});
