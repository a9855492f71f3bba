/** A small Data Center instance and one variant per diagnosable case. */
import type { DcGrant, DcUser, DcWorld } from './world';

/** Secrets of the base world (test values only). */
export const DC_SECRETS = {
  syncPassword: 'sync-password-1',
  syncPat: 'NjI0NDQ4OTk0NDU1OnN5bmMtcGF0LXZhbGlk',
  adminPassword: 'admin-password-1',
  adminPat: 'MTIzNDU2Nzg5MDEyOmFkbWluLXBhdC12YWxpZA',
  otherPat: 'OTg3NjU0MzIxMDk4OmFsaWNlLXBhdC12YWxpZA',
  otherPassword: 'alice-password-1',
} as const;

const DC_PERMISSION_KEYS = [
  'BROWSE_PROJECTS',
  'CREATE_ISSUES',
  'EDIT_ISSUES',
  'ADD_COMMENTS',
  'TRANSITION_ISSUES',
  'CREATE_ATTACHMENTS',
  'LINK_ISSUES',
  'ASSIGN_ISSUES',
  'ADMINISTER_PROJECTS',
];

const ROLE = { users: 10000, developers: 10001, administrators: 10002 } as const;

function user(fields: Partial<DcUser> & Pick<DcUser, 'key' | 'name' | 'displayName'>): DcUser {
  return {
    email: `${fields.name}@example.com`,
    active: true,
    tokens: [],
    groups: ['jira-software-users'],
    applicationRoles: ['jira-software'],
    ...fields,
  };
}

/** A permission scheme grant to a project role. */
function roleGrant(id: number, permission: string, role: number): DcGrant {
  return { id, permission, holder: { type: 'projectRole', parameter: String(role) } };
}

/** `projects` extra projects beyond SYNC and OPS (for the benchmark). */
export function dcBaseWorld(extraProjects = 0): DcWorld {
  const projects: DcWorld['projects'] = [
    {
      id: '10000',
      key: 'SYNC',
      name: 'Synchronised work',
      projectTypeKey: 'software',
      schemeId: 10000,
      roleActors: {
        [ROLE.developers]: { users: ['svc-sync'], groups: [] },
        [ROLE.administrators]: { users: ['jadmin'], groups: [] },
      },
    },
    {
      id: '10001',
      key: 'OPS',
      name: 'Operations',
      projectTypeKey: 'software',
      schemeId: 10000,
      roleActors: {
        [ROLE.users]: { users: ['svc-sync'], groups: [] },
        [ROLE.developers]: { users: ['alice'], groups: [] },
      },
    },
    {
      id: '10002',
      key: 'HIDDEN',
      name: 'Hidden project',
      projectTypeKey: 'business',
      schemeId: 10000,
      roleActors: { [ROLE.developers]: { users: ['alice'], groups: [] } },
    },
  ];
  for (let i = 0; i < extraProjects; i++) {
    projects.push({
      id: String(20000 + i),
      key: `P${i + 1}`,
      name: `Project ${i + 1}`,
      projectTypeKey: 'software',
      schemeId: 10000,
      roleActors: { [ROLE.developers]: { users: ['svc-sync'], groups: [] } },
    });
  }
  return {
    // D1 (recorded): Data Center 10.3.19 answers deploymentType "Server".
    deploymentType: 'Server',
    version: '10.3.19',
    serverTitle: 'Example Jira',
    users: [
      user({
        key: 'JIRAUSER10100',
        name: 'svc-sync',
        displayName: 'Sync Service',
        password: DC_SECRETS.syncPassword,
        tokens: [{ value: DC_SECRETS.syncPat }],
      }),
      user({
        key: 'admin',
        name: 'jadmin',
        displayName: 'Jira Admin',
        password: DC_SECRETS.adminPassword,
        tokens: [{ value: DC_SECRETS.adminPat }],
        groups: ['jira-software-users', 'jira-administrators'],
      }),
      user({
        key: 'JIRAUSER10200',
        name: 'alice',
        displayName: 'Alice Example',
        password: DC_SECRETS.otherPassword,
        tokens: [{ value: DC_SECRETS.otherPat }],
      }),
    ],
    groups: ['jira-software-users', 'jira-administrators'],
    roles: [
      { id: ROLE.users, name: 'Users' },
      { id: ROLE.developers, name: 'Developers' },
      { id: ROLE.administrators, name: 'Administrators' },
    ],
    schemes: [
      {
        id: 10000,
        name: 'Default Permission Scheme',
        grants: [
          roleGrant(1, 'BROWSE_PROJECTS', ROLE.users),
          roleGrant(2, 'BROWSE_PROJECTS', ROLE.developers),
          roleGrant(3, 'CREATE_ISSUES', ROLE.developers),
          roleGrant(4, 'EDIT_ISSUES', ROLE.developers),
          roleGrant(5, 'ADD_COMMENTS', ROLE.users),
          roleGrant(6, 'ADD_COMMENTS', ROLE.developers),
          roleGrant(7, 'TRANSITION_ISSUES', ROLE.developers),
          roleGrant(8, 'ADMINISTER_PROJECTS', ROLE.administrators),
          roleGrant(9, 'BROWSE_PROJECTS', ROLE.administrators),
        ],
      },
    ],
    projects,
    adminGroups: ['jira-administrators'],
    captchaAfterFailures: 3,
    basicAuth: true,
    badBearer: 'anonymous',
    permissionKeys: [...DC_PERMISSION_KEYS],
  };
}

export interface DcScenario {
  world: DcWorld;
  projects: string[];
  permissions: string[];
  /** The sync user's credentials as the synchronizer holds them. */
  login: { auth: 'basic'; username: string; secret: string } | { auth: 'bearer'; secret: string };
  admin: { username: string; secret: string };
  /** The intended sync user's username. */
  syncUser: string;
}

const WRITE = ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES'];

/** The sync user's username with `secret` sent as the Basic password. */
function basic(secret: string): DcScenario['login'] {
  return { auth: 'basic', username: 'svc-sync', secret };
}

/** `secret` sent as a Bearer personal access token. */
function bearer(secret: string): DcScenario['login'] {
  return { auth: 'bearer', secret };
}

function scenario(overrides: Partial<DcScenario> = {}, world = dcBaseWorld()): DcScenario {
  return {
    world,
    projects: ['SYNC'],
    permissions: WRITE,
    login: basic(DC_SECRETS.syncPassword),
    admin: { username: 'jadmin', secret: DC_SECRETS.adminPassword },
    syncUser: 'svc-sync',
    ...overrides,
  };
}

export const DC_SCENARIOS = {
  healthyBasic: () => scenario(),
  healthyBearer: () => scenario({ login: bearer(DC_SECRETS.syncPat) }),
  wrongPassword: () => scenario({ login: basic('not-the-password') }),
  /** A PAT sent as the Basic password: refused (observed) and counted as a failed login. */
  patSentAsBasic: () => scenario({ login: basic(DC_SECRETS.syncPat) }),
  /** A password sent as Bearer. */
  passwordSentAsBearer: () => scenario({ login: bearer(DC_SECRETS.syncPassword) }),
  revokedPat: () => {
    const s = scenario({ login: bearer(DC_SECRETS.syncPat) });
    s.world.users[0]!.tokens[0]!.revoked = true;
    return s;
  },
  expiredPat: () => {
    const s = scenario({ login: bearer(DC_SECRETS.syncPat) });
    s.world.users[0]!.tokens[0]!.expiresAt = '2026-01-01T00:00:00.000Z';
    return s;
  },
  /** The sync user already failed three logins: Jira demands a CAPTCHA. */
  captcha: () => {
    const s = scenario();
    s.world.users[0]!.failedLogins = 3;
    return s;
  },
  /** A PAT that belongs to someone else. */
  otherUsersPat: () => scenario({ login: bearer(DC_SECRETS.otherPat) }),
  missingPermission: () => scenario({ projects: ['SYNC', 'OPS'] }),
  projectNotVisible: () => scenario({ projects: ['SYNC', 'HIDDEN'] }),
  projectMissing: () => scenario({ projects: ['SYNC', 'NOPE'] }),
  overPrivileged: () => {
    const s = scenario();
    s.world.users[0]!.groups.push('jira-administrators');
    return s;
  },
  inactiveUser: () => {
    const s = scenario();
    s.world.users[0]!.active = false;
    return s;
  },
  /** D2: an administrator switched Basic authentication off for API calls. */
  basicAuthDisabled: () => {
    const s = scenario();
    s.world.basicAuth = false;
    return s;
  },
  /** D1: before 10, "Server" may be Server or Data Center (recorded: 9.12.15). */
  serverDeployment: () => {
    const s = scenario();
    s.world.deploymentType = 'Server';
    s.world.version = '9.12.15';
    return s;
  },
  /** The documented "DataCenter" value (never recorded), on a version before 10. */
  documentedDataCenter: () => {
    const s = scenario();
    s.world.deploymentType = 'DataCenter';
    s.world.version = '9.12.15';
    return s;
  },
  /** D3: the login is denied without a CAPTCHA (single sign-on, a directory problem). */
  loginDenied: () => {
    const s = scenario();
    s.world.users[0]!.loginDenied = true;
    return s;
  },
  /** D4: personal access tokens are switched off for the whole instance. */
  patsDisabled: () => {
    const s = scenario({ login: bearer(DC_SECRETS.syncPat) });
    s.world.patsEnabled = false;
    return s;
  },
  /** The checking account is not a Jira administrator. */
  checkerNotAdmin: () =>
    scenario({ admin: { username: 'alice', secret: DC_SECRETS.otherPassword } }),
  /** A proxy drops the Authorization header for mypermissions: Jira answers as anonymous. */
  anonymousAnswers: () => {
    const s = scenario({ login: bearer(DC_SECRETS.syncPat) });
    s.world.proxyDropsAuthorizationFor = ['/rest/api/2/mypermissions'];
    return s;
  },
} satisfies Record<string, () => DcScenario>;
