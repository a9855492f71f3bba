import { inspectCredentialText } from '../../src/engine/model/credential-text';

describe('inspectCredentialText', () => {
  it('leaves a clean value alone', () => {
    expect(inspectCredentialText('ATATT3x-abc_DEF=', 'token')).toEqual({
      value: 'ATATT3x-abc_DEF=',
      issues: [],
      defect: null,
    });
  });

  it.each([
    ['  tok  ', 'tok', ['whitespace']],
    ['tok\n', 'tok', ['newline']],
    ['\r\ntok\r\n', 'tok', ['newline']],
    ['"tok"', 'tok', ['quotes']],
    ["'tok'", 'tok', ['quotes']],
    ['\u201Ctok\u201D', 'tok', ['quotes']],
    [' "tok"\n', 'tok', ['newline', 'quotes']],
    ['"  tok  "', 'tok', ['quotes', 'whitespace']],
    ['\uFEFFtok\u200B', 'tok', ['whitespace']],
  ])('cleans %j', (raw, value, problems) => {
    const result = inspectCredentialText(raw, 'token');
    expect(result.value).toBe(value);
    expect(result.issues).toEqual(problems.map((problem) => ({ field: 'token', problem })));
    expect(result.defect).toBeNull();
  });

  it('forgives exactly one trailing line break from stdin', () => {
    expect(inspectCredentialText('tok\n', 'token', { fromStdin: true }).issues).toEqual([]);
    expect(inspectCredentialText('tok\r\n', 'token', { fromStdin: true }).issues).toEqual([]);
    expect(inspectCredentialText('tok\n\n', 'token', { fromStdin: true }).issues).toEqual([
      { field: 'token', problem: 'newline' },
    ]);
    expect(inspectCredentialText('tok \n', 'token', { fromStdin: true }).issues).toEqual([
      { field: 'token', problem: 'whitespace' },
    ]);
  });

  it.each([
    ['', 'empty'],
    ['  ""  ', 'empty'],
    ['ab\ncd', 'line-break'],
    ['ab\u2028cd', 'line-break'],
    ['ab\u0000cd', 'control-character'],
    ['ab\tcd', 'control-character'],
    ['ab\u200Bcd', 'control-character'],
    ['ab cd', 'inner-whitespace'],
  ])('flags %j as %s', (raw, defect) => {
    expect(inspectCredentialText(raw, 'token').defect).toBe(defect);
  });

  it('labels issues with the field', () => {
    expect(inspectCredentialText(' a@b.co', 'email').issues).toEqual([
      { field: 'email', problem: 'whitespace' },
    ]);
  });
});
