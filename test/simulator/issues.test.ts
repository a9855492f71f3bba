import {
  ACCOUNT,
  CREDENTIALS,
  EXTERNAL_ID,
  STAFF_LEVEL,
  baseWorld,
  fieldsNotOnScreens,
  issueSecurityHidesIssues,
  missingCreateInOneProject,
} from '../../simulator/worlds/scenarios';
import { call, useSimulator, type Login } from './helpers';

const sim = useSimulator();
const SYNC: Login = { email: CREDENTIALS.sync.email, secret: CREDENTIALS.sync.token };
const ADMIN: Login = { email: CREDENTIALS.admin.email, secret: CREDENTIALS.admin.token };

interface Search {
  issues: Array<{ id: string; key: string; fields: Record<string, { name?: string } | null> }>;
  isLast: boolean;
  nextPageToken?: string;
}

const search = (body: unknown, auth: Login = SYNC) => ({ method: 'POST' as const, body, auth });

describe('issues: search, edit metadata, fields, issue security', () => {
  it('POST /search/jql: project, issue type, newest first, paged with nextPageToken', async () => {
    const s = await sim.start(baseWorld());
    const r = await call(
      s,
      '/rest/api/3/search/jql',
      search({
        jql: 'project = "SYNC" ORDER BY updated DESC',
        maxResults: 3,
        fields: ['issuetype'],
      }),
    );
    expect(r.status).toBe(200);
    const body = r.json as Search;
    expect(body.issues.map((i) => i.key)).toEqual(['SYNC-4', 'SYNC-3', 'SYNC-2']);
    expect(body.issues[0]?.fields.issuetype?.name).toBe('Story');
    expect(body).toMatchObject({ isLast: false, nextPageToken: '3' });
    const next = await call(
      s,
      '/rest/api/3/search/jql',
      search({ jql: 'project = SYNC ORDER BY updated DESC', maxResults: 3, nextPageToken: '3' }),
    );
    expect((next.json as Search).issues.map((i) => i.key)).toEqual(['SYNC-1']);
    const bugs = await call(
      s,
      '/rest/api/3/search/jql',
      search({ jql: 'project = SYNC AND issuetype in ("Bug")', fields: ['issuetype'] }),
    );
    expect((bugs.json as Search).issues.map((i) => i.key)).toEqual(['SYNC-3']);
  });

  it('POST /search/jql: unbounded or unsupported JQL and invisible projects are 400', async () => {
    const s = await sim.start(missingCreateInOneProject().world);
    const unbounded = await call(s, '/rest/api/3/search/jql', search({ jql: 'ORDER BY updated' }));
    expect(unbounded.status).toBe(400);
    const unknown = await call(s, '/rest/api/3/search/jql', search({ jql: 'project = NOPE' }));
    expect(unknown.status).toBe(400);
    expect(unknown.json).toEqual({
      errorMessages: ["The value 'NOPE' does not exist for the field 'project'."],
      errors: {},
    });
    const odd = await call(s, '/rest/api/3/search/jql', search({ jql: 'text ~ "x"' }));
    expect(odd.status).toBe(400);
  });

  it('issue security: secured issues are hidden from non-members, also from searches and editmeta', async () => {
    const s = await sim.start(issueSecurityHidesIssues().world);
    const jql = { jql: 'project = SYNC AND level is not EMPTY', fields: ['security'] };
    const asAdmin = (await call(s, '/rest/api/3/search/jql', search(jql, ADMIN))).json as Search;
    expect(asAdmin.issues.map((i) => [i.key, i.fields.security?.name])).toEqual([
      ['SYNC-3', 'Team'],
      ['SYNC-2', STAFF_LEVEL],
      ['SYNC-1', STAFF_LEVEL],
    ]);
    const asSync = (await call(s, '/rest/api/3/search/jql', search(jql))).json as Search;
    expect(asSync.issues.map((i) => i.key)).toEqual(['SYNC-3']);
    const hidden = await call(s, '/rest/api/3/issue/SYNC-1/editmeta', { auth: SYNC });
    expect(hidden.status).toBe(404);
    const ids = asAdmin.issues.map((i) => Number(i.id));
    const check = await call(s, '/rest/api/3/permissions/check', {
      method: 'POST',
      auth: ADMIN,
      body: {
        accountId: ACCOUNT.sync,
        projectPermissions: [{ permissions: ['BROWSE_PROJECTS'], projects: [], issues: ids }],
      },
    });
    expect(check.json).toEqual({
      globalPermissions: [],
      projectPermissions: [
        { permission: 'BROWSE_PROJECTS', projects: [], issues: [Number(asSync.issues[0]?.id)] },
      ],
    });
  });

  it('GET /issue/{key}/editmeta: the edit screen of the issue type; no fields without Edit Issues', async () => {
    const s = await sim.start(fieldsNotOnScreens().world);
    const task = await call(s, '/rest/api/3/issue/SYNC-2/editmeta', { auth: SYNC });
    const fields = (task.json as { fields: Record<string, unknown> }).fields;
    expect(Object.keys(fields)).toContain('summary');
    expect(Object.keys(fields)).not.toContain(EXTERNAL_ID.id);
    expect(Object.keys(fields)).not.toContain('reporter'); // no Modify Reporter (W1)
    const bug = await call(s, '/rest/api/3/issue/SYNC-3/editmeta', { auth: SYNC });
    expect(Object.keys((bug.json as { fields: object }).fields)).toContain(EXTERNAL_ID.id);
    const world = baseWorld();
    const scheme = world.permissionSchemes[0];
    if (scheme) scheme.grants = scheme.grants.filter((g) => g.permission !== 'EDIT_ISSUES');
    const noEdit = await sim.start(world);
    const empty = await call(noEdit, '/rest/api/3/issue/SYNC-1/editmeta', { auth: SYNC });
    expect(empty.json).toEqual({ fields: {} });
  });

  it('GET /issue/{key}/editmeta lists assignee only for a caller with Assign Issues (documented, condition 3)', async () => {
    const withAssign = await sim.start(baseWorld());
    const shown = await call(withAssign, '/rest/api/3/issue/SYNC-1/editmeta', { auth: SYNC });
    expect(Object.keys((shown.json as { fields: object }).fields)).toContain('assignee');
    const world = baseWorld();
    for (const scheme of world.permissionSchemes)
      scheme.grants = scheme.grants.filter((g) => g.permission !== 'ASSIGN_ISSUES');
    const withoutAssign = await sim.start(world);
    const hidden = await call(withoutAssign, '/rest/api/3/issue/SYNC-1/editmeta', { auth: SYNC });
    const fields = Object.keys((hidden.json as { fields: object }).fields);
    expect(fields).toContain('summary');
    expect(fields).not.toContain('assignee');
  });

  it('GET /field lists every field of the site, custom ones with their clause names', async () => {
    const s = await sim.start(fieldsNotOnScreens().world);
    const r = await call(s, '/rest/api/3/field', { auth: SYNC });
    const fields = r.json as Array<{
      id: string;
      name: string;
      custom: boolean;
      clauseNames: string[];
    }>;
    expect(fields.find((f) => f.id === 'summary')).toMatchObject({
      name: 'Summary',
      custom: false,
    });
    expect(fields.find((f) => f.id === EXTERNAL_ID.id)).toMatchObject({
      name: EXTERNAL_ID.name,
      custom: true,
      clauseNames: ['cf[10070]', EXTERNAL_ID.name],
    });
  });
});
