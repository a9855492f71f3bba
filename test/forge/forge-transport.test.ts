import fs from 'node:fs';
import path from 'node:path';
import { supportedProductEndpoints, gatewayBaseUrl } from '../../src/jira/forge-transport';
import { byteLength, fitEntry } from '../../src/history/store';
import type { HistoryEntry } from '../../src/contract/history';
import type { Report } from '../../src/engine/model/report';

/**
 * Engine endpoints the admin view does not call from Forge: token-mode calls go through egress
 * `fetch`, and Forge always names the sync user by account ID (no email search).
 */
const NOT_CALLED_AS_USER: Record<string, string> = {
  '/rest/api/3/myself': 'token mode only (egress fetch with the sync credentials)',
  '/rest/api/3/user/search': 'email lookup; Forge payloads carry an account ID',
  '/rest/api/3/issue': 'scope probe (create): token mode at the gateway only',
  '/rest/api/3/issue/{}{}': 'scope probes (read, edit, comment, …): token mode at the gateway only',
  '/rest/api/3/issueLink': 'scope probe (link): token mode at the gateway only',
  '/rest/api/3/project': 'scope probe (list projects): token mode at the gateway only',
  '/rest/api/3/project/{}': 'scope probe (read a project): token mode at the gateway only',
  '/rest/api/3/attachment/content':
    'scope probe (attachment content): token mode at the gateway only',
  '/rest/api/3/serverInfo': "the site's URL when given the gateway address: CLI only",
};

function engineRestPaths(): string[] {
  const found = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) {
        // Literal paths and jiraPath templates: `${...}` parameters become `{}`.
        const text = fs.readFileSync(full, 'utf8');
        for (const m of text.matchAll(/['`](\/rest\/api\/3\/(?:[A-Za-z/]|\$\{[^}]*\})+)/g)) {
          found.add(m[1]!.replace(/\$\{[^}]*\}/g, '{}').replace(/\/$/, ''));
        }
      }
    }
  };
  walk(path.join(__dirname, '../../src/engine'));
  return [...found].sort();
}

test('every Jira endpoint the engine calls is served by the Forge requestJira adapter or is token-only', () => {
  const served = new Set(
    supportedProductEndpoints().map((e) => e.split(' ')[1]!.replace(/\{[^}]*\}/g, '{}')),
  );
  const unclassified = engineRestPaths().filter(
    (p) => !served.has(p) && !Object.keys(NOT_CALLED_AS_USER).includes(p),
  );
  expect(unclassified).toEqual([]);
});

test('the gateway base is built from the cloud ID only', () => {
  expect(gatewayBaseUrl('5f1a9c3e-2b7d-4e8a-9c61-0d4b7e2f8a10')).toBe(
    'https://api.atlassian.com/ex/jira/5f1a9c3e-2b7d-4e8a-9c61-0d4b7e2f8a10',
  );
  expect(() => gatewayBaseUrl('x/../../evil')).toThrow();
  expect(() => gatewayBaseUrl('')).toThrow();
});

test('a history entry over ~200 KB drops the per-request evidence, not the findings', () => {
  const request = {
    method: 'GET',
    path: `/rest/api/3/user/permission/search?accountId=x&projectKey=P&permissions=${'A'.repeat(200)}`,
    target: 'forge' as const,
    auth: 'admin' as const,
    status: 200,
    attempt: 1,
    startedAtMs: 0,
    durationMs: 1,
  };
  const report = {
    schemaVersion: 1,
    verdict: 'ready',
    summary: 'ok',
    site: 'https://acme.atlassian.net',
    mode: 'admin',
    subject: null,
    findings: [],
    projects: [],
    checks: [
      {
        id: 'admin-permissions',
        title: 't',
        status: 'pass',
        detail: 'd',
        requests: Array(1000).fill(request),
      },
    ],
    requiredPermissions: ['BROWSE_PROJECTS'],
    startedAt: new Date(0).toISOString(),
    durationMs: 1,
    requestCount: 1000,
  } as unknown as Report;
  const entry: HistoryEntry = {
    id: '00000000-0000-4000-8000-000000000000',
    ranAt: new Date(0).toISOString(),
    ranBy: 'a-1',
    authority: 'jira-admin',
    surface: 'admin',
    projectId: null,
    projectKey: null,
    inputs: {
      userAccountId: 'u',
      projects: [],
      permissions: [],
      tokenChecked: false,
    },
    verdict: 'ready',
    summary: 'ok',
    findings: [],
    report,
  };
  expect(byteLength(entry)).toBeGreaterThan(200_000);
  const fitted = fitEntry(entry);
  expect(fitted.evidenceDropped).toBe(true);
  expect(fitted.report.checks[0]?.requests).toEqual([]);
  expect(fitted.report.requestCount).toBe(1000);
  expect(byteLength(fitted)).toBeLessThan(200_000);
  const small = { ...entry, report: { ...report, checks: [] } };
  expect(fitEntry(small)).toBe(small);
});
