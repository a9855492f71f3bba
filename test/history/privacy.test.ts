import { replaceEverywhere, UNKNOWN_EMAIL, withoutPersonalData } from '../../src/history/privacy';
import type { Report } from '../../src/engine/model/report';

const base = {
  schemaVersion: 1,
  verdict: 'fix-credentials',
  site: 'https://acme.atlassian.net',
  mode: 'token',
  projects: [],
  requiredPermissions: [],
  startedAt: new Date(0).toISOString(),
  durationMs: 1,
  requestCount: 1,
} as const;

describe('what the history stores of a report', () => {
  test('a refused token: its email becomes "the email address given", everywhere', () => {
    const report = {
      ...base,
      summary: 'Jira rejected sync@acme.example.',
      subject: null,
      tokenIdentity: null,
      findings: [{ code: 'CREDENTIALS_REJECTED', message: 'for sync@acme.example with 401' }],
      checks: [
        {
          id: 'x',
          detail: 'asked for sync%40acme.example',
          requests: [{ path: '/rest/api/3/user/search?query=sync%40acme.example' }],
        },
      ],
    } as unknown as Report;
    const stored = JSON.stringify(withoutPersonalData(report, { tokenEmail: 'sync@acme.example' }));
    expect(stored).not.toMatch(/sync(@|%40)acme\.example/);
    expect(stored).toContain(`for ${UNKNOWN_EMAIL} with 401`);
  });

  test('names and emails of known accounts become their account IDs; the rest is untouched', () => {
    const report = {
      ...base,
      summary: 'Sam cannot create in SAMPLE; sam@acme.example is Sam.',
      subject: {
        accountId: 'acc-1',
        displayName: 'Sam',
        email: 'sam@acme.example',
        active: true,
        accountType: 'atlassian',
      },
      tokenIdentity: { accountId: 'acc-1', displayName: 'Sam', email: null, acceptedAt: 'site' },
      findings: [],
      checks: [],
    } as unknown as Report;
    const stored = withoutPersonalData(report, { tokenEmail: 'sam@acme.example' });
    expect(stored.summary).toBe('acc-1 cannot create in SAMPLE; acc-1 is acc-1.');
    expect(stored.subject).toMatchObject({ accountId: 'acc-1', displayName: null, email: null });
    expect(stored.tokenIdentity).toMatchObject({ displayName: null, email: null });
  });

  test('replacement is literal: regular-expression characters in a name match only themselves', () => {
    expect(replaceEverywhere({ a: ['x (a.b) y', 'xa1b y'] }, [['(a.b)', 'N']])).toEqual({
      a: ['x N y', 'xa1b y'],
    });
  });
});
