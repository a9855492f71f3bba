/**
 * Named worlds: a healthy base site and one builder per case the doctor must diagnose. Each
 * builder returns a fresh `Scenario` (world + the credentials and targets a sync tool would use).
 */
import {
  grants,
  group,
  holder,
  issues,
  textField,
  issueTypesFor,
  project,
  projectByKey,
  requiredSelectField,
  role,
  ROLE,
  scopedToken as scopedApiToken,
  token,
  user,
  userByEmail,
} from '../builders';
import { ALL_PERMISSION_KEYS } from '../catalogue';
import type { World, WorldPermissionScheme } from '../world';

export const CLOUD_ID = '5f1a9c3e-2b7d-4e8a-9c61-0d4b7e2f8a10';

export const ACCOUNT = {
  admin: '712020:0a1b2c3d-0000-4000-a000-000000000001',
  sync: '712020:0a1b2c3d-0000-4000-a000-000000000002',
  alice: '712020:0a1b2c3d-0000-4000-a000-000000000003',
  agent: '712020:0a1b2c3d-0000-4000-a000-000000000004',
  customer: '712020:0a1b2c3d-0000-4000-a000-000000000005',
  app: '712020:0a1b2c3d-0000-4000-a000-000000000006',
} as const;

/** Logins of the base world. `secret` is what goes into the Basic-auth password slot. */
export const CREDENTIALS = {
  admin: { email: 'admin@acme.example', token: 'ATATT3xFfGF0SIM-admin-0000000000000001' },
  sync: {
    email: 'sync@acme.example',
    token: 'ATATT3xFfGF0SIM-sync-00000000000000002',
    password: 'correct-horse-battery-staple',
  },
  alice: { email: 'alice@acme.example', token: 'ATATT3xFfGF0SIM-alice-0000000000000003' },
  agent: { email: 'agent@acme.example', token: 'ATATT3xFfGF0SIM-agent-0000000000000004' },
  customer: { email: 'carla@customer.example', token: 'ATATT3xFfGF0SIM-carla-0000000000000005' },
  app: {
    email: 'sync-service@serviceaccount.atlassian.com',
    token: 'ATSTT3xFfGF0SIM-app-00000000000000006',
  },
  /** The service account's OAuth 2.0 client credential (appAccount). */
  appOAuth: {
    clientId: 'SimClient0000000000000000000000A1',
    secret: 'ATOASIM-client-secret-000000000000000000000007',
  },
} as const;

export const GROUP = {
  admins: 'jira-administrators',
  software: 'jira-software-users',
  serviceManagement: 'jira-servicemanagement-users',
  siteAdmins: 'site-admins',
} as const;

export const SCHEME = {
  software: 10000,
  serviceManagement: 10100,
  restricted: 10200,
  createForAdmins: 10300,
} as const;

export const PROJECT_ID = { SYNC: '10000', OPS: '10001', HR: '10002', HELP: '10003' } as const;

/** Scopes a scoped token needs for everything the doctor reads (classic scopes). */
export const SYNC_SCOPES = ['read:jira-work', 'read:jira-user', 'write:jira-work'];

const WORK = [
  'BROWSE_PROJECTS',
  'CREATE_ISSUES',
  'EDIT_ISSUES',
  'TRANSITION_ISSUES',
  'ASSIGN_ISSUES',
  'ASSIGNABLE_USER',
  'RESOLVE_ISSUES',
  'CLOSE_ISSUES',
  'LINK_ISSUES',
  'SCHEDULE_ISSUES',
  'MOVE_ISSUES',
  'ADD_COMMENTS',
  'CREATE_ATTACHMENTS',
  'WORK_ON_ISSUES',
  'MANAGE_WATCHERS',
  'VIEW_VOTERS_AND_WATCHERS',
  'VIEW_DEV_TOOLS',
  'VIEW_READONLY_WORKFLOW',
  'MANAGE_SPRINTS_PERMISSION',
  'EDIT_OWN_COMMENTS',
  'DELETE_OWN_COMMENTS',
  'DELETE_OWN_ATTACHMENTS',
  'EDIT_OWN_WORKLOGS',
  'DELETE_OWN_WORKLOGS',
];
/** Role Users may read and edit but not create. */
const USER_ROLE_WORK = ['BROWSE_PROJECTS', 'EDIT_ISSUES', 'ADD_COMMENTS', 'TRANSITION_ISSUES'];
const ADMIN_ONLY = [
  'DELETE_ISSUES',
  'MODIFY_REPORTER',
  'SET_ISSUE_SECURITY',
  'EDIT_ALL_COMMENTS',
  'DELETE_ALL_COMMENTS',
  'DELETE_ALL_ATTACHMENTS',
  'EDIT_ALL_WORKLOGS',
  'DELETE_ALL_WORKLOGS',
  'EDIT_WORKFLOW',
  'EDIT_ISSUE_LAYOUT',
];

/**
 * Role Developers (+ Administrators and the app-access role) do the work; role Users may browse and
 * edit but not create; Administrators administer.
 */
export function softwareScheme(
  id: number = SCHEME.software,
  name = 'Default software scheme',
): WorldPermissionScheme {
  return {
    id,
    name,
    description: 'Developers work on issues; Administrators administer the project.',
    grants: grants(id * 10, [
      ['ADMINISTER_PROJECTS', holder.role(ROLE.administrators.id)],
      [WORK, holder.role(ROLE.developers.id)],
      [WORK, holder.role(ROLE.administrators.id)],
      [WORK, holder.role(ROLE.addons.id)],
      [ADMIN_ONLY, holder.role(ROLE.administrators.id)],
      [USER_ROLE_WORK, holder.role(ROLE.users.id)],
    ]),
  };
}

function serviceManagementScheme(): WorldPermissionScheme {
  const customerFacing = ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'ADD_COMMENTS', 'CREATE_ATTACHMENTS'];
  const agentOnly = [
    'EDIT_ISSUES',
    'TRANSITION_ISSUES',
    'ASSIGN_ISSUES',
    'ASSIGNABLE_USER',
    'RESOLVE_ISSUES',
    'CLOSE_ISSUES',
    'LINK_ISSUES',
    'SERVICEDESK_AGENT',
    'MANAGE_WATCHERS',
    'VIEW_VOTERS_AND_WATCHERS',
    'WORK_ON_ISSUES',
  ];
  const id = SCHEME.serviceManagement;
  return {
    id,
    name: 'Service management permission scheme',
    grants: grants(id * 10, [
      ['ADMINISTER_PROJECTS', holder.role(ROLE.administrators.id)],
      [[...customerFacing, ...agentOnly], holder.role(ROLE.serviceDeskTeam.id)],
      [[...customerFacing, ...agentOnly], holder.role(ROLE.administrators.id)],
      [[...customerFacing, ...agentOnly], holder.role(ROLE.addons.id)],
      [customerFacing, holder.portalCustomers()],
      ['DELETE_ISSUES', holder.role(ROLE.administrators.id)],
    ]),
  };
}

function teamRoles(extraDevelopers: string[] = []) {
  return [
    role(ROLE.developers, { groups: [GROUP.software], users: extraDevelopers }),
    role(ROLE.users),
    role(ROLE.administrators, { groups: [GROUP.admins] }),
    role(ROLE.addons),
  ];
}

/**
 * The healthy base site: admin, sync user (unscoped token, role Developers via jira-software-users),
 * a plain developer, a Service Management agent and a portal customer; projects SYNC and OPS
 * (software), HR (business), HELP (service_desk).
 */
export function baseWorld(): World {
  const c = CREDENTIALS;
  return {
    site: { cloudId: CLOUD_ID, serverTitle: 'Acme Jira (simulated)' },
    users: [
      user({
        accountId: ACCOUNT.admin,
        displayName: 'Ada Admin',
        email: c.admin.email,
        groups: [GROUP.admins, GROUP.software, GROUP.serviceManagement, GROUP.siteAdmins],
        applicationRoles: ['jira-software', 'jira-servicedesk'],
        password: 'admin-password',
        tokens: [token(c.admin.token, { id: 'admin-token' })],
      }),
      user({
        accountId: ACCOUNT.sync,
        displayName: 'Sync Bot',
        email: c.sync.email,
        groups: [GROUP.software],
        applicationRoles: ['jira-software'],
        password: c.sync.password,
        tokens: [token(c.sync.token, { id: 'sync-token' })],
      }),
      user({
        accountId: ACCOUNT.alice,
        displayName: 'Alice Developer',
        email: c.alice.email,
        groups: [GROUP.software],
        applicationRoles: ['jira-software'],
        tokens: [token(c.alice.token, { id: 'alice-token' })],
      }),
      user({
        accountId: ACCOUNT.agent,
        displayName: 'Sam Agent',
        email: c.agent.email,
        groups: [GROUP.serviceManagement],
        applicationRoles: ['jira-servicedesk'],
        tokens: [token(c.agent.token, { id: 'agent-token' })],
      }),
      user({
        accountId: ACCOUNT.customer,
        displayName: 'Carla Customer',
        email: c.customer.email,
        tokens: [token(c.customer.token, { id: 'customer-token' })],
      }),
    ],
    groups: [GROUP.admins, GROUP.software, GROUP.serviceManagement, GROUP.siteAdmins].map(group),
    projects: [
      project({
        id: PROJECT_ID.SYNC,
        key: 'SYNC',
        issueCount: 4,
        name: 'Synchronised work',
        type: 'software',
        lead: ACCOUNT.admin,
        schemeId: SCHEME.software,
        roles: teamRoles(),
      }),
      project({
        id: PROJECT_ID.OPS,
        key: 'OPS',
        issueCount: 4,
        name: 'Operations',
        type: 'software',
        lead: ACCOUNT.admin,
        schemeId: SCHEME.software,
        roles: teamRoles(),
      }),
      project({
        id: PROJECT_ID.HR,
        key: 'HR',
        issueCount: 4,
        name: 'People team',
        type: 'business',
        lead: ACCOUNT.admin,
        schemeId: SCHEME.software,
        roles: teamRoles(),
      }),
      project({
        id: PROJECT_ID.HELP,
        key: 'HELP',
        issueCount: 4,
        name: 'Help desk',
        type: 'service_desk',
        lead: ACCOUNT.admin,
        schemeId: SCHEME.serviceManagement,
        roles: [
          role(ROLE.serviceDeskTeam, { groups: [GROUP.serviceManagement] }),
          role(ROLE.serviceDeskCustomers, { users: [ACCOUNT.customer] }),
          role(ROLE.administrators, { groups: [GROUP.admins] }),
          role(ROLE.addons),
        ],
      }),
    ],
    permissionSchemes: [softwareScheme(), serviceManagementScheme()],
    globalPermissions: {
      ADMINISTER: [GROUP.admins],
      SYSTEM_ADMIN: [GROUP.siteAdmins],
      USER_PICKER: [GROUP.admins, GROUP.software, GROUP.serviceManagement],
      CREATE_SHARED_OBJECTS: [GROUP.software, GROUP.serviceManagement],
      MANAGE_GROUP_FILTER_SUBSCRIPTIONS: [GROUP.software],
      BULK_CHANGE: [GROUP.software, GROUP.serviceManagement],
    },
  };
}

export type ScenarioId =
  | 'healthy'
  | 'tokenFromAnotherAccount'
  | 'expiredToken'
  | 'revokedToken'
  | 'scopedToken'
  | 'scopedTokenMissingScope'
  | 'passwordInsteadOfToken'
  | 'emailHidden'
  | 'missingCreateInOneProject'
  | 'projectHiddenVsMissing'
  | 'serviceManagementPortalCustomer'
  | 'serviceManagementWithoutAgentLicence'
  | 'deactivatedUser'
  | 'jiraAdminSyncUser'
  | 'noProjectsVisible'
  | 'noProductAccess'
  | 'appAccount'
  | 'ipAllowlist'
  | 'loginChallenge'
  | 'tokenRevokedMidCheck'
  | 'siteLacksPermission'
  | 'requiredFieldsOnCreate'
  | 'retiredProjects'
  | 'fieldsNotOnScreens'
  | 'issueSecurityHidesIssues'
  | 'probeTargetExists';

export interface Scenario {
  id: ScenarioId;
  /** What is wrong (or right) with this site, in one sentence. */
  summary: string;
  world: World;
  /** The credentials the synchronizer is configured with (`secret` is the Basic-auth password). */
  login: { email: string; secret: string };
  /** The sync user the login is meant to be. */
  syncAccountId: string;
  /** Projects and permissions the synchronizer needs. */
  projects: string[];
  permissions: string[];
  /** The fields the synchronizer sets (--fields), when the scenario is about fields. */
  fields?: string[];
  /** An administrator for admin-mode checks. */
  admin: { email: string; token: string };
}

export const DEFAULT_PROJECTS = ['SYNC', 'OPS', 'HR'];
export const DEFAULT_PERMISSIONS = ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES'];

function scenario(
  id: ScenarioId,
  summary: string,
  world: World = baseWorld(),
  over: Partial<Scenario> = {},
): Scenario {
  return {
    id,
    summary,
    world,
    login: { email: CREDENTIALS.sync.email, secret: CREDENTIALS.sync.token },
    syncAccountId: ACCOUNT.sync,
    projects: [...DEFAULT_PROJECTS],
    permissions: [...DEFAULT_PERMISSIONS],
    admin: { ...CREDENTIALS.admin },
    ...over,
  };
}

const sync = (world: World) => userByEmail(world, CREDENTIALS.sync.email);
const syncToken = (world: World) => {
  const t = sync(world).tokens[0];
  if (!t) throw new Error('sync user has no token');
  return t;
};

export function healthy(): Scenario {
  return scenario(
    'healthy',
    'Everything works: the sync user can browse, create and edit in SYNC, OPS and HR.',
  );
}

export function tokenFromAnotherAccount(): Scenario {
  return scenario(
    'tokenFromAnotherAccount',
    "The sync user's email is paired with a token the admin created.",
    baseWorld(),
    {
      login: { email: CREDENTIALS.sync.email, secret: CREDENTIALS.admin.token },
    },
  );
}

export function expiredToken(): Scenario {
  const world = baseWorld();
  syncToken(world).expiresAt = '2025-03-14T00:00:00.000Z';
  return scenario('expiredToken', "The sync user's API token expired.", world);
}

export function revokedToken(): Scenario {
  const world = baseWorld();
  syncToken(world).revoked = true;
  return scenario('revokedToken', "The sync user's API token was revoked.", world);
}

export function scopedToken(): Scenario {
  const world = baseWorld();
  sync(world).tokens = [scopedToken_(CREDENTIALS.sync.token, SYNC_SCOPES)];
  return scenario(
    'scopedToken',
    'A scoped token with enough scopes: 401 at the site URL, works at the gateway.',
    world,
  );
}

export function scopedTokenMissingScope(): Scenario {
  const world = baseWorld();
  sync(world).tokens = [scopedToken_(CREDENTIALS.sync.token, ['read:jira-work'])];
  return scenario(
    'scopedTokenMissingScope',
    'A scoped token without read:jira-user: /myself is refused at the gateway.',
    world,
  );
}

function scopedToken_(value: string, scopes: string[]) {
  return scopedApiToken(value, scopes, { id: 'sync-token' });
}

export function passwordInsteadOfToken(): Scenario {
  return scenario(
    'passwordInsteadOfToken',
    'The account password was configured instead of an API token.',
    baseWorld(),
    {
      login: { email: CREDENTIALS.sync.email, secret: CREDENTIALS.sync.password },
    },
  );
}

export function emailHidden(): Scenario {
  const world = baseWorld();
  sync(world).emailVisible = false;
  return scenario(
    'emailHidden',
    'The sync user hides their email address (profile visibility).',
    world,
  );
}

export function missingCreateInOneProject(): Scenario {
  const world = baseWorld();
  const scheme = softwareScheme(
    SCHEME.createForAdmins,
    'Operations scheme (create for administrators only)',
  );
  scheme.grants = scheme.grants.filter(
    (g) => !(g.permission === 'CREATE_ISSUES' && g.holder.parameter === String(ROLE.developers.id)),
  );
  world.permissionSchemes.push(scheme);
  projectByKey(world, 'OPS').permissionSchemeId = scheme.id;
  return scenario(
    'missingCreateInOneProject',
    'The sync user cannot create issues in OPS (one of SYNC, OPS, HR).',
    world,
  );
}

export function projectHiddenVsMissing(): Scenario {
  const world = baseWorld();
  world.permissionSchemes.push({
    id: SCHEME.restricted,
    name: 'Restricted scheme',
    grants: grants(SCHEME.restricted * 10, [
      [['ADMINISTER_PROJECTS', ...WORK], holder.role(ROLE.administrators.id)],
    ]),
  });
  world.projects.push(
    project({
      id: '10004',
      key: 'SECRET',
      name: 'Secret project',
      type: 'software',
      lead: ACCOUNT.admin,
      schemeId: SCHEME.restricted,
      roles: teamRoles(),
    }),
  );
  return scenario(
    'projectHiddenVsMissing',
    'SECRET exists but the sync user cannot see it; NOPE does not exist.',
    world,
    {
      projects: ['SYNC', 'SECRET', 'NOPE'],
    },
  );
}

export function serviceManagementPortalCustomer(): Scenario {
  const world = baseWorld();
  const s = sync(world);
  s.groups = [];
  s.applicationRoles = [];
  const help = projectByKey(world, 'HELP');
  help.roles.find((r) => r.id === ROLE.serviceDeskCustomers.id)?.actors.users.push(s.accountId);
  return scenario(
    'serviceManagementPortalCustomer',
    'The sync user is only a portal customer of HELP: /mypermissions says yes, but REST creation needs an agent licence.',
    world,
    { projects: ['HELP'] },
  );
}

export function serviceManagementWithoutAgentLicence(): Scenario {
  const world = baseWorld();
  projectByKey(world, 'HELP')
    .roles.find((r) => r.id === ROLE.serviceDeskTeam.id)
    ?.actors.users.push(ACCOUNT.sync);
  return scenario(
    'serviceManagementWithoutAgentLicence',
    'The sync user is in the Service Desk Team role of HELP but has no jira-servicedesk (agent) access.',
    world,
    { projects: ['HELP'] },
  );
}

export function deactivatedUser(): Scenario {
  const world = baseWorld();
  sync(world).active = false;
  return scenario('deactivatedUser', 'The sync user was deactivated.', world);
}

export function jiraAdminSyncUser(): Scenario {
  const world = baseWorld();
  sync(world).groups.push(GROUP.admins);
  return scenario(
    'jiraAdminSyncUser',
    'The sync user is a Jira administrator (over-privileged).',
    world,
  );
}

export function noProjectsVisible(): Scenario {
  const world = baseWorld();
  world.groups.push(group('contractors'));
  sync(world).groups = ['contractors'];
  return scenario(
    'noProjectsVisible',
    'The sync user has Jira access but no role in any project: project search is empty.',
    world,
  );
}

export function noProductAccess(): Scenario {
  const world = baseWorld();
  const s = sync(world);
  s.groups = [];
  s.applicationRoles = [];
  return scenario('noProductAccess', 'The sync user has no access to any Jira product.', world);
}

export function appAccount(): Scenario {
  const world = baseWorld();
  world.users.push(
    user({
      accountId: ACCOUNT.app,
      displayName: 'Sync service account',
      email: CREDENTIALS.app.email,
      accountType: 'app',
      appType: 'service',
      applicationRoles: ['jira-software'],
      tokens: [scopedApiToken(CREDENTIALS.app.token, SYNC_SCOPES, { id: 'app-token' })],
    }),
  );
  for (const p of world.projects) {
    p.roles.find((r) => r.id === ROLE.addons.id)?.actors.users.push(ACCOUNT.app);
  }
  world.oauthClients = [
    {
      clientId: CREDENTIALS.appOAuth.clientId,
      secret: CREDENTIALS.appOAuth.secret,
      accountId: ACCOUNT.app,
      scopes: [...SYNC_SCOPES],
    },
  ];
  return scenario(
    'appAccount',
    'The sync identity is a service account (app user): no groups, access through atlassian-addons-project-access, a scoped token and an OAuth 2.0 client credential.',
    world,
    {
      login: { email: CREDENTIALS.app.email, secret: CREDENTIALS.app.token },
      syncAccountId: ACCOUNT.app,
    },
  );
}

export function ipAllowlist(): Scenario {
  const world = baseWorld();
  world.site.ipAllowlist = ['203.0.113.0/24'];
  return scenario(
    'ipAllowlist',
    'The organisation only allows 203.0.113.0/24: loopback callers are rejected.',
    world,
  );
}

export function loginChallenge(): Scenario {
  const world = baseWorld();
  world.site.loginChallengeFor = [ACCOUNT.sync];
  return scenario(
    'loginChallenge',
    'Data Center behaviour (captured only there): after repeated failures the site demands an interactive (CAPTCHA) login for the sync user.',
    world,
  );
}

export function tokenRevokedMidCheck(): Scenario {
  const world = baseWorld();
  syncToken(world).validForRequests = 1;
  return scenario(
    'tokenRevokedMidCheck',
    'The token works for one request, then is revoked.',
    world,
  );
}

export function siteLacksPermission(key = 'MANAGE_SPRINTS_PERMISSION'): Scenario {
  const world = baseWorld();
  world.permissionKeys = ALL_PERMISSION_KEYS.filter((k) => k !== key);
  return scenario(
    'siteLacksPermission',
    `The site has no ${key} permission (unknown keys get 400).`,
    world,
    {
      permissions: [...DEFAULT_PERMISSIONS, key],
    },
  );
}

export function requiredFieldsOnCreate(): Scenario {
  const world = baseWorld();
  const sync_ = projectByKey(world, 'SYNC');
  sync_.issueTypes = issueTypesFor('software').map((t) =>
    t.subtask
      ? t
      : {
          ...t,
          fields: [...t.fields, requiredSelectField(10050, 'Customer impact', ['Low', 'High'])],
        },
  );
  return scenario(
    'requiredFieldsOnCreate',
    'Creating issues in SYNC requires the custom field "Customer impact".',
    world,
  );
}

/** J1: OLD is archived, BIN is in the recycle bin; a default project search omits both. */
export function retiredProjects(): Scenario {
  const world = baseWorld();
  for (const [id, key, status] of [
    ['10005', 'OLD', 'archived'],
    ['10006', 'BIN', 'deleted'],
  ] as const) {
    world.projects.push({
      ...project({
        id,
        key,
        name: `${key} project`,
        type: 'software',
        lead: ACCOUNT.admin,
        schemeId: SCHEME.software,
        roles: teamRoles(),
      }),
      status,
    });
  }
  return scenario(
    'retiredProjects',
    'OLD is archived and BIN is in the recycle bin: Jira omits both from a default project search.',
    world,
    { projects: ['SYNC', 'OLD', 'BIN'] },
  );
}

export const EXTERNAL_ID = { id: 'customfield_10070', name: 'External ID' } as const;

/**
 * The synchronizer writes its own field "External ID": it is on SYNC's create screens but not on
 * the edit screen of SYNC's Tasks, and on no screen of OPS at all (W1 in docs/jira-behaviour.md).
 */
export function fieldsNotOnScreens(): Scenario {
  const world = baseWorld();
  const external = textField(10070, EXTERNAL_ID.name);
  const sync_ = projectByKey(world, 'SYNC');
  for (const type of sync_.issueTypes) {
    if (type.subtask) continue;
    type.fields = [...type.fields, { ...external }];
    if (type.name === 'Task')
      type.editFields = type.fields
        .map((f) => f.fieldId)
        .filter((id) => id !== 'project' && id !== EXTERNAL_ID.id);
  }
  return scenario(
    'fieldsNotOnScreens',
    'The synchronizer sets "External ID": missing from the edit screen of Tasks in SYNC and from every screen of OPS.',
    world,
    { projects: ['SYNC', 'OPS'], fields: ['summary', 'description', EXTERNAL_ID.name] },
  );
}

export const STAFF_LEVEL = 'Staff only';

/**
 * SYNC has an issue security scheme; two of its four issues are at level "Staff only", whose
 * members are the Administrators role: the sync user (Developers) cannot see them (W3).
 */
export function issueSecurityHidesIssues(): Scenario {
  const world = baseWorld();
  world.issueSecuritySchemes = [
    {
      id: 10400,
      name: 'Confidential work',
      levels: [
        { id: '10500', name: STAFF_LEVEL, members: [holder.role(ROLE.administrators.id)] },
        {
          id: '10501',
          name: 'Team',
          members: [holder.role(ROLE.developers.id), holder.role(ROLE.administrators.id)],
        },
      ],
    },
  ];
  const sync_ = projectByKey(world, 'SYNC');
  sync_.issueSecuritySchemeId = 10400;
  sync_.issues = issues(sync_, 4).map((issue, i) =>
    i < 2
      ? { ...issue, securityLevelId: '10500' }
      : i === 2
        ? { ...issue, securityLevelId: '10501' }
        : issue,
  );
  return scenario(
    'issueSecurityHidesIssues',
    'Two of the three secured issues in SYNC are at the level "Staff only", which the sync user is not in.',
    world,
  );
}

/**
 * The worst case for the scope probes: a real project keyed CDPROBE whose issue CDPROBE-0 exists
 * (an import, say), and the sync user may do everything there. The probes' first guard (a target
 * that should not exist) fails; only the second (a body Jira refuses) keeps them from changing
 * anything. The sync user's token is scoped with every scope the synchronizer needs.
 */
export function probeTargetExists(): Scenario {
  const world = baseWorld();
  const probe = project({
    id: '10900',
    key: 'CDPROBE',
    name: 'A project that happens to be keyed CDPROBE',
    type: 'software',
    lead: ACCOUNT.admin,
    schemeId: SCHEME.software,
    roles: teamRoles(),
  });
  probe.issues = issues(probe, 1).map((issue) => ({ ...issue, key: 'CDPROBE-0' }));
  world.projects.push(probe);
  sync(world).tokens = [scopedToken_(CREDENTIALS.sync.token, SYNC_SCOPES)];
  return scenario(
    'probeTargetExists',
    'Project CDPROBE and its issue CDPROBE-0 exist, and the sync user may do everything there.',
    world,
    { permissions: [...DEFAULT_PERMISSIONS] },
  );
}

/** Every named scenario builder. */
export const SCENARIOS: Readonly<Record<ScenarioId, () => Scenario>> = {
  healthy,
  tokenFromAnotherAccount,
  expiredToken,
  revokedToken,
  scopedToken,
  scopedTokenMissingScope,
  passwordInsteadOfToken,
  emailHidden,
  missingCreateInOneProject,
  projectHiddenVsMissing,
  serviceManagementPortalCustomer,
  serviceManagementWithoutAgentLicence,
  deactivatedUser,
  jiraAdminSyncUser,
  noProjectsVisible,
  noProductAccess,
  appAccount,
  ipAllowlist,
  loginChallenge,
  tokenRevokedMidCheck,
  siteLacksPermission: () => siteLacksPermission(),
  requiredFieldsOnCreate,
  retiredProjects,
  fieldsNotOnScreens,
  issueSecurityHidesIssues,
  probeTargetExists,
};
