import { FINDING_CATALOGUE, makeFinding } from '../../src/engine/findings/catalogue';
import type { FindingCode } from '../../src/engine/model/report';
import { decideVerdict } from '../../src/engine/findings/verdict';
import schema from '../../schema/report.schema.json';

const finding = (code: FindingCode) => makeFinding(code, { message: 'm', steps: ['s'], step: 'x' });

describe('verdict', () => {
  it('is ready when nothing but warnings stand', () => {
    expect(decideVerdict([])).toBe('ready');
    expect(
      decideVerdict([
        finding('OVER_PRIVILEGED'),
        finding('TOKEN_WHITESPACE'),
        finding('APP_ACCOUNT'),
      ]),
    ).toBe('ready');
  });

  it('orders connectivity > credentials > configuration > permissions > inconclusive', () => {
    const all = [
      finding('MISSING_PERMISSION'),
      finding('PROJECT_NOT_FOUND'),
      finding('CREDENTIALS_REJECTED'),
      finding('TLS_ERROR'),
      finding('RATE_LIMITED'),
    ];
    expect(decideVerdict(all)).toBe('fix-connectivity');
    expect(decideVerdict(all.slice(0, 3))).toBe('fix-credentials');
    expect(decideVerdict(all.slice(0, 2))).toBe('fix-configuration');
    expect(decideVerdict(all.slice(0, 1))).toBe('fix-permissions');
    expect(decideVerdict([finding('RATE_LIMITED')])).toBe('inconclusive');
  });

  it('is inconclusive when only CHECKER_NOT_ADMIN or transient errors stand', () => {
    expect(decideVerdict([finding('CHECKER_NOT_ADMIN')])).toBe('inconclusive');
    expect(
      decideVerdict([
        finding('CHECKER_NOT_ADMIN'),
        finding('JIRA_UNAVAILABLE'),
        finding('OVER_PRIVILEGED'),
      ]),
    ).toBe('inconclusive');
    expect(decideVerdict([finding('CHECKER_NOT_ADMIN'), finding('MISSING_PERMISSION')])).toBe(
      'fix-permissions',
    );
  });

  it('derives every category verdict from the catalogue', () => {
    for (const code of Object.keys(FINDING_CATALOGUE) as FindingCode[]) {
      const kind = FINDING_CATALOGUE[code];
      const verdict = decideVerdict([finding(code)]);
      if (kind.severity !== 'error') expect(verdict).toBe('ready');
      else if (kind.category === 'transient' || code === 'CHECKER_NOT_ADMIN')
        expect(verdict).toBe('inconclusive');
      else expect(verdict).toBe(`fix-${kind.category}`);
    }
  });

  it('publishes exactly the catalogue codes in the JSON Schema', () => {
    const codes = schema.definitions.finding.properties.code.enum;
    expect([...codes].sort()).toEqual(Object.keys(FINDING_CATALOGUE).sort());
  });
});
