import { ACCOUNT, call, makeProjectAdmin, startHarness, type Harness } from './harness';
import { healthy } from '../../simulator/worlds/scenarios';

const CANARY = 'ATATT3xCANARY-must-never-be-echoed-7f3a9c';
const user = { accountId: ACCOUNT.sync };

/** Payloads a tampered page (or a direct bridge call) could send; all refused before Jira is called. */
const TAMPERED: Array<[string, unknown, RegExp]> = [
  ['no payload', undefined, /user is required/],
  ['payload is a list', [user], /must be an object/],
  ['payload is a string', 'runCheck', /must be an object/],
  ['missing user', { projects: ['SYNC'] }, /user is required/],
  ['user is a string', { user: ACCOUNT.sync, projects: ['SYNC'] }, /user must be an object/],
  [
    'accountId is a number',
    { user: { accountId: 42 }, projects: ['SYNC'] },
    /user\.accountId must be a string/,
  ],
  [
    'accountId with control characters',
    { user: { accountId: 'abc\u0000def' }, projects: [] },
    /user\.accountId must be an Atlassian account ID/,
  ],
  [
    'accountId with a path',
    { user: { accountId: '../../admin' }, projects: [] },
    /user\.accountId/,
  ],
  [
    'huge accountId',
    { user: { accountId: 'a'.repeat(1_000_000) }, projects: [] },
    /user\.accountId is too long/,
  ],
  ['projects is a string', { user, projects: 'SYNC' }, /projects must be a list/],
  ['projects missing', { user }, /projects is required/],
  ['project key is a number', { user, projects: [10000] }, /projects\[0\] must be a string/],
  [
    'project key with traversal',
    { user, projects: ['SYNC', '../OPS'] },
    /projects\[1\] must be a Jira project key/,
  ],
  [
    'project key with a newline',
    { user, projects: ['SYNC\nOPS'] },
    /projects\[0\] must be a Jira project key/,
  ],
  ['project key with a query', { user, projects: ['SYNC?x=1'] }, /projects\[0\]/],
  [
    '101 projects',
    { user, projects: Array.from({ length: 101 }, (_, i) => `P${i}`) },
    /at most 100/,
  ],
  ['a million projects', { user, projects: new Array(1_000_000).fill('SYNC') }, /at most 100/],
  [
    '21 permissions',
    { user, projects: ['SYNC'], permissions: Array.from({ length: 21 }, (_, i) => `PERM_${i}`) },
    /at most 20/,
  ],
  [
    'permission with spaces',
    { user, projects: ['SYNC'], permissions: ['BROWSE PROJECTS'] },
    /permissions\[0\] must be a Jira permission key/,
  ],
  [
    'permissions is an object',
    { user, projects: ['SYNC'], permissions: { BROWSE_PROJECTS: true } },
    /permissions must be a list/,
  ],
  [
    'explain is not a known scope',
    { user, projects: ['SYNC'], explain: 'everything' },
    /explain must be 'missing' or 'all'/,
  ],
  ['explain is a boolean', { user, projects: ['SYNC'], explain: true }, /explain must be/],
  [
    'unknown top-level field',
    { user, projects: ['SYNC'], siteUrl: 'https://evil.example' },
    /unknown field siteUrl/,
  ],
  [
    'unknown field in user',
    { user: { ...user, isAdmin: true }, projects: ['SYNC'] },
    /user: unknown field isAdmin/,
  ],
  [
    'gateway chosen by the payload',
    {
      user,
      projects: ['SYNC'],
      token: { email: 'sync@acme.example', token: CANARY, gateway: 'https://evil.example' },
    },
    /token: unknown field gateway/,
  ],
  [
    'token too long',
    {
      user,
      projects: ['SYNC'],
      token: { email: 'sync@acme.example', token: CANARY + 'x'.repeat(1024) },
    },
    /token\.token is too long/,
  ],
  [
    'token with a space inside',
    {
      user,
      projects: ['SYNC'],
      token: { email: 'sync@acme.example', token: `${CANARY} ${CANARY}` },
    },
    /token\.token contains spaces inside/,
  ],
  [
    'token with a line break inside',
    {
      user,
      projects: ['SYNC'],
      token: { email: 'sync@acme.example', token: `${CANARY}\n${CANARY}` },
    },
    /token\.token contains a line break inside/,
  ],
  [
    'token with a control character',
    { user, projects: ['SYNC'], token: { email: 'sync@acme.example', token: `${CANARY}\u0007` } },
    /token\.token contains control characters/,
  ],
  [
    'token not ASCII',
    { user, projects: ['SYNC'], token: { email: 'sync@acme.example', token: `${CANARY}é` } },
    /token\.token may contain only printable ASCII/,
  ],
  [
    'empty token',
    { user, projects: ['SYNC'], token: { email: 'sync@acme.example', token: '   ' } },
    /token\.token is empty/,
  ],
  [
    'token is a number',
    { user, projects: ['SYNC'], token: { email: 'sync@acme.example', token: 12345678 } },
    /token\.token must be a string/,
  ],
  [
    'missing email',
    { user, projects: ['SYNC'], token: { token: CANARY } },
    /token\.email is required/,
  ],
  [
    'bad email',
    { user, projects: ['SYNC'], token: { email: 'not an email', token: CANARY } },
    /token\.email/,
  ],
  [
    'email with a header injection',
    { user, projects: ['SYNC'], token: { email: 'a@b.example\r\nX-Evil: 1', token: CANARY } },
    /token\.email contains a line break inside/,
  ],
  [
    'token.via not site or gateway',
    {
      user,
      projects: ['SYNC'],
      token: { email: 'sync@acme.example', token: CANARY, via: 'https://evil.example' },
    },
    /token\.via must be 'site' or 'gateway'/,
  ],
];

describe('payload validation', () => {
  let h: Harness;
  beforeAll(async () => {
    const world = healthy().world;
    makeProjectAdmin(world, 'SYNC');
    h = await startHarness(world);
  });
  afterAll(() => h.close());
  beforeEach(() => h.runtime.clearCalls());

  test.each(TAMPERED)(
    '%s → INVALID_INPUT, no Jira call, no echo',
    async (_name, payload, message) => {
      const res = await call(h.runtime, {
        functionKey: 'runCheck',
        accountId: ACCOUNT.admin,
        payload,
      });
      expect(res.ok).toBe(false);
      expect(res.error?.code).toBe('INVALID_INPUT');
      expect(res.error?.message).toMatch(message);
      expect(JSON.stringify(res)).not.toContain(CANARY);
      expect(JSON.stringify(res)).not.toContain('CANARY');
      expect(h.runtime.productCalls()).toEqual([]);
      expect(h.runtime.egressCalls()).toEqual([]);
      expect(h.runtime.kvsSnapshot()).toEqual({});
    },
  );

  test('the same checks apply on a project settings page', async () => {
    const res = await call(h.runtime, {
      functionKey: 'runCheck',
      accountId: ACCOUNT.alice,
      projectKey: 'SYNC',
      payload: { user, projects: ['SYNC'], extra: 1 },
    });
    expect(res.error?.code).toBe('INVALID_INPUT');
    expect(h.runtime.productCalls()).toEqual([]);
  });

  test('history keys accept only their documented payload', async () => {
    for (const [functionKey, payload] of [
      ['getHistory', { limit: 0 }],
      ['getHistory', { limit: 'all' }],
      ['getHistory', { projectKey: 'OPS' }],
      ['clearHistory', { projectKey: 'OPS' }],
      ['clearHistory', { all: true }],
    ] as const) {
      const res = await call(h.runtime, { functionKey, accountId: ACCOUNT.admin, payload });
      expect(res.error?.code).toBe('INVALID_INPUT');
    }
    expect(h.runtime.productCalls()).toEqual([]);
  });

  test('sync profile keys (#27) accept only their documented payload, before any Jira call', async () => {
    const profile = { name: 'Sync', user, selection: { kind: 'keys', text: 'SYNC' } };
    for (const [functionKey, payload] of [
      ['saveProfile', { ...profile, name: '' }],
      ['saveProfile', { ...profile, name: 'x'.repeat(81) }],
      ['saveProfile', { ...profile, name: 'tab\there' }],
      ['saveProfile', { user, selection: { kind: 'every' } }],
      ['saveProfile', { ...profile, selection: { kind: 'category', categoryId: 'Sales' } }],
      ['saveProfile', { ...profile, id: 'not-a-profile' }],
      ['saveProfile', { ...profile, token: { email: 'sync@acme.example', token: 'x' } }],
      ['saveProfile', { ...profile, explain: 'all' }],
      ['listProfiles', { all: true }],
      ['removeProfile', {}],
      ['removeProfile', { id: '../run:admin' }],
    ] as const) {
      const res = await call(h.runtime, { functionKey, accountId: ACCOUNT.admin, payload });
      expect([functionKey, res.error?.code]).toEqual([functionKey, 'INVALID_INPUT']);
    }
    expect(h.runtime.productCalls()).toEqual([]);
    expect(h.runtime.kvsSnapshot()).toEqual({});
  });

  test('surrounding whitespace and quotes around pasted credentials are cleaned and reported', async () => {
    const res = await call(h.runtime, {
      functionKey: 'runCheck',
      accountId: ACCOUNT.admin,
      payload: {
        user,
        projects: ['SYNC'],
        token: { email: ' sync@acme.example ', token: `"${healthy().login.secret}"\n` },
      },
    });
    expect(res.ok).toBe(true);
    const report = res.report as { verdict: string; findings: Array<{ code: string }> };
    expect(report.verdict).toBe('ready');
    expect(report.findings.map((f) => f.code)).toContain('TOKEN_WHITESPACE');
  });
});
