import {
  CREDENTIALS,
  baseWorld,
  missingCreateInOneProject,
  requiredFieldsOnCreate,
  serviceManagementPortalCustomer,
} from '../../simulator/worlds/scenarios';
import { call, useSimulator, type Login } from './helpers';

const sim = useSimulator();
const SYNC: Login = { email: CREDENTIALS.sync.email, secret: CREDENTIALS.sync.token };

interface Fields {
  fields: Array<{ fieldId: string; required: boolean; name: string; allowedValues?: unknown[] }>;
  total: number;
}

describe('create metadata', () => {
  it('lists creatable issue types (paged)', async () => {
    const s = await sim.start(baseWorld());
    const r = await call(s, '/rest/api/3/issue/createmeta/SYNC/issuetypes', { auth: SYNC });
    expect(r.status).toBe(200);
    const body = r.json as {
      issueTypes: Array<{ name: string; subtask: boolean }>;
      total: number;
      startAt: number;
      maxResults: number;
    };
    expect(body).toMatchObject({ startAt: 0, maxResults: 50, total: 5 });
    expect(body.issueTypes.map((t) => t.name)).toEqual(['Epic', 'Task', 'Bug', 'Story', 'Subtask']);
    const page = await call(
      s,
      '/rest/api/3/issue/createmeta/10000/issuetypes?startAt=1&maxResults=2',
      { auth: SYNC },
    );
    expect(
      (page.json as { issueTypes: Array<{ name: string }> }).issueTypes.map((t) => t.name),
    ).toEqual(['Task', 'Bug']);
  });

  it('lists the fields of an issue type with `required`', async () => {
    const s = await sim.start(requiredFieldsOnCreate().world);
    const r = await call(s, '/rest/api/3/issue/createmeta/SYNC/issuetypes/10002', { auth: SYNC });
    const body = r.json as Fields;
    // Reporter is hidden from a caller without Modify Reporter (W1 in docs/jira-behaviour.md).
    expect(body.fields.filter((f) => f.required).map((f) => f.fieldId)).toEqual([
      'summary',
      'issuetype',
      'project',
      'customfield_10050',
    ]);
    const asAdmin = await call(s, '/rest/api/3/issue/createmeta/SYNC/issuetypes/10002', {
      auth: { email: CREDENTIALS.admin.email, secret: CREDENTIALS.admin.token },
    });
    expect((asAdmin.json as Fields).fields.map((f) => f.fieldId)).toContain('reporter');
    expect(body.fields.find((f) => f.fieldId === 'customfield_10050')).toMatchObject({
      name: 'Customer impact',
      allowedValues: [{ value: 'Low' }, { value: 'High' }],
    });
    const plain = await call(s, '/rest/api/3/issue/createmeta/OPS/issuetypes/10002', {
      auth: SYNC,
    });
    expect((plain.json as Fields).fields.map((f) => f.fieldId)).not.toContain('customfield_10050');
  });

  it('answers 400 without Create issues by default (Data Center behaviour; undocumented on Cloud)', async () => {
    const s = await sim.start(missingCreateInOneProject().world);
    const r = await call(s, '/rest/api/3/issue/createmeta/OPS/issuetypes', { auth: SYNC });
    expect(r.status).toBe(400);
    expect(r.json).toEqual({
      errorMessages: ['You do not have permission to create issues in this project.'],
      errors: {},
    });
  });

  it.each([
    ['empty-200', 200],
    ['not-found-404', 404],
  ] as const)(
    'answers per the world option when Create issues is missing (%s)',
    async (option, status) => {
      const world = missingCreateInOneProject().world;
      world.site.createMetaWithoutCreatePermission = option;
      const s = await sim.start(world);
      const r = await call(s, '/rest/api/3/issue/createmeta/OPS/issuetypes', { auth: SYNC });
      expect(r.status).toBe(status);
      if (status === 200) expect(r.json).toMatchObject({ total: 0, issueTypes: [] });
    },
  );

  it('gives portal customers no create metadata (no agent licence)', async () => {
    const s = await sim.start(serviceManagementPortalCustomer().world);
    expect(
      (await call(s, '/rest/api/3/issue/createmeta/HELP/issuetypes', { auth: SYNC })).status,
    ).toBe(404);
  });

  it('answers 404 for hidden or missing projects and unknown issue types', async () => {
    const s = await sim.start(baseWorld());
    expect(
      (await call(s, '/rest/api/3/issue/createmeta/HELP/issuetypes', { auth: SYNC })).status,
    ).toBe(404);
    expect(
      (await call(s, '/rest/api/3/issue/createmeta/NOPE/issuetypes', { auth: SYNC })).status,
    ).toBe(404);
    expect(
      (await call(s, '/rest/api/3/issue/createmeta/SYNC/issuetypes/99999', { auth: SYNC })).status,
    ).toBe(404);
  });

  it('rejects maxResults above 200 with the documented body', async () => {
    sim.allowInvalidRequests();
    const s = await sim.start(baseWorld());
    const r = await call(s, '/rest/api/3/issue/createmeta/SYNC/issuetypes?maxResults=201', {
      auth: SYNC,
    });
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({
      errorMessages: ["Parameter 'maxResults' must not exceed the limit '200'"],
    });
  });
});
