/**
 * The panel's Credentials column says the run's first credentials problem in one line: the
 * code's `panelNote` from its catalogue entry, or the finding's own message for a code without
 * one. Without a browser.
 */
import { FINDING_CATALOGUE } from '../../src/engine/findings/catalogue';
import { FINDING_CODES, type FindingCode } from '../../src/engine/model/finding-codes.generated';
import type { Finding, Report } from '../../src/engine/model/report';
import { credentialsColumn } from '../../static/panel/src/derive';

function tokenRun(findings: Array<Pick<Finding, 'code' | 'category' | 'severity' | 'message'>>) {
  return {
    mode: 'token',
    subject: null,
    tokenIdentity: null,
    projects: [],
    requiredPermissions: [],
    findings,
  } as unknown as Report;
}

function finding(code: FindingCode) {
  const entry = FINDING_CATALOGUE[code];
  return {
    code,
    category: entry.category,
    severity: entry.severity,
    message: `The run's own message for ${code}.`,
  };
}

describe("the panel's Credentials column", () => {
  it('says the first credentials problem in the words of its catalogue entry', () => {
    // The wording the panel showed before it moved into the catalogue, held here as written.
    expect(credentialsColumn(tokenRun([finding('CREDENTIALS_REJECTED')])).note).toBe(
      'Jira rejected the email and API token.',
    );
    expect(credentialsColumn(tokenRun([finding('ANONYMOUS_FALLBACK')])).note).toBe(
      'Jira treated the integration as an anonymous visitor.',
    );
  });

  it('a credentials code without a panel note shows the finding’s own message', () => {
    const column = credentialsColumn(tokenRun([finding('BASIC_AUTH_DISABLED')]));
    expect(FINDING_CATALOGUE.BASIC_AUTH_DISABLED.panelNote).toBeUndefined();
    expect(column).toMatchObject({
      status: 'problem',
      note: "The run's own message for BASIC_AUTH_DISABLED.",
    });
  });

  const noted = FINDING_CODES.filter((code) => FINDING_CATALOGUE[code].panelNote !== undefined);

  it('only codes the column can show carry a panel note', () => {
    // The column shows credentials errors: a note on any other code would be wording nobody reads.
    for (const code of noted) {
      const { category, severity } = FINDING_CATALOGUE[code];
      expect({ code, category, severity }).toEqual({
        code,
        category: 'credentials',
        severity: 'error',
      });
    }
    expect(noted.length).toBeGreaterThan(0);
  });

  it.each(noted)('%s: the column shows its panel note', (code) => {
    const column = credentialsColumn(tokenRun([finding(code)]));
    expect(column.status).toBe('problem');
    expect(column.note).toBe(FINDING_CATALOGUE[code].panelNote);
  });
});
