// local-forge (through the harness) must load before anything else pulls in @forge/api.
import { ACCOUNT, call, resolverCalls, startHarness, type Harness } from './harness';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { manifestFor, writeForgeDir } from '../../scripts/forge-dir';
import { PROFILES } from '../../src/profile/profiles';
import { TOKEN_CHECK_UNAVAILABLE } from '../../src/resolvers/run-check';
import { CREDENTIALS, healthy } from '../../simulator/worlds/scenarios';

const CHECK = { user: { accountId: ACCOUNT.sync }, projects: ['SYNC'] };

describe.each(['default', 'runs-on-atlassian'] as const)('the %s build', (profile) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(healthy().world, { profile });
  });
  afterAll(() => h.close());
  beforeEach(() => h.runtime.clearCalls());

  it('tells the panel what it can do, after authorising the caller', async () => {
    const res = await call(h.runtime, {
      functionKey: 'getCapabilities',
      accountId: ACCOUNT.admin,
      payload: {},
    });
    expect(res.ok).toBe(true);
    expect(res.capabilities).toEqual({
      profile,
      profileTitle: PROFILES[profile].title,
      tokenCheck: profile === 'default',
      hostReportMaxAgeHours: 24,
      site: h.sim.siteUrl,
    });
    expect(resolverCalls(h.runtime)).toEqual([
      'GET /rest/api/3/mypermissions?permissions=ADMINISTER',
    ]);
  });

  it(
    profile === 'default'
      ? 'runs the admin view with one egress: the permission list from the site, without credentials'
      : 'runs the admin view without any egress',
    async () => {
      const res = await call(h.runtime, {
        functionKey: 'runCheck',
        accountId: ACCOUNT.admin,
        payload: CHECK,
      });
      expect(res.ok).toBe(true);
      expect((res.report as { verdict: string }).verdict).toBe('ready');
      // Jira gives the permission list to anyone: read so, it spends none of the app's points.
      expect(h.runtime.egressCalls().map((c) => `${c.method} ${c.url} ${c.allowed}`)).toEqual(
        profile === 'default' ? [`GET ${h.sim.siteUrl}/rest/api/3/permissions true`] : [],
      );
    },
  );

  it(
    profile === 'default'
      ? 'checks a token through egress to the site'
      : 'refuses a token with a clear message, before looking at it or calling Jira',
    async () => {
      const res = await call(h.runtime, {
        functionKey: 'runCheck',
        accountId: ACCOUNT.admin,
        payload: {
          ...CHECK,
          token: { email: CREDENTIALS.sync.email, token: CREDENTIALS.sync.token },
        },
      });
      if (profile === 'default') {
        expect(res.ok).toBe(true);
        expect((res.report as { mode: string }).mode).toBe('token+admin');
        expect(h.runtime.egressCalls().length).toBeGreaterThan(0);
        return;
      }
      expect(res).toEqual({
        ok: false,
        error: { code: 'INVALID_INPUT', message: TOKEN_CHECK_UNAVAILABLE },
      });
      expect(res.error?.message).toMatch(/Runs on Atlassian/);
      expect(resolverCalls(h.runtime)).toEqual([]);
      expect(h.runtime.egressCalls()).toEqual([]);
    },
  );
});

describe('npm run forge:dir', () => {
  const manifestSchema = (() => {
    const packageRoot = path.resolve(path.dirname(require.resolve('@forge/manifest')), '..');
    const schema = JSON.parse(
      fs.readFileSync(path.join(packageRoot, 'out', 'schema', 'manifest-schema.json'), 'utf8'),
    ) as object;
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    return ajv.compile(schema);
  })();

  let work: string;
  let panel: string;
  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-forge-dir-'));
    panel = path.join(work, 'panel');
    fs.mkdirSync(panel);
    fs.writeFileSync(path.join(panel, 'index.html'), '<!doctype html><title>panel</title>');
  });
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it.each(['default', 'runs-on-atlassian'] as const)(
    'writes a complete %s app directory whose manifest matches the Forge schema',
    async (profile) => {
      const out = await writeForgeDir({
        profile,
        outDir: path.join(work, profile),
        buildUi: false,
        panelDir: panel,
      });
      const manifest = parse(fs.readFileSync(path.join(out, 'manifest.yml'), 'utf8')) as {
        permissions: { external?: { fetch?: { backend?: Array<{ address: string }> } } };
        resources: Array<{ path: string }>;
      };
      expect(manifestSchema(manifest)).toBe(true);
      if (profile === 'runs-on-atlassian') {
        expect(manifest.permissions).not.toHaveProperty('external');
      } else {
        expect(manifest.permissions.external?.fetch?.backend).toEqual([
          { address: '*.atlassian.net' },
          { address: 'api.atlassian.com' },
        ]);
      }
      // Everything else of the manifest is the source tree's.
      const source = parse(manifestFor('default')) as Record<string, unknown>;
      const { permissions: _p, ...rest } = manifest as unknown as Record<string, unknown>;
      const { permissions: _q, ...sourceRest } = source;
      expect(rest).toEqual(sourceRest);

      expect(fs.readFileSync(path.join(out, 'src', 'profile', 'active.ts'), 'utf8')).toContain(
        `export const ACTIVE_PROFILE: ProfileName = '${profile}';`,
      );
      for (const file of [
        'package.json',
        'package-lock.json',
        'tsconfig.json',
        'src/index.ts',
        'schema/report.schema.json',
        `${manifest.resources[0]?.path}/index.html`,
      ]) {
        expect(fs.existsSync(path.join(out, file))).toBe(true);
      }
      const pkg = JSON.parse(fs.readFileSync(path.join(out, 'package.json'), 'utf8')) as {
        dependencies: Record<string, string>;
        scripts?: unknown;
      };
      expect(Object.keys(pkg.dependencies)).toEqual(
        expect.arrayContaining(['@forge/api', '@forge/resolver', '@forge/kvs', 'ajv']),
      );
      expect(pkg.scripts).toBeUndefined();
    },
  );
});
