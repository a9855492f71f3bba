import { diagnose } from '../../src/engine/cloud/diagnose';
import type { CredentialHygieneIssue } from '../../src/engine/model/input';
import { EvidenceLog } from '../../src/engine/port/evidence';
import { createNodeClients } from '../../src/cli/clients';
import { startSimulator } from '../../simulator';
import { CREDENTIALS, healthy } from '../../simulator/worlds/scenarios';
import { expectValidReport } from '../support/report-schema';
import { FAST_RETRY, codes, runScenario, withScenario } from '../support/scenario';
import { selfSignedCertificate } from '../support/self-signed';

/** The sync user's token check against any site URL, outside a simulator scenario. */
async function checkSyncUser(site: string, gateway: string, hygiene?: CredentialHygieneIssue[]) {
  const { email, token } = CREDENTIALS.sync;
  const clients = createNodeClients({
    site,
    gateway,
    email,
    token,
    evidence: new EvidenceLog(),
    retry: FAST_RETRY,
  });
  const report = await diagnose(
    {
      site,
      projects: ['SYNC'],
      permissions: [],
      token: { email, ...(hygiene ? { hygiene } : {}) },
    },
    clients,
  );
  expectValidReport(report);
  return report;
}

describe('connectivity and transient scenarios', () => {
  it('self-signed certificate (an intercepting proxy) → fix-connectivity with TLS_ERROR', async () => {
    const sim = await startSimulator(healthy().world, { tls: selfSignedCertificate() });
    try {
      expect(sim.siteUrl.startsWith('https://')).toBe(true);
      const report = await checkSyncUser(sim.siteUrl, sim.gatewayUrl);
      expect(report.verdict).toBe('fix-connectivity');
      expect(codes(report)).toContain('TLS_ERROR');
    } finally {
      await sim.close();
    }
  });

  it('nothing listening → fix-connectivity with SITE_UNREACHABLE', async () => {
    const sim = await startSimulator(healthy().world);
    const site = sim.siteUrl;
    await sim.close();
    const report = await checkSyncUser(site, site);
    expect(report.verdict).toBe('fix-connectivity');
    expect(codes(report)).toContain('SITE_UNREACHABLE');
  });

  it('a refused token with the gateway unreachable: the gateway finding does not send the admin to the site URL', async () => {
    const sim = await startSimulator(healthy().world);
    const closed = await startSimulator(healthy().world);
    const gateway = closed.gatewayUrl;
    await closed.close();
    try {
      const { email } = CREDENTIALS.sync;
      const clients = createNodeClients({
        site: sim.siteUrl,
        gateway,
        email,
        token: CREDENTIALS.alice.token,
        evidence: new EvidenceLog(),
        retry: FAST_RETRY,
      });
      const report = await diagnose(
        { site: sim.siteUrl, projects: ['SYNC'], permissions: [], token: { email } },
        clients,
      );
      expect(report.verdict).toBe('fix-credentials');
      const unreachable = report.findings.find((f) => f.code === 'SITE_UNREACHABLE');
      expect(unreachable?.message).toMatch(
        /^The Atlassian API gateway \(api\.atlassian\.com\) could not be reached/,
      );
      expect(unreachable?.steps.join(' ')).not.toMatch(/site URL/);
    } finally {
      await sim.close();
    }
  });

  it('persistent 429 → inconclusive with RATE_LIMITED naming the step', async () => {
    const s = healthy();
    await withScenario(s, async (sim) => {
      sim.faults.add({ route: 'GET /rest/api/3/myself', status: 429, retryAfter: 0 });
      const report = await runScenario(sim, s, { mode: 'token' });
      expect(report.verdict).toBe('inconclusive');
      expect(report.findings.find((f) => f.code === 'RATE_LIMITED')?.step).toBe('token-identity');
      expect(sim.log.filter((e) => e.path === '/rest/api/3/myself').length).toBe(
        1 + FAST_RETRY.maxRetries,
      );
    });
  });

  it('429 then success → the retry gets through and the verdict is right', async () => {
    const s = healthy();
    await withScenario(s, async (sim) => {
      sim.faults.add({
        route: 'POST /rest/api/3/permissions/check',
        status: 429,
        retryAfter: 0,
        times: 1,
      });
      const report = await runScenario(sim, s, { mode: 'token' });
      expect(report.verdict).toBe('ready');
      const attempts = report.checks
        .find((c) => c.id === 'token-permissions')
        ?.requests.map((r) => [r.status, r.attempt]);
      expect(attempts).toEqual([
        [429, 1],
        [200, 2],
      ]);
    });
  });

  it('persistent 500 → inconclusive with JIRA_UNAVAILABLE, never a permission verdict', async () => {
    const s = healthy();
    await withScenario(s, async (sim) => {
      sim.faults.add({ route: 'GET /rest/api/3/project/search', status: 500 });
      const report = await runScenario(sim, s, { mode: 'token' });
      expect(report.verdict).toBe('inconclusive');
      expect(codes(report)).toEqual(['JIRA_UNAVAILABLE']);
      expect(report.projects.every((p) => p.visible === null)).toBe(true);
    });
  });

  it('malformed body → inconclusive with UNEXPECTED_RESPONSE', async () => {
    const s = healthy();
    await withScenario(s, async (sim) => {
      sim.faults.add({ route: 'GET /rest/api/3/myself', kind: 'malformed-json', status: 200 });
      const report = await runScenario(sim, s, { mode: 'token' });
      expect(report.verdict).toBe('inconclusive');
      expect(codes(report)).toEqual(['UNEXPECTED_RESPONSE']);
    });
  });

  it('a hang past the timeout → inconclusive with JIRA_UNAVAILABLE', async () => {
    const s = healthy();
    await withScenario(s, async (sim) => {
      sim.faults.add({ route: 'GET /rest/api/3/myself', kind: 'hang' });
      const report = await runScenario(sim, s, { mode: 'token', timeoutMs: 150 });
      expect(report.verdict).toBe('inconclusive');
      expect(codes(report)).toEqual(['JIRA_UNAVAILABLE']);
    });
  });

  it('whitespace around pasted credentials → TOKEN_WHITESPACE warning, verdict unchanged', async () => {
    const s = healthy();
    await withScenario(s, async (sim) => {
      const report = await checkSyncUser(sim.siteUrl, sim.gatewayUrl, [
        { field: 'token', problem: 'whitespace' },
      ]);
      expect(report.verdict).toBe('ready');
      expect(report.findings.map((f) => [f.code, f.severity])).toEqual([
        ['TOKEN_WHITESPACE', 'warning'],
      ]);
    });
  });
});
