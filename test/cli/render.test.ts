import { renderText } from '../../src/cli/render-text';
import { code, escapeInline, renderMarkdown } from '../../src/engine/presentation/render-markdown';
import { finding, report } from './report-fixture';

const FULLY_TESTED = {
  credentials: 'tested',
  permissions: 'tested',
  scopes: 'not-applicable',
  createFields: 'tested',
  editFields: 'tested',
  issueSecurity: 'tested',
} as const;

const ESC = '\u001b[';

describe('renderText', () => {
  it('puts the verdict first, then summary, findings by severity, and the permission table', () => {
    const text = renderText(report(), { color: false, verbose: false });
    const lines = text.split('\n');
    expect(lines[0]).toBe('VERDICT  Fix permissions');
    expect(lines[2]).toBe('Sync Bot lacks Create Issues in ABC.');
    // The fixture lists the warning first; errors must come first in the output.
    expect(text.indexOf('MISSING_PERMISSION')).toBeLessThan(text.indexOf('TOKEN_WHITESPACE'));
    expect(text.indexOf('FINDINGS')).toBeLessThan(text.indexOf('PERMISSIONS'));
    // The plan comes first and says each fix once; findings follow as evidence.
    expect(text.indexOf('FIX PLAN')).toBeLessThan(text.indexOf('FINDINGS'));
    expect(text).toContain('1. ✗ ERROR   Give Sync Bot Create Issues in ABC.');
    expect(text).toMatch(/A permission is missing\s+\[ABC · Create Issues\]\s+MISSING_PERMISSION/);
    expect(text).toContain('Fix: step 1 of the plan.');
    expect(text).toContain(
      'Permission scheme: https://acme.atlassian.net/plugins/servlet/project-config/ABC/permissions',
    );
    expect(text).toMatch(/Project\s+Visible\s+Browse Projects\s+Create Issues\s+Edit Issues/);
    expect(text).toMatch(/ABC\s+✓\s+✓\s+✗\s+\?/);
    expect(text).not.toContain('CHECKS');
    expect(text).not.toContain(ESC);
  });

  it('adds checks and evidence with --verbose', () => {
    const text = renderText(report(), { color: false, verbose: true });
    expect(text).toContain('CHECKS AND EVIDENCE');
    expect(text).toContain('GET /rest/api/3/myself → 200');
    expect(text).toContain('site/sync-user, attempt 1, 42 ms');
  });

  it('colours only when asked, keeping the table aligned', () => {
    const coloured = renderText(report(), { color: true, verbose: false });
    expect(coloured).toContain(ESC);
    const sgr = new RegExp(`${String.fromCharCode(27)}\\[\\d+m`, 'g');
    const stripped = coloured.replace(sgr, '');
    expect(stripped).toBe(renderText(report(), { color: false, verbose: false }));
  });

  it('says so when there is nothing to fix', () => {
    const text = renderText(
      report({ verdict: 'ready', summary: 'Ready.', findings: [], coverage: FULLY_TESTED }),
      { color: false, verbose: false },
    );
    expect(text.startsWith('VERDICT  Ready\n')).toBe(true);
    expect(text).toContain('No problems found.');
  });

  it('never shows a bare Ready when the credentials or the permissions were not tested', () => {
    const adminOnly = renderText(
      report({
        verdict: 'ready',
        mode: 'admin',
        findings: [],
        coverage: { ...FULLY_TESTED, credentials: 'not-tested', scopes: 'not-tested' },
      }),
      { color: false, verbose: false },
    );
    expect(adminOnly.startsWith('VERDICT  Permissions ready — credentials not tested\n')).toBe(
      true,
    );
    expect(adminOnly).toContain(
      "Credentials not tested: add the sync user's API token, or run the CLI on the synchronizer's host.",
    );
    expect(adminOnly).toMatch(/\? Credentials not tested/);

    const partial = renderText(report({ verdict: 'ready', findings: [] }), {
      color: false,
      verbose: false,
    });
    // The fixture's fields and issue security were not tested either (#24): said too.
    expect(
      partial.startsWith(
        'VERDICT  Credentials ready — permissions partly tested; fields not checked; issue security not checked\n',
      ),
    ).toBe(true);
    expect(partial).toMatch(/– Token scopes not applicable/);
  });

  it('shows the Exists column only when the admin view knew it', () => {
    const base = report();
    const project = { ...base.projects[0]!, exists: false, visible: null };
    const text = renderText(report({ projects: [project] }), { color: false, verbose: false });
    expect(text).toMatch(/Project\s+Exists\s+Visible/);
    expect(text).toMatch(/ABC\s+✗\s+\?/);
  });
});

describe('renderMarkdown', () => {
  it('qualifies Ready by what was not tested, and says how to test it', () => {
    const md = renderMarkdown(
      report({
        verdict: 'ready',
        mode: 'admin',
        findings: [],
        coverage: { ...FULLY_TESTED, credentials: 'not-tested' },
      }),
    );
    expect(md).toContain('## Credential Doctor: Permissions ready — credentials not tested');
    expect(md).not.toMatch(/Verdict: Ready\*\*/);
    expect(md).toContain("add the sync user's API token");
    expect(md).toContain('Credentials: not tested · Permissions: tested');
    const full = renderMarkdown(report({ verdict: 'ready', findings: [], coverage: FULLY_TESTED }));
    expect(full).toContain('**Verdict: Ready** (`ready`)');
  });

  it('contains the verdict, summary, findings with fixes and the permission table', () => {
    const md = renderMarkdown(report());
    expect(md.startsWith('## Credential Doctor: Fix permissions\n')).toBe(true);
    expect(md).toContain('**Verdict: Fix permissions** (`fix-permissions`)');
    expect(md).toContain(
      '1. **Error: A permission is missing** `MISSING_PERMISSION` (`ABC`, Create Issues (`CREATE_ISSUES`)): Sync Bot lacks Create Issues in ABC.',
    );
    expect(md).toContain(
      '### Fix plan (2 actions)\n\n1. **Error:** Give Sync Bot Create Issues in ABC.\n   - Add Sync Bot to a project role',
    );
    expect(md).toContain(
      '2. **Warning: Spaces or quotes around the email or token** `TOKEN_WHITESPACE`: The token had a trailing newline.',
    );
    expect(md).toContain('2. **Warning:** Store the token without whitespace.');
    expect(md.indexOf('### Fix plan')).toBeLessThan(md.indexOf('### Findings'));
    expect(md).toContain(
      '[Permission scheme](https://acme.atlassian.net/plugins/servlet/project-config/ABC/permissions)',
    );
    expect(md).toContain(
      '| Project | Visible | `BROWSE_PROJECTS` | `CREATE_ISSUES` | `EDIT_ISSUES` |',
    );
    expect(md).toContain('| `ABC` Alpha (software) | ✓ | ✓ | ✗ | ? |');
    expect(md).toContain('<summary>Requests (2)</summary>');
    expect(md).toContain(
      '| `identity` | `GET /rest/api/3/myself` | site · sync-user | 200 | 1 | 42 ms |',
    );
  });

  it('names who the token signs in as, and where it was accepted', () => {
    expect(renderMarkdown(report())).toContain(
      '| Token signs in as | Sync Bot · `557058:abc` · sync@acme.com · API token, accepted at the site URL |',
    );
    const scoped = renderMarkdown(
      report({
        tokenIdentity: {
          accountId: '557058:abc',
          displayName: null,
          email: null,
          acceptedAt: 'gateway',
        },
      }),
    );
    expect(scoped).toContain(
      '| Token signs in as | `557058:abc` · scoped API token, accepted only at the API gateway |',
    );
    expect(renderMarkdown(report({ tokenIdentity: null }))).not.toContain('Token signs in as');
  });

  it('explains each explained project: the recommended fix and the grants, missing first', () => {
    const base = report();
    const md = renderMarkdown(
      report({
        mode: 'admin',
        projects: [
          {
            ...base.projects[0]!,
            explanation: {
              scheme: { id: 10000, name: 'Default software scheme' },
              userRoles: ['Users'],
              userGroups: ['partners'],
              permissions: [
                {
                  permission: 'BROWSE_PROJECTS',
                  held: true,
                  grantedBy: ['project role Users, through group partners'],
                  grantsInScheme: ['project role Users', 'project role Developers'],
                  issueDependent: [],
                },
                {
                  permission: 'CREATE_ISSUES',
                  held: false,
                  grantedBy: [],
                  grantsInScheme: ['project role Developers', 'project role Administrators'],
                  issueDependent: ['reporter'],
                },
                {
                  permission: 'EDIT_ISSUES',
                  held: false,
                  grantedBy: ['group jira-software-users'],
                  grantsInScheme: ['group jira-software-users'],
                  issueDependent: [],
                  ineffective: 'Jira ignores the grant: the user has no Jira product access.',
                },
              ],
              recommendation: {
                summary:
                  'Add Sync Bot <sync@acme.com> to project role "Developers" in ABC (grants CREATE_ISSUES).',
                roles: ['Developers'],
                groups: [],
                ungranted: [],
              },
            },
          },
        ],
      }),
    );
    const section = md.slice(md.indexOf('### Why, and the least-privilege fix'));
    expect(md.indexOf('### Project permissions')).toBeLessThan(md.indexOf('### Why'));
    expect(section).toContain(
      "**`ABC` Alpha (software)** · permission scheme Default software scheme (10000) · the user's roles: Users · groups: partners",
    );
    expect(section).toContain(
      '**Recommended fix:** Add Sync Bot \\<sync@acme.com\\> to project role "Developers" in ABC (grants CREATE_ISSUES).',
    );
    const bullets = section.split('\n').filter((l) => l.startsWith('- '));
    expect(bullets).toEqual([
      '- ✗ `CREATE_ISSUES`: granted in the scheme to project role Developers; project role Administrators; the user is in none of these. On some issues only, as reporter.',
      '- ✗ `EDIT_ISSUES`: the scheme grants it to the user through group jira-software-users. Jira ignores the grant: the user has no Jira product access.',
      '- ✓ `BROWSE_PROJECTS`: held through project role Users, through group partners.',
    ]);
  });

  it('leaves the explanation section out when nothing was explained', () => {
    expect(renderMarkdown(report())).not.toContain('### Why');
  });

  it('can leave the evidence out', () => {
    const md = renderMarkdown(report(), { evidence: false });
    expect(md).not.toContain('### Checks');
    expect(md).not.toContain('<details>');
  });

  it('escapes text from Jira so it cannot inject HTML, links or table cells', () => {
    const base = report();
    const hostile = report({
      projects: [
        { ...base.projects[0]!, name: '<img src=x onerror=alert(1)> [click](http://evil) | x' },
      ],
      findings: [finding({ message: 'Line one\nline two with *stars* and `ticks`' })],
    });
    const md = renderMarkdown(hostile);
    expect(md).not.toMatch(/(?<!\\)<img/);
    expect(md).toContain('\\<img src=x onerror=alert(1)\\> \\[click\\](http://evil) \\| x');
    expect(md).toContain('Line one line two with \\*stars\\* and \\`ticks\\`');
  });

  it('keeps ten or more findings with their plan step inside their items', () => {
    const many = Array.from({ length: 10 }, (_, i) => finding({ message: `Problem ${i + 1}.` }));
    const md = renderMarkdown(report({ findings: many }));
    expect(md).toContain(
      '10. **Error: A permission is missing** `MISSING_PERMISSION`: Problem 10.\n    Fix: step 1 of the fix plan.',
    );
  });

  it('does not link URLs that are not http(s)', () => {
    const md = renderMarkdown(
      report({ findings: [finding({ links: [{ label: 'Bad', url: 'javascript:alert(1)' }] })] }),
    );
    expect(md).not.toContain('](javascript:');
  });

  it('helpers: escapeInline leaves intraword underscores, code handles backticks', () => {
    expect(escapeInline('CREATE_ISSUES and _x_')).toBe('CREATE_ISSUES and \\_x\\_');
    expect(code('a`b')).toBe('`` a`b ``');
  });
});
