import type { Grant, RoleMembers } from '../../src/engine/explain/grants';
import { recommend } from '../../src/engine/explain/recommend';

const roles: RoleMembers[] = [
  { id: '1', name: 'Developers', users: [], groups: ['devs'] },
  { id: '2', name: 'Administrators', users: [], groups: [] },
  { id: '3', name: 'atlassian-addons-project-access', users: [], groups: [] },
  { id: '4', name: 'Writers', users: [], groups: [] },
];
const grant = (permission: string, type: string, parameter: string | null): Grant => ({
  permission,
  type,
  parameter,
});
const grants: Grant[] = [
  grant('BROWSE_PROJECTS', 'projectRole', '1'),
  grant('CREATE_ISSUES', 'projectRole', '2'),
  grant('ADMINISTER_PROJECTS', 'projectRole', '2'),
  grant('CREATE_ISSUES', 'projectRole', '3'),
  grant('EDIT_ISSUES', 'projectRole', '3'),
  grant('CREATE_ISSUES', 'projectRole', '4'),
  grant('EDIT_ISSUES', 'projectRole', '4'),
  grant('DELETE_ISSUES', 'projectRole', '4'),
  grant('CREATE_ISSUES', 'group', 'creators'),
];
const base = { serviceDesk: false, userRoles: ['Developers'] };

describe('least-privilege recommendation', () => {
  it('picks the one role that carries every missing permission with the fewest other grants, never the admin role', () => {
    const rec = recommend('Bot', 'OPS', ['CREATE_ISSUES', 'EDIT_ISSUES'], grants, roles, {
      ...base,
      groupsAllowed: false,
    });
    // App accounts may use the app-access role, which grants less than Writers.
    expect(rec?.roles).toEqual(['atlassian-addons-project-access']);
  });

  it('does not put a person into the app-access role', () => {
    const rec = recommend('Bot', 'OPS', ['CREATE_ISSUES', 'EDIT_ISSUES'], grants, roles, {
      ...base,
      groupsAllowed: true,
    });
    expect(rec?.roles).toEqual(['Writers']);
    expect(rec?.summary).toContain('project role "Writers" in OPS');
  });

  it('prefers a role to a group, and offers groups only to accounts that can join them', () => {
    const onlyCreate = grants.filter((g) => g.parameter !== '4' && g.parameter !== '3');
    const person = recommend('Bot', 'OPS', ['CREATE_ISSUES'], onlyCreate, roles, {
      ...base,
      groupsAllowed: true,
    });
    expect(person).toMatchObject({ roles: [], groups: ['creators'], ungranted: [] });
    const app = recommend('Bot', 'OPS', ['CREATE_ISSUES'], onlyCreate, roles, {
      ...base,
      groupsAllowed: false,
    });
    expect(app).toMatchObject({ roles: [], groups: [], ungranted: ['CREATE_ISSUES'] });
    expect(app?.summary).toContain(
      'add a grant of Create Issues to project role "Developers", which Bot already has',
    );
  });

  it('names the agent licence for Service Management projects and says nothing when nothing is missing', () => {
    const rec = recommend('Bot', 'HELP', ['EDIT_ISSUES'], grants, roles, {
      ...base,
      groupsAllowed: false,
      serviceDesk: true,
    });
    expect(rec?.summary).toContain('agent licence');
    expect(recommend('Bot', 'OPS', [], grants, roles, { ...base, groupsAllowed: true })).toBeNull();
  });
});
