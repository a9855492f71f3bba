/**
 * The rate-limit points model (docs/jira-behaviour.md S8): Atlassian's published costs applied to
 * what each answer listed, and only to the requests the Forge app makes as the signed-in user.
 */
import {
  objectCounter,
  perTenantQuota,
  POINTS_BASIS,
  QUOTA,
  requestPoints,
  runCost,
} from '../../src/engine/knowledge/rate-limit-points';
import { EvidenceLog, type EvidenceEntry } from '../../src/engine/port/evidence';
import { HttpJiraClient } from '../../src/jira/http-client';
import type { Transport } from '../../src/jira/transport';

const count = (method: string, path: string, json: unknown) => objectCounter(method, path)?.(json);

function entry(over: Partial<EvidenceEntry>): EvidenceEntry {
  return {
    step: 'admin-projects',
    method: 'GET',
    path: '/rest/api/3/project/search',
    target: 'forge',
    auth: 'admin',
    status: 200,
    attempt: 1,
    startedAtMs: 0,
    durationMs: 1,
    ...over,
  };
}

describe('what an answer lists', () => {
  test('a project page lists its projects; a search its issues (core objects)', () => {
    const page = { values: [{ id: '1' }, { id: '2' }, { id: '3' }], isLast: true };
    expect(count('GET', '/rest/api/3/project/search?keys=A&keys=B', page)).toEqual({
      core: 3,
      identity: 0,
      other: 0,
    });
    expect(count('POST', '/rest/api/3/search/jql', { issues: [{}, {}] })).toMatchObject({
      core: 2,
    });
  });

  test('permission lists and the bulk check: permissions are identity objects, listed IDs core', () => {
    const mine = { permissions: { ADMINISTER: {}, BROWSE_PROJECTS: {} } };
    expect(count('GET', '/rest/api/3/mypermissions?permissions=ADMINISTER', mine)).toEqual({
      core: 0,
      identity: 2,
      other: 0,
    });
    const bulk = {
      globalPermissions: [],
      projectPermissions: [
        { permission: 'BROWSE_PROJECTS', projects: [1, 2, 3], issues: [] },
        { permission: 'CREATE_ISSUES', projects: [1], issues: [7] },
      ],
    };
    expect(count('POST', '/rest/api/3/permissions/check', bulk)).toEqual({
      core: 5,
      identity: 2,
      other: 0,
    });
  });

  test('users and roles are identity objects; anything unlisted is one object or its list', () => {
    expect(count('GET', '/rest/api/3/user?accountId=x', { accountId: 'x' })).toMatchObject({
      identity: 1,
    });
    expect(
      count('GET', '/rest/api/3/project/P1/role/10002', { id: 10002, actors: [{}, {}] }),
    ).toMatchObject({ identity: 3 });
    expect(count('GET', '/rest/api/3/field', [{}, {}, {}, {}])).toEqual({
      core: 0,
      identity: 0,
      other: 4,
    });
    expect(count('GET', '/rest/api/3/serverInfo', { baseUrl: 'x' })).toMatchObject({ other: 1 });
  });

  test('a write lists nothing that costs', () => {
    expect(objectCounter('PUT', '/rest/api/3/issue/0')).toBeUndefined();
    expect(objectCounter('POST', '/rest/api/3/issue')).toBeUndefined();
  });

  test('an answer of an unexpected shape counts as nothing, never throws', () => {
    expect(count('POST', '/rest/api/3/permissions/check', 'not json')).toEqual({
      core: 0,
      identity: 0,
      other: 0,
    });
  });
});

describe('points of a request (Atlassian: 1 a request, +1 core, +2 identity, +1 other; writes 1)', () => {
  test('the documented examples', () => {
    // "GET /rest/api/3/issue/ABC-123: 1 (base) + 1 Issue = 2 points"
    expect(
      requestPoints(
        entry({ path: '/rest/api/3/issue/ABC-123', objects: { core: 1, identity: 0, other: 0 } }),
      ),
    ).toBe(2);
    // "group/member: 1 (base) + 8 users = 17 points (1 + 8 × 2)"
    expect(
      requestPoints(
        entry({ path: '/rest/api/3/group/member', objects: { core: 0, identity: 8, other: 0 } }),
      ),
    ).toBe(17);
    // "POST /rest/api/3/issue → 1 point"
    expect(requestPoints(entry({ method: 'POST', path: '/rest/api/3/issue' }))).toBe(1);
  });

  test('a refused or failed answer costs its base point, whatever it listed', () => {
    const objects = { core: 50, identity: 0, other: 0 };
    expect(requestPoints(entry({ status: 403, objects }))).toBe(1);
    expect(requestPoints(entry({ status: null, error: 'timeout' }))).toBe(1);
  });
});

describe('the price of a run', () => {
  test('only what Forge sends as the app or the signed-in user spends points', () => {
    const objects = { core: 50, identity: 0, other: 0 };
    const cost = runCost([
      entry({ objects }),
      entry({ target: 'site', auth: 'sync-user', objects }),
      entry({ target: 'gateway', auth: 'sync-user', objects }),
      entry({ target: 'site', auth: 'none', path: '/rest/api/3/permissions' }),
      entry({ target: 'site', auth: 'admin', objects }),
    ]);
    expect(cost).toEqual({ requests: 1, points: 51 });
  });

  test('the HTTP client records what a successful answer listed, never the body', async () => {
    const evidence = new EvidenceLog();
    const body = JSON.stringify({ values: [{ id: '1', key: 'A', name: 'Secret name' }] });
    const transport: Transport = async () => ({
      status: 200,
      headers: { 'content-type': 'application/json' },
      text: async () => body,
    });
    const client = new HttpJiraClient({ transport, target: 'forge', auth: 'admin', evidence });
    await client.request({
      method: 'GET',
      path: '/rest/api/3/project/search',
      step: 'admin-projects',
      countObjects: objectCounter('GET', '/rest/api/3/project/search'),
    });
    const [recorded] = evidence.entries();
    expect(recorded?.objects).toEqual({ core: 1, identity: 0, other: 0 });
    expect(JSON.stringify(evidence.entries())).not.toContain('Secret name');
    expect(runCost(evidence.entries())).toEqual({ requests: 1, points: 2 });
  });

  test('the report says how the points were counted', () => {
    expect(POINTS_BASIS).toMatch(/API-token and anonymous requests are exempt/);
  });
});

describe('the documented quotas', () => {
  test('Tier 1: one pool of 65,000 points an hour for all sites', () => {
    expect(QUOTA.globalPoolPerHour).toBe(65_000);
  });

  test("Tier 2: the page's examples (Standard, 2,000 users; Enterprise, 15,000 users, capped)", () => {
    expect(perTenantQuota('standard', 2_000)).toBe(120_000);
    expect(perTenantQuota('enterprise', 15_000)).toBe(500_000);
    expect(perTenantQuota('free', 10)).toBe(65_000);
  });
});
