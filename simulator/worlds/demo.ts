/**
 * A rich demo site for `npm start` / `npm run simulator`: several projects of each type and one
 * account per situation worth showing.
 */
import {
  group,
  holder,
  issues,
  project,
  projectByKey,
  role,
  ROLE,
  scopedToken,
  token,
  user,
  userByEmail,
} from '../builders';
import type { World } from '../world';
import { addBranchOffices, CORE_TEAMS } from './branch-offices';
import { ACCOUNT, baseWorld, CREDENTIALS, GROUP, SCHEME, SYNC_SCOPES } from './scenarios';

export const DEMO_ACCOUNT = {
  ...ACCOUNT,
  scoped: '712020:0a1b2c3d-0000-4000-a000-000000000101',
  nora: '712020:0a1b2c3d-0000-4000-a000-000000000102',
  pat: '712020:0a1b2c3d-0000-4000-a000-000000000103',
  wendy: '712020:0a1b2c3d-0000-4000-a000-000000000104',
} as const;

export interface DemoCredential {
  /** Short handle, e.g. `sync`. */
  key: string;
  label: string;
  email: string;
  /** What to paste as the API token (Basic-auth password). */
  secret: string;
  /** What the doctor should find. */
  expect: string;
  /** Where the credential works: the site URL, or only the gateway. */
  use: 'site' | 'gateway';
}

const SCOPED_TOKEN = 'ATSTT3xFfGF0SIM-scoped-000000000000101';
const NORA_TOKEN = 'ATATT3xFfGF0SIM-nora-00000000000000102';
const PAT_TOKEN = 'ATATT3xFfGF0SIM-pat-000000000000000103';
const WENDY_TOKEN = 'ATATT3xFfGF0SIM-wendy-0000000000000104';

export const DEMO_CREDENTIALS: readonly DemoCredential[] = [
  {
    key: 'admin',
    label: 'Ada Admin (Jira admin)',
    email: CREDENTIALS.admin.email,
    secret: CREDENTIALS.admin.token,
    expect: 'Jira administrator; use for admin mode',
    use: 'site',
  },
  {
    key: 'sync',
    label: 'Sync Bot (healthy)',
    email: CREDENTIALS.sync.email,
    secret: CREDENTIALS.sync.token,
    expect: 'all checks pass',
    use: 'site',
  },
  {
    key: 'wrong-owner',
    label: "Wendy's email with Alice's token",
    email: 'wendy@acme.example',
    secret: CREDENTIALS.alice.token,
    expect: '401: token created by another account',
    use: 'site',
  },
  {
    key: 'scoped',
    label: 'Scott Scoped (scoped token)',
    email: 'scott@acme.example',
    secret: SCOPED_TOKEN,
    expect: '401 at the site; works at the gateway',
    use: 'gateway',
  },
  {
    key: 'no-create',
    label: 'Nora (no Create in WEB)',
    email: 'nora@acme.example',
    secret: NORA_TOKEN,
    expect: 'CREATE_ISSUES missing in WEB',
    use: 'site',
  },
  {
    key: 'customer',
    label: 'Carla Customer (portal only)',
    email: CREDENTIALS.customer.email,
    secret: CREDENTIALS.customer.token,
    expect: 'portal customer of HELP and IT; no product access',
    use: 'site',
  },
  {
    key: 'project-admin',
    label: 'Pat (administers OPS only)',
    email: 'pat@acme.example',
    secret: PAT_TOKEN,
    expect: 'admin mode with project-admin authority for OPS',
    use: 'site',
  },
  {
    key: 'plain',
    label: 'Alice Developer (no admin rights)',
    email: CREDENTIALS.alice.email,
    secret: CREDENTIALS.alice.token,
    expect: 'admin mode refused (403 on permissions/check for others)',
    use: 'site',
  },
];

export function demoWorld(): World {
  const world = baseWorld();
  world.site.serverTitle = 'Acme Jira (demo)';
  world.groups.push(group('partners'));

  world.users.push(
    user({
      accountId: DEMO_ACCOUNT.scoped,
      displayName: 'Scott Scoped',
      email: 'scott@acme.example',
      groups: [GROUP.software],
      applicationRoles: ['jira-software'],
      tokens: [scopedToken(SCOPED_TOKEN, SYNC_SCOPES, { id: 'scott-token' })],
    }),
    user({
      accountId: DEMO_ACCOUNT.nora,
      displayName: 'Nora Partner',
      email: 'nora@acme.example',
      groups: ['partners'],
      applicationRoles: ['jira-software'],
      tokens: [token(NORA_TOKEN, { id: 'nora-token' })],
    }),
    user({
      accountId: DEMO_ACCOUNT.pat,
      displayName: 'Pat Projectadmin',
      email: 'pat@acme.example',
      groups: [GROUP.software],
      applicationRoles: ['jira-software'],
      tokens: [token(PAT_TOKEN, { id: 'pat-token' })],
    }),
    user({
      accountId: DEMO_ACCOUNT.wendy,
      displayName: 'Wendy Wrongtoken',
      email: 'wendy@acme.example',
      groups: [GROUP.software],
      applicationRoles: ['jira-software'],
      tokens: [token(WENDY_TOKEN, { id: 'wendy-token' })],
    }),
  );

  const teamRoles = (partnerRole: 'developers' | 'users' | 'none', admins: string[] = []) => [
    role(ROLE.developers, {
      groups: partnerRole === 'developers' ? [GROUP.software, 'partners'] : [GROUP.software],
    }),
    role(ROLE.users, { groups: partnerRole === 'users' ? ['partners'] : [] }),
    role(ROLE.administrators, { groups: [GROUP.admins], users: admins }),
    role(ROLE.addons),
  ];
  // Partners (Nora) develop in SYNC and OPS but are only Users (no Create) in WEB.
  for (const p of world.projects) {
    if (p.key === 'SYNC') p.roles = teamRoles('developers');
    if (p.key === 'OPS') p.roles = teamRoles('developers', [DEMO_ACCOUNT.pat]);
  }
  const lead = ACCOUNT.admin;
  const software = SCHEME.software;
  world.projects.push(
    project({
      id: '10010',
      key: 'WEB',
      name: 'Website',
      type: 'software',
      lead,
      schemeId: software,
      roles: teamRoles('users'),
    }),
    project({
      id: '10011',
      key: 'MOBILE',
      name: 'Mobile app',
      type: 'software',
      lead,
      schemeId: software,
      roles: teamRoles('none'),
    }),
    project({
      id: '10012',
      key: 'LEGAL',
      name: 'Legal',
      type: 'business',
      lead,
      schemeId: software,
      roles: teamRoles('none'),
    }),
    project({
      id: '10013',
      key: 'MKT',
      name: 'Marketing',
      type: 'business',
      lead,
      schemeId: software,
      roles: teamRoles('none'),
    }),
    project({
      id: '10014',
      key: 'IT',
      name: 'IT support',
      type: 'service_desk',
      lead,
      schemeId: SCHEME.serviceManagement,
      roles: [
        role(ROLE.serviceDeskTeam, { groups: [GROUP.serviceManagement] }),
        role(ROLE.serviceDeskCustomers, { users: [ACCOUNT.customer] }),
        role(ROLE.administrators, { groups: [GROUP.admins] }),
        role(ROLE.addons),
      ],
    }),
  );
  // MOBILE (#12): its Bug create screen lacks Description, and one of its issues is at the
  // security level "Staff only" (Administrators), hidden from the sync user.
  const mobile = projectByKey(world, 'MOBILE');
  for (const type of mobile.issueTypes)
    if (type.name === 'Bug') type.fields = type.fields.filter((f) => f.fieldId !== 'description');
  world.issueSecuritySchemes = [
    {
      id: 10400,
      name: 'Mobile security',
      levels: [{ id: '10500', name: 'Staff only', members: [holder.role(ROLE.administrators.id)] }],
    },
  ];
  mobile.issueSecuritySchemeId = 10400;
  mobile.issues = issues(mobile, 3).map((i, n) =>
    n === 0 ? { ...i, securityLevelId: '10500' } : i,
  );
  // #14: two project categories: the product teams, and 1000 generated branch offices.
  world.projectCategories = [CORE_TEAMS];
  for (const key of ['SYNC', 'OPS', 'WEB', 'MOBILE'])
    projectByKey(world, key).categoryId = CORE_TEAMS.id;
  addBranchOffices(world);
  // Sanity: the base users the table refers to exist.
  userByEmail(world, CREDENTIALS.sync.email);
  return world;
}
