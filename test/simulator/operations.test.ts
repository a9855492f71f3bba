import { OPERATIONS } from '../../simulator';
import { lookupRoute } from '../../simulator/operations';
import { loadSpec } from '../support/openapi';

interface SpecOperation {
  operationId: string;
  'x-atlassian-oauth2-scopes'?: Array<{ scopes: string[] }>;
}

describe('operation table', () => {
  const paths = loadSpec().paths as Record<string, Record<string, SpecOperation>>;

  it.each(OPERATIONS.filter((op) => op.inSpec).map((op) => [op.operationId, op] as const))(
    '%s matches the spec (method, path, scopes)',
    (_id, op) => {
      const specOp = paths[op.template]?.[op.method.toLowerCase()];
      expect(specOp?.operationId).toBe(op.operationId);
      expect(op.scopes).toEqual((specOp?.['x-atlassian-oauth2-scopes'] ?? []).map((e) => e.scopes));
    },
  );

  it('prefers literal segments over parameters', () => {
    const search = lookupRoute('GET', '/rest/api/3/project/search');
    expect(search.kind === 'match' && search.match.op.operationId).toBe('searchProjects');
    const project = lookupRoute('GET', '/rest/api/3/project/ABC');
    expect(project.kind === 'match' && project.match.params).toEqual({ projectIdOrKey: 'ABC' });
    expect(lookupRoute('DELETE', '/rest/api/3/project/ABC')).toEqual({
      kind: 'method-not-allowed',
      allowed: ['GET'],
    });
    expect(lookupRoute('GET', '/rest/api/2/myself')).toEqual({ kind: 'none' });
  });
});
