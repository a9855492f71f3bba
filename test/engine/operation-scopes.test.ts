import { OPERATION_SCOPES } from '../../src/engine/knowledge/operation-scopes.generated';
import {
  BASE_READS,
  OPERATIONS,
  OPERATION_NAMES,
  operationsForPermissions,
  requiredScopes,
  scopesFor,
} from '../../src/engine/knowledge/operations';
import {
  SPEC_OPERATION_IDS,
  extractOperationScopes,
} from '../../src/engine/knowledge/spec-operations';
import {
  PRESETS,
  PRESET_NAMES,
  presetOperations,
  presetPermissions,
  type PresetName,
} from '../../src/engine/knowledge/presets';
import { loadSpec } from '../support/openapi';

describe('operation scopes generated from the OpenAPI spec', () => {
  it('the committed data is exactly what the spec says (run `npm run generate:scopes` after changing either)', () => {
    const spec = loadSpec() as unknown as Parameters<typeof extractOperationScopes>[0];
    expect(JSON.parse(JSON.stringify(OPERATION_SCOPES))).toEqual(extractOperationScopes(spec));
  });

  it('covers every spec operation an operation uses, and nothing else', () => {
    const used = new Set(OPERATION_NAMES.flatMap((name) => OPERATIONS[name].uses));
    expect([...used].sort()).toEqual([...SPEC_OPERATION_IDS].sort());
  });

  it('refuses a spec without one of the operations', () => {
    expect(() => extractOperationScopes({ paths: {} })).toThrow(
      /searchAndReconsileIssuesUsingJqlPost is not in the spec/,
    );
  });

  it('each probe targets the operation it verifies (same method and path template)', () => {
    for (const name of OPERATION_NAMES) {
      const { probe, uses } = OPERATIONS[name];
      const spec = OPERATION_SCOPES[uses[0]!];
      const pattern = new RegExp(`^${spec.path.replace(/\{[^}]+\}/g, '[^/]+')}$`);
      expect({ name, method: probe.method, matches: pattern.test(probe.path) }).toEqual({
        name,
        method: spec.method,
        matches: true,
      });
    }
  });

  it('maps permissions to operations and unions their scopes in both forms', () => {
    expect(operationsForPermissions(['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES'])).toEqual([
      ...BASE_READS,
      'create',
      'edit',
    ]);
    expect(operationsForPermissions(['VIEW_VOTERS_AND_WATCHERS'])).toEqual([
      ...BASE_READS,
      'read-watchers',
    ]);
    expect(scopesFor('edit')).toEqual({
      classic: ['write:jira-work'],
      granular: ['write:issue:jira'],
    });
    const all = requiredScopes(['read', 'create', 'edit']);
    expect(all.classic).toEqual(['read:jira-work', 'write:jira-work']);
    expect(all.granular).toEqual(expect.arrayContaining(['read:issue:jira', 'write:issue:jira']));
    expect(new Set(all.granular).size).toBe(all.granular.length);
  });

  it('every operation is one call, probed on a target that holds nothing: reads never change anything, and only GET/POST reads', () => {
    for (const name of OPERATION_NAMES) {
      const { kind, probe, uses } = OPERATIONS[name];
      expect(uses).toHaveLength(1);
      if (kind === 'read') {
        // The search is a POST that only reads; every other read is a GET.
        expect({ name, method: probe.method }).toEqual({
          name,
          method: name === 'search' ? 'POST' : 'GET',
        });
      }
      // Issue targets are the probe issue, which cannot exist; IDs are 0.
      const target = probe.path.replace(/^\/rest\/api\/3\//, '');
      expect(
        /CDPROBE-0/.test(target) ||
          /\/0$/.test(target) ||
          ['field', 'project/search', 'search/jql', 'issue', 'issueLink'].includes(target),
      ).toBe(true);
    }
  });
});

describe('the calls a synchronizer of each kind makes (issue 22)', () => {
  const granular = (preset: PresetName) =>
    requiredScopes(presetOperations(preset, presetPermissions(preset))).granular;

  it('every preset searches by JQL, reads issues, lists transitions and fields, reads and lists projects', () => {
    for (const name of PRESET_NAMES) {
      expect(PRESETS[name].operations).toEqual(expect.arrayContaining([...BASE_READS]));
      expect(granular(name)).toEqual(
        expect.arrayContaining([
          'read:issue-details:jira',
          'read:issue.transition:jira',
          'read:field:jira',
          'read:project:jira',
        ]),
      );
    }
  });

  it('backup presets read comments, work logs, watchers and attachment content; the read-only one writes nothing', () => {
    for (const name of ['backup-read', 'backup-restore'] as const) {
      expect(PRESETS[name].operations).toEqual(
        expect.arrayContaining([
          'read-comments',
          'read-worklogs',
          'read-watchers',
          'read-attachments',
        ]),
      );
      expect(granular(name)).toEqual(
        expect.arrayContaining([
          'read:comment:jira',
          'read:issue-worklog:jira',
          'read:issue.watcher:jira',
          'read:attachment:jira',
        ]),
      );
    }
    expect(PRESETS['backup-read'].operations.every((op) => OPERATIONS[op].kind === 'read')).toBe(
      true,
    );
    const classic = requiredScopes(PRESETS['backup-read'].operations).classic;
    expect(classic).toEqual(['read:jira-work']);
  });

  it('requiredScopes is exactly the union of the spec scopes of the preset’s calls', () => {
    const spec = loadSpec() as unknown as {
      paths: Record<
        string,
        Record<
          string,
          {
            operationId?: string;
            'x-atlassian-oauth2-scopes'?: Array<{ state: string; scopes: string[] }>;
          }
        >
      >;
    };
    const byId = new Map<string, { classic: string[]; granular: string[] }>();
    for (const methods of Object.values(spec.paths))
      for (const op of Object.values(methods)) {
        const entries = op['x-atlassian-oauth2-scopes'] ?? [];
        if (op.operationId)
          byId.set(op.operationId, {
            classic: entries.find((e) => e.state === 'Current')?.scopes ?? [],
            granular: entries.find((e) => e.state === 'Beta')?.scopes ?? [],
          });
      }
    for (const name of PRESET_NAMES) {
      const ops = presetOperations(name, presetPermissions(name));
      const calls = ops.map((op) => byId.get(OPERATIONS[op].uses[0]));
      const union = (form: 'classic' | 'granular') =>
        [...new Set(calls.flatMap((c) => c?.[form] ?? []))].sort();
      expect(requiredScopes(ops)).toEqual({
        classic: union('classic'),
        granular: union('granular'),
      });
    }
  });
});
