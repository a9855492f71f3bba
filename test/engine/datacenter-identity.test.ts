/**
 * The Data Center identity step reads Jira Cloud's refusal of a Bearer token (C8, recorded in
 * test/fixtures/jira-cloud/C8-bearer-403.json): `--deployment datacenter --auth bearer` against a
 * Cloud site is told it used the wrong scheme, not handed an "unexpected answer". The Cloud
 * simulator routes API version 3 only, so the recorded answer is served by a client of its own.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { diagnoseDataCenter } from '../../src/engine/datacenter/diagnose';
import { EvidenceLog } from '../../src/engine/port/evidence';
import type { JiraClient, JiraRequest } from '../../src/engine/port/jira-client';
import { toJiraResponse } from '../../src/jira/response';

const C8 = JSON.parse(
  readFileSync(
    path.resolve(__dirname, '..', 'fixtures', 'jira-cloud', 'C8-bearer-403.json'),
    'utf8',
  ),
) as {
  exchanges: Array<{ response: { status: number; headers: Record<string, string>; body: string } }>;
};

const PERMISSIONS = ['BROWSE_PROJECTS', 'CREATE_ISSUES'];

function client(
  auth: JiraClient['auth'],
  answer: (req: JiraRequest) => { status: number; headers: Record<string, string>; text: string },
  sent: JiraRequest[],
): JiraClient {
  return {
    target: 'site',
    auth,
    request: async (req) => {
      sent.push(req);
      return toJiraResponse(answer(req), 1, 0);
    },
  };
}

describe('Data Center identity against Jira Cloud (C8)', () => {
  it('a Bearer token refused as a Connect session token → CREDENTIALS_REJECTED naming the wrong scheme', async () => {
    const recorded = C8.exchanges[0]!.response;
    const headers = Object.fromEntries(
      Object.entries(recorded.headers).map(([name, value]) => [name.toLowerCase(), value]),
    );
    const tokenRequests: JiraRequest[] = [];
    const report = await diagnoseDataCenter(
      {
        site: 'https://acme.atlassian.net',
        projects: ['SYNC'],
        permissions: PERMISSIONS,
        token: { scheme: 'bearer' },
      },
      {
        evidence: new EvidenceLog(() => 0),
        now: () => 0,
        anonymous: client(
          'none',
          () => ({
            status: 200,
            headers: { 'content-type': 'application/json' },
            text: JSON.stringify({
              permissions: Object.fromEntries(
                PERMISSIONS.map((key) => [key, { key, type: 'PROJECT' }]),
              ),
            }),
          }),
          [],
        ),
        token: client(
          'sync-user',
          () => ({ status: recorded.status, headers, text: recorded.body }),
          tokenRequests,
        ),
      },
    );
    expect(report.findings.map((f) => f.code)).toEqual(['CREDENTIALS_REJECTED']);
    const finding = report.findings[0]!;
    expect(finding.step).toBe('token-identity');
    expect(finding.details).toEqual({ scheme: 'bearer' });
    expect(finding.message).toMatch(/Failed to parse Connect Session Auth Token/);
    expect(finding.steps[0]).toMatch(/without --deployment datacenter and --auth bearer/);
    expect(report.verdict).toBe('fix-credentials');
    // Refused once: nothing else is sent with those credentials.
    expect(tokenRequests.map((r) => r.path)).toEqual(['/rest/api/2/myself']);
  });
});
