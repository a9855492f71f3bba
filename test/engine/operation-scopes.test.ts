import { OPERATION_SCOPES } from '../../src/engine/knowledge/operation-scopes.generated';
import {
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
    expect(() => extractOperationScopes({ paths: {} })).toThrow(/getIssue is not in the spec/);
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
      'read',
      'create',
      'edit',
    ]);
    expect(operationsForPermissions(['VIEW_VOTERS_AND_WATCHERS'])).toEqual(['read']);
    expect(scopesFor('edit')).toEqual({
      classic: ['write:jira-work'],
      granular: ['write:issue:jira'],
    });
    const all = requiredScopes(['read', 'create', 'edit']);
    expect(all.classic).toEqual(['read:jira-work', 'write:jira-work']);
    expect(all.granular).toEqual(expect.arrayContaining(['read:issue:jira', 'write:issue:jira']));
    expect(new Set(all.granular).size).toBe(all.granular.length);
  });
});
