/**
 * The scheme mapping endpoints (#24), as the spec describes them: Administer Jira only, classic
 * projects only, the default field configuration scheme as the entry without a scheme, issue
 * security schemes with the project IDs filtered by. Every exchange is checked against the spec.
 */
import { projectByKey, textField } from '../../simulator/builders';
import { CREDENTIALS, PROJECT_ID, baseWorld } from '../../simulator/worlds/scenarios';
import { demoWorld } from '../../simulator/worlds/demo';
import { call, useSimulator, type Login } from './helpers';

const sim = useSimulator();
const ADMIN: Login = { email: CREDENTIALS.admin.email, secret: CREDENTIALS.admin.token };
const SYNC: Login = { email: CREDENTIALS.sync.email, secret: CREDENTIALS.sync.token };

interface Page<T> {
  isLast: boolean;
  startAt: number;
  maxResults: number;
  total: number;
  values: T[];
}

const ids = (...values: string[]) => values.map((v) => `projectId=${v}`).join('&');

describe('scheme mappings', () => {
  it('needs a login and Administer Jira', async () => {
    const s = await sim.start(baseWorld());
    const path = `/rest/api/3/issuetypescreenscheme/project?${ids(PROJECT_ID.SYNC)}`;
    expect((await call(s, path)).status).toBe(401);
    const refused = await call(s, path, { auth: SYNC });
    expect(refused.status).toBe(403);
    expect(refused.json).toEqual({
      errorMessages: [
        'You are not authorized to perform this action. Administrator privileges are required.',
      ],
      errors: {},
    });
    expect((await call(s, path, { auth: ADMIN })).status).toBe(200);
  });

  it('projects with the same screens share an issue type screen scheme; a different screen is another scheme', async () => {
    const world = baseWorld();
    // OPS gets a field on its screens that SYNC's do not have.
    for (const type of projectByKey(world, 'OPS').issueTypes)
      type.fields.push(textField(12345, 'Extra'));
    const s = await sim.start(world);
    const res = await call(
      s,
      `/rest/api/3/issuetypescreenscheme/project?${ids(PROJECT_ID.SYNC, PROJECT_ID.OPS)}`,
      { auth: ADMIN },
    );
    const page = res.json as Page<{ issueTypeScreenScheme: { id: string }; projectIds: string[] }>;
    expect(page.values.map((v) => v.projectIds)).toEqual([[PROJECT_ID.SYNC], [PROJECT_ID.OPS]]);
    expect(page).toMatchObject({ isLast: true, startAt: 0, total: 2 });
    // Only the projects asked for are listed (the default site option).
    const one = await call(s, `/rest/api/3/issuetypescheme/project?${ids(PROJECT_ID.SYNC)}`, {
      auth: ADMIN,
    });
    expect((one.json as Page<{ projectIds: string[] }>).values).toHaveLength(1);
  });

  it('lists the default field configuration scheme first, as an entry without a scheme', async () => {
    const world = baseWorld();
    const ops = projectByKey(world, 'OPS');
    for (const type of ops.issueTypes)
      for (const field of type.fields) if (field.fieldId === 'description') field.required = true;
    const s = await sim.start(world);
    const res = await call(
      s,
      `/rest/api/3/fieldconfigurationscheme/project?${ids(PROJECT_ID.SYNC, PROJECT_ID.OPS)}`,
      { auth: ADMIN },
    );
    const values = (
      res.json as Page<{ fieldConfigurationScheme?: { id: string }; projectIds: string[] }>
    ).values;
    expect(values[0]).toEqual({ projectIds: [PROJECT_ID.SYNC] });
    expect(values[1]?.fieldConfigurationScheme?.id).toBeDefined();
    expect(values[1]?.projectIds).toEqual([PROJECT_ID.OPS]);
  });

  it('pages by scheme with startAt and maxResults', async () => {
    const world = baseWorld();
    projectByKey(world, 'OPS').issueTypes[0]?.fields.push(textField(12345, 'Extra'));
    const s = await sim.start(world);
    const path = `/rest/api/3/issuetypescreenscheme/project?${ids(PROJECT_ID.SYNC, PROJECT_ID.OPS)}`;
    const first = (await call(s, `${path}&maxResults=1`, { auth: ADMIN })).json as Page<unknown>;
    expect(first).toMatchObject({ isLast: false, total: 2, maxResults: 1 });
    const second = (await call(s, `${path}&maxResults=1&startAt=1`, { auth: ADMIN }))
      .json as Page<unknown>;
    expect(second).toMatchObject({ isLast: true, startAt: 1 });
    expect(second.values).toHaveLength(1);
  });

  it('issue security schemes name the projects filtered by; a project with none is in no entry', async () => {
    const s = await sim.start(demoWorld());
    const res = await call(s, `/rest/api/3/issuesecurityschemes/search?${ids('10000', '10011')}`, {
      auth: ADMIN,
    });
    expect((res.json as Page<unknown>).values).toEqual([
      expect.objectContaining({ id: 10400, name: 'Mobile security', projectIds: [10011] }),
    ]);
  });

  it('team-managed projects are in no mapping', async () => {
    const world = baseWorld();
    projectByKey(world, 'OPS').style = 'next-gen';
    const s = await sim.start(world);
    const res = await call(
      s,
      `/rest/api/3/issuetypescreenscheme/project?${ids(PROJECT_ID.SYNC, PROJECT_ID.OPS)}`,
      { auth: ADMIN },
    );
    const listed = (res.json as Page<{ projectIds: string[] }>).values.flatMap((v) => v.projectIds);
    expect(listed).toEqual([PROJECT_ID.SYNC]);
  });

  it('a project ID that is not a number is a bad request', async () => {
    const s = await sim.start(baseWorld());
    sim.allowInvalidRequests();
    const res = await call(s, '/rest/api/3/fieldconfigurationscheme/project?projectId=SYNC', {
      auth: ADMIN,
    });
    expect(res.status).toBe(400);
  });
});
