import type { Finding, Report } from '../../src/engine/model/report';

export function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    code: 'MISSING_PERMISSION',
    category: 'permissions',
    severity: 'error',
    message: 'Sync Bot lacks Create Issues in ABC.',
    remedy: 'Add Sync Bot to a role that has Create Issues. Run the check again.',
    steps: ['Add Sync Bot to a role that has Create Issues.', 'Run the check again.'],
    links: [
      {
        label: 'Permission scheme',
        url: 'https://acme.atlassian.net/plugins/servlet/project-config/ABC/permissions',
      },
    ],
    step: 'token-permissions',
    ...overrides,
  };
}

export function report(overrides: Partial<Report> = {}): Report {
  return {
    schemaVersion: 1,
    verdict: 'fix-permissions',
    summary: 'Sync Bot lacks Create Issues in ABC.',
    site: 'https://acme.atlassian.net',
    mode: 'token',
    subject: {
      accountId: '557058:abc',
      displayName: 'Sync Bot',
      email: 'sync@acme.com',
      active: true,
      accountType: 'atlassian',
    },
    tokenIdentity: {
      accountId: '557058:abc',
      displayName: 'Sync Bot',
      email: 'sync@acme.com',
      acceptedAt: 'site',
    },
    findings: [
      finding({
        code: 'TOKEN_WHITESPACE',
        category: 'credentials',
        severity: 'warning',
        message: 'The token had a trailing newline.',
        remedy: 'Store the token without whitespace.',
        steps: ['Store the token without whitespace.'],
        links: [],
        step: 'credential-hygiene',
      }),
      finding({ project: 'ABC', permission: 'CREATE_ISSUES' }),
    ],
    projects: [
      {
        key: 'ABC',
        id: '10001',
        name: 'Alpha',
        type: 'software',
        visible: true,
        exists: null,
        permissions: { BROWSE_PROJECTS: true, CREATE_ISSUES: false, EDIT_ISSUES: null },
      },
    ],
    checks: [
      {
        id: 'identity',
        title: 'The token authenticates',
        status: 'pass',
        detail: 'Authenticated as Sync Bot.',
        requests: [
          {
            method: 'GET',
            path: '/rest/api/3/myself',
            target: 'site',
            auth: 'sync-user',
            status: 200,
            attempt: 1,
            startedAtMs: 3,
            durationMs: 42,
          },
        ],
      },
      {
        id: 'token-permissions',
        title: "The sync user's own permissions",
        status: 'fail',
        detail: 'CREATE_ISSUES missing in ABC.',
        requests: [
          {
            method: 'GET',
            path: '/rest/api/3/mypermissions?projectKey=ABC&permissions=BROWSE_PROJECTS%2CCREATE_ISSUES',
            target: 'site',
            auth: 'sync-user',
            status: 200,
            attempt: 1,
            startedAtMs: 50,
            durationMs: 30,
          },
        ],
      },
    ],
    requiredPermissions: ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES'],
    operations: ['read', 'create', 'edit'],
    requiredScopes: {
      classic: ['read:jira-work', 'write:jira-work'],
      granular: ['read:issue:jira'],
    },
    coverage: {
      credentials: 'tested',
      permissions: 'partial',
      scopes: 'not-applicable',
      createFields: 'not-tested',
      editFields: 'not-tested',
      issueSecurity: 'not-tested',
    },
    startedAt: '2025-01-01T00:00:00.000Z',
    durationMs: 1234,
    requestCount: 2,
    ...overrides,
  };
}
