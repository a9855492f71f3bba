/**
 * The synchronizer's fields and issue types through `runCheck` (#12): validated per field, and
 * passed to the engine as the CLI passes --preset, --fields and --issue-types, in both builds.
 */
// local-forge (through the harness) must load before anything else pulls in @forge/api.
import {
  ACCOUNT,
  call,
  failOnRefusedEndpoints,
  makeProjectAdmin,
  startHarness,
  type Envelope,
  type Harness,
} from './harness';
import { buildHostCommand } from '../../src/engine/presentation/host-command';
import type { Finding, Report } from '../../src/engine/model/report';
import { parseReport, requireBuiltCli, runCliProcess } from '../support/cli-process';
import { CREDENTIALS, EXTERNAL_ID, healthy, SCENARIOS } from '../../simulator/worlds/scenarios';

const user = { accountId: ACCOUNT.sync };

function reportOf(res: Envelope): Report {
  expect(res.error).toBeUndefined();
  expect(res.ok).toBe(true);
  return res.report as Report;
}

function screenSubjects(report: Report): Array<[string | undefined, unknown, unknown]> {
  return report.findings
    .filter((f: Finding) => f.code === 'FIELD_NOT_ON_SCREEN')
    .map((f) => [f.project, f.details?.issueType, f.details?.screen]);
}

describe('runCheck payload: preset, fields, issueTypes', () => {
  let h: Harness;
  beforeAll(async () => {
    const world = healthy().world;
    makeProjectAdmin(world, 'SYNC');
    h = await startHarness(world);
  });
  afterAll(() => h.close());
  beforeEach(() => h.runtime.clearCalls());

  const refused: Array<[string, Record<string, unknown>, keyof NonNullable<Refusal>, RegExp]> = [
    ['fields is a string', { fields: 'summary' }, 'fields', /^The field list must be a list/],
    ['fields is empty', { fields: [] }, 'fields', /^The field list names none/],
    ['a field is a number', { fields: ['summary', 10010] }, 'fields', /^Field 2 must be a string/],
    [
      'a field with a line break',
      { fields: ['summary', 'Team\nX-Evil: 1'] },
      'fields',
      /^Field 2 must be a field ID or a field name as Jira shows it/,
    ],
    ['a blank field', { fields: ['  '] }, 'fields', /^Field 1 must be a field ID/],
    [
      'a field name too long',
      { fields: ['x'.repeat(300)] },
      'fields',
      /^Field 1 is too long \(at most 255 characters\)/,
    ],
    [
      '51 fields',
      { fields: Array.from({ length: 51 }, (_, i) => `customfield_${10000 + i}`) },
      'fields',
      /^The field list has too many entries \(at most 50\)/,
    ],
    [
      'an issue type that is not a string',
      { issueTypes: [{ name: 'Bug' }] },
      'issueTypes',
      /^Issue type 1 must be a string/,
    ],
    [
      '51 issue types',
      { issueTypes: Array.from({ length: 51 }, (_, i) => `Type ${i}`) },
      'issueTypes',
      /^The issue type list has too many entries \(at most 50\)/,
    ],
    [
      'an unknown preset',
      { preset: 'everything' },
      'preset',
      /^The integration preset must be one of sync-basic, two-way-sync, backup-read, backup-restore/,
    ],
  ];

  test.each(refused)(
    '%s → INVALID_INPUT on that field, no Jira call',
    async (_name, extra, field, message) => {
      const res = await call(h.runtime, {
        functionKey: 'runCheck',
        accountId: ACCOUNT.admin,
        payload: { user, projects: ['SYNC'], ...extra },
      });
      expect(res.ok).toBe(false);
      expect(res.error?.code).toBe('INVALID_INPUT');
      const fields = (res.error as { fields?: Refusal }).fields;
      expect(fields?.[field]).toMatch(message);
      expect(Object.keys(fields ?? {})).toEqual([field]);
      expect(h.runtime.productCalls()).toEqual([]);
    },
  );

  test('names are trimmed and de-duplicated like the CLI’s lists; the report lists them resolved', async () => {
    const report = reportOf(
      await call(h.runtime, {
        functionKey: 'runCheck',
        accountId: ACCOUNT.admin,
        payload: { user, projects: ['SYNC'], fields: [' Summary ', 'summary', 'description'] },
      }),
    );
    expect(report.fields).toEqual([
      { given: 'Summary', id: 'summary', name: 'Summary' },
      { given: 'description', id: 'description', name: 'Description' },
    ]);
  });

  test('a preset brings its permissions and its fields, which reporter extends with Modify Reporter', async () => {
    const report = reportOf(
      await call(h.runtime, {
        functionKey: 'runCheck',
        accountId: ACCOUNT.admin,
        payload: { user, projects: ['SYNC'], preset: 'backup-restore' },
      }),
    );
    expect(report.fields?.map((f) => f.id)).toEqual([
      'summary',
      'description',
      'reporter',
      'assignee',
    ]);
    expect(report.requiredPermissions).toEqual(
      expect.arrayContaining(['MODIFY_REPORTER', 'ASSIGN_ISSUES', 'WORK_ON_ISSUES']),
    );
    expect(report.operations).toContain('worklog');
  });
});

describe.each(['default', 'runs-on-atlassian'] as const)(
  'the %s build checks the given fields on the screens',
  (profile) => {
    failOnRefusedEndpoints();
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(SCENARIOS.fieldsNotOnScreens().world, { profile });
    });
    afterAll(() => h.close());
    beforeEach(() => h.runtime.clearCalls());

    test('a field not on a screen → FIELD_NOT_ON_SCREEN for that project, issue type and screen', async () => {
      const report = reportOf(
        await call(h.runtime, {
          functionKey: 'runCheck',
          accountId: ACCOUNT.admin,
          payload: {
            user,
            projects: ['SYNC', 'OPS'],
            fields: ['summary', 'description', EXTERNAL_ID.name],
            issueTypes: ['Task'],
          },
        }),
      );
      expect(report.verdict).toBe('fix-configuration');
      expect(report.fields).toContainEqual({
        given: EXTERNAL_ID.name,
        id: EXTERNAL_ID.id,
        name: EXTERNAL_ID.name,
      });
      // Only Task was asked: on SYNC's create screen but not its edit screen; on no OPS screen.
      expect(screenSubjects(report).sort()).toEqual([
        ['OPS', 'Task', 'create'],
        ['OPS', 'Task', 'edit'],
        ['SYNC', 'Task', 'edit'],
      ]);
      const syncEdit = report.findings.find(
        (f) => f.code === 'FIELD_NOT_ON_SCREEN' && f.project === 'SYNC',
      );
      expect(syncEdit).toMatchObject({
        severity: 'error',
        category: 'configuration',
        details: { field: EXTERNAL_ID.id, screen: 'edit', issueType: 'Task' },
      });
      if (profile === 'runs-on-atlassian') expect(h.runtime.egressCalls()).toEqual([]);
    });

    test('without fields the same run checks summary and description only: no screen finding', async () => {
      const report = reportOf(
        await call(h.runtime, {
          functionKey: 'runCheck',
          accountId: ACCOUNT.admin,
          payload: { user, projects: ['SYNC', 'OPS'] },
        }),
      );
      expect(report.fields?.map((f) => f.id)).toEqual(['summary', 'description']);
      expect(screenSubjects(report)).toEqual([]);
    });

    if (profile === 'default') {
      test('with the token, through the gateway, the sync user’s own screens say the same', async () => {
        const report = reportOf(
          await call(h.runtime, {
            functionKey: 'runCheck',
            accountId: ACCOUNT.admin,
            payload: {
              user,
              projects: ['SYNC'],
              fields: [EXTERNAL_ID.id],
              issueTypes: ['Task'],
              token: {
                email: CREDENTIALS.sync.email,
                token: CREDENTIALS.sync.token,
                via: 'gateway',
              },
            },
          }),
        );
        expect(report.mode).toBe('token+admin');
        expect(screenSubjects(report)).toEqual([['SYNC', 'Task', 'edit']]);
      });
    }
  },
);

describe('stated fields versus preset defaults (CREATE_REQUIRES_FIELDS)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(SCENARIOS.requiredFieldsOnCreate().world);
  });
  afterAll(() => h.close());

  test('a required field outside stated fields is an error; outside the preset’s defaults a warning', async () => {
    const run = async (extra: Record<string, unknown>) =>
      reportOf(
        await call(h.runtime, {
          functionKey: 'runCheck',
          accountId: ACCOUNT.admin,
          payload: { user, projects: ['SYNC'], issueTypes: ['Task'], ...extra },
        }),
      ).findings.filter((f) => f.code === 'CREATE_REQUIRES_FIELDS');
    const stated = await run({ fields: ['summary', 'description'] });
    expect(stated.map((f) => [f.severity, f.details?.issueType])).toEqual([['error', 'Task']]);
    const defaults = await run({ preset: 'sync-basic' });
    expect(defaults.map((f) => [f.severity, f.details?.issueType])).toEqual([['warning', 'Task']]);
    const mapped = await run({ fields: ['summary', 'Customer impact'] });
    expect(mapped).toEqual([]);
  });
});

describe('the host command and importReport carry the same fields', () => {
  let h: Harness;
  beforeAll(async () => {
    requireBuiltCli();
    h = await startHarness(SCENARIOS.fieldsNotOnScreens().world, { profile: 'runs-on-atlassian' });
  });
  afterAll(() => h.close());

  test('fields with reporter and issue types: the host report is accepted and checked the same fields', async () => {
    const check = {
      projects: ['SYNC'],
      permissions: ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES'],
      preset: 'sync-basic' as const,
      fields: ['summary', 'reporter', EXTERNAL_ID.name],
      issueTypes: ['Task'],
    };
    const command = buildHostCommand({
      site: h.sim.siteUrl,
      email: CREDENTIALS.sync.email,
      accountId: ACCOUNT.sync,
      ...check,
    });
    expect(command.argv).toEqual(
      expect.arrayContaining([
        '--preset',
        'sync-basic',
        '--fields',
        `summary,reporter,${EXTERNAL_ID.name}`,
        '--issue-types',
        'Task',
      ]),
    );
    const [, ...args] = command.argv;
    const host = parseReport(
      await runCliProcess([...args, '--gateway', h.sim.gatewayUrl], {
        JIRA_API_TOKEN: CREDENTIALS.sync.token,
      }),
    );
    // Reporter adds Modify Reporter to what the host checked; the import expects it too.
    expect(host.requiredPermissions).toContain('MODIFY_REPORTER');
    const report = reportOf(
      await call(h.runtime, {
        functionKey: 'importReport',
        accountId: ACCOUNT.admin,
        payload: { user, ...check, report: host },
      }),
    );
    expect(report.mode).toBe('token+admin');
    expect(report.fields?.map((f) => f.id)).toEqual(['summary', 'reporter', EXTERNAL_ID.id]);
    expect(screenSubjects(report)).toContainEqual(['SYNC', 'Task', 'edit']);
  });
});

type Refusal = Partial<Record<'preset' | 'fields' | 'issueTypes', string>>;
