/**
 * Issue 22, part 3: a service account's OAuth 2.0 client credential, checked by the CLI against
 * the simulator's token endpoint and gateway (in-process, the real engine).
 */
import { main } from '../../src/cli/main';
import type { Report } from '../../src/engine/model/report';
import { presetOperations, presetPermissions } from '../../src/engine/knowledge/presets';
import { requiredScopes } from '../../src/engine/knowledge/operations';
import type { RunningSimulator } from '../../simulator';
import { CREDENTIALS, SCENARIOS } from '../../simulator/worlds/scenarios';
import { withScenario } from '../support/scenario';

const CLIENT = CREDENTIALS.appOAuth;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], env: Record<string, string | undefined>): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, env, {
    stdout: { write: (t: string) => (stdout += t), isTTY: false },
    stderr: { write: (t: string) => (stderr += t), isTTY: false },
    readStdin: () => Promise.reject(new Error('stdin was not expected')),
  });
  return { code, stdout, stderr };
}

function oauthArgs(sim: RunningSimulator, extra: string[] = []): string[] {
  return [
    'check',
    '--site',
    `${sim.gatewayUrl}/ex/jira/${sim.cloudId}`,
    '--gateway',
    sim.gatewayUrl,
    '--project',
    'SYNC',
    '--auth',
    'oauth',
    '--client-id',
    CLIENT.clientId,
    '--auth-url',
    sim.authUrl,
    '--format',
    'json',
    '--timeout-ms',
    '3000',
    ...extra,
  ];
}

/** The access tokens the simulator issued (from its own log): they must never be printed. */
function issuedTokens(sim: RunningSimulator): string[] {
  return sim.log
    .filter((e) => e.target === 'auth')
    .map((e) => (e.responseBody as { access_token?: string }).access_token)
    .filter((t): t is string => typeof t === 'string');
}

function expectNoSecrets(sim: RunningSimulator, result: Run): void {
  for (const secret of [CLIENT.secret, ...issuedTokens(sim)]) {
    expect(result.stdout).not.toContain(secret);
    expect(result.stderr).not.toContain(secret);
  }
}

describe('--auth oauth: a service account’s OAuth 2.0 client credential', () => {
  it('one token request, then the gateway as the service account: ready, identity from /myself', async () => {
    const s = SCENARIOS.appAccount();
    await withScenario(s, async (sim) => {
      const result = await run(oauthArgs(sim), { JIRA_CLIENT_SECRET: CLIENT.secret });
      const report = JSON.parse(result.stdout) as Report;
      expect(result.code).toBe(0);
      expect(report.verdict).toBe('ready');
      expect(report.tokenIdentity).toMatchObject({
        acceptedAt: 'gateway',
        accountType: 'app',
        credential: 'oauth',
        email: CREDENTIALS.app.email,
      });
      expect(report.checks.find((c) => c.id === 'oauth-token')?.status).toBe('pass');
      expect(sim.tokenRequests(CLIENT.clientId)).toBe(1);
      const token = sim.log.find((e) => e.target === 'auth');
      expect(token?.requestBody).toEqual({
        grant_type: 'client_credentials',
        client_id: CLIENT.clientId,
        client_secret: '[sent]',
      });
      // The token request is evidence like any other, without body or headers.
      const evidence = report.checks.find((c) => c.id === 'oauth-token')?.requests ?? [];
      expect(evidence).toEqual([
        expect.objectContaining({
          method: 'POST',
          path: '/oauth/token',
          target: 'auth',
          status: 200,
        }),
      ]);
      // Every Jira request went to the gateway with the access token.
      expect(sim.log.filter((e) => e.target === 'site')).toEqual([]);
      expect(issuedTokens(sim)).toHaveLength(1);
      expectNoSecrets(sim, result);
    });
  });

  it('a wrong client secret costs one token request and gives fix-credentials (exit 3)', async () => {
    const s = SCENARIOS.appAccount();
    await withScenario(s, async (sim) => {
      const result = await run(oauthArgs(sim), {
        JIRA_CLIENT_SECRET: 'ATOASIM-not-the-secret-00000000000000000000000',
      });
      const report = JSON.parse(result.stdout) as Report;
      expect(result.code).toBe(3);
      expect(report.verdict).toBe('fix-credentials');
      expect(report.findings.map((f) => f.code)).toEqual(['OAUTH_CLIENT_REFUSED']);
      const refused = report.findings[0];
      expect(refused?.details).toEqual({
        status: 401,
        error: 'access_denied',
        clientId: CLIENT.clientId,
      });
      expect(refused?.message).toContain(CLIENT.clientId);
      expect(refused?.steps[0]).toMatch(/Service accounts/);
      expect(report.coverage.credentials).toBe('tested');
      expect(sim.tokenRequests(CLIENT.clientId)).toBe(1);
      expect(
        sim.log.filter((e) => e.target !== 'auth' && e.path.includes('/rest/api/3/myself')),
      ).toEqual([]);
      expectNoSecrets(sim, result);
    });
  });

  it('the token answer’s scopes are compared with requiredScopes and the probes confirm: the missing granular scope is named exactly', async () => {
    const s = SCENARIOS.appAccount();
    const operations = presetOperations('two-way-sync', presetPermissions('two-way-sync'));
    const needed = requiredScopes(operations).granular;
    const client = s.world.oauthClients?.[0];
    if (!client) throw new Error('appAccount has an OAuth client');
    client.scopes = needed.filter((x) => x !== 'read:issue.transition:jira');
    await withScenario(s, async (sim) => {
      const result = await run(oauthArgs(sim, ['--preset', 'two-way-sync']), {
        JIRA_CLIENT_SECRET: CLIENT.secret,
      });
      const report = JSON.parse(result.stdout) as Report;
      expect(result.code).toBe(3);
      const scope = report.findings.find((f) => f.code === 'TOKEN_SCOPE_INSUFFICIENT');
      expect(scope).toMatchObject({
        operation: 'list-transitions',
        details: { missingScopes: ['read:issue.transition:jira'], exact: true, source: 'granted' },
      });
      expect(scope?.message).toContain('OAuth 2.0 credential');
      expect(report.checks.find((c) => c.id === 'oauth-token')?.detail).toContain(
        'Not granted, though the synchronizer',
      );
      expect(sim.tokenRequests(CLIENT.clientId)).toBe(1);
      expectNoSecrets(sim, result);
    });
  });

  describe('bad input: usage error (exit 2), nothing sent', () => {
    const cases: Array<[string, (sim: RunningSimulator) => string[], Record<string, string>]> = [
      ['the secret variable is not set', (sim) => oauthArgs(sim), {}],
      [
        'the secret variable named with --client-secret-env is empty',
        (sim) => oauthArgs(sim, ['--client-secret-env', 'MY_SECRET']),
        { MY_SECRET: '  ' },
      ],
      [
        'a client ID with a space',
        (sim) => oauthArgs(sim).map((a) => (a === CLIENT.clientId ? 'Sim Client' : a)),
        { JIRA_CLIENT_SECRET: CLIENT.secret },
      ],
      [
        'a client ID with a control character',
        (sim) => oauthArgs(sim).map((a) => (a === CLIENT.clientId ? 'SimClient\u0007' : a)),
        { JIRA_CLIENT_SECRET: CLIENT.secret },
      ],
      [
        'an --auth-url that is not https',
        (sim) => oauthArgs(sim).map((a) => (a === sim.authUrl ? 'http://auth.example.com' : a)),
        { JIRA_CLIENT_SECRET: CLIENT.secret },
      ],
      [
        'the site URL instead of the gateway address',
        (sim) =>
          oauthArgs(sim).map((a) =>
            a === `${sim.gatewayUrl}/ex/jira/${sim.cloudId}` ? sim.siteUrl : a,
          ),
        { JIRA_CLIENT_SECRET: CLIENT.secret },
      ],
      [
        'the secret as an argument',
        (sim) => [...oauthArgs(sim), '--client-secret', CLIENT.secret],
        {},
      ],
      [
        '--client-id without --auth oauth',
        (sim) => ['check', '--site', sim.siteUrl, '--project', 'SYNC', '--client-id', 'X'],
        { JIRA_CLIENT_SECRET: CLIENT.secret },
      ],
      [
        '--auth oauth with --email',
        (sim) => [...oauthArgs(sim), '--email', CREDENTIALS.app.email],
        { JIRA_CLIENT_SECRET: CLIENT.secret },
      ],
    ];
    it.each(cases)('%s', async (_name, argv, env) => {
      const s = SCENARIOS.appAccount();
      await withScenario(s, async (sim) => {
        const result = await run(argv(sim), env);
        expect(result.code).toBe(2);
        expect(result.stdout).toBe('');
        expect(result.stderr).toMatch(/^credential-doctor: /);
        expect(result.stderr).not.toContain(CLIENT.secret);
        expect(sim.log).toEqual([]);
      });
    });

    it('says what the gateway address is when the site URL is given', async () => {
      const s = SCENARIOS.appAccount();
      await withScenario(s, async (sim) => {
        const args = oauthArgs(sim).map((a) =>
          a === `${sim.gatewayUrl}/ex/jira/${sim.cloudId}` ? sim.siteUrl : a,
        );
        const result = await run(args, { JIRA_CLIENT_SECRET: CLIENT.secret });
        expect(result.stderr).toContain('https://api.atlassian.com/ex/jira/<cloudId>');
      });
    });
  });
});
