/**
 * Coverage by equivalence (#24): screens, required fields and issue security are configured per
 * scheme, so a project counts as tested when its schemes were read in this run, and a run says
 * exactly which projects those are. Every run here goes through the simulator's mapping endpoints.
 */
import { textField, project, role, ROLE, projectByKey, issues } from '../../simulator/builders';
import { demoWorld, DEMO_ACCOUNT } from '../../simulator/worlds/demo';
import {
  ACCOUNT,
  CREDENTIALS,
  GROUP,
  SCHEME,
  healthy,
  type Scenario,
} from '../../simulator/worlds/scenarios';
import { verdictHeadline, coverageAdvice } from '../../src/engine/presentation/headline';
import { MAX_SCREEN_CLASSES } from '../../src/engine/cloud/sync-plan';
import { finding, runScenario, withScenario } from '../support/scenario';

const MAPPING_PATHS = [
  '/rest/api/3/issuetypescheme/project',
  '/rest/api/3/issuetypescreenscheme/project',
  '/rest/api/3/fieldconfigurationscheme/project',
  '/rest/api/3/issuesecurityschemes/search',
];

function demo(): Scenario {
  return {
    ...healthy(),
    world: demoWorld(),
    login: { email: 'nora@acme.example', secret: 'ATATT3xFfGF0SIM-nora-00000000000000102' },
    syncAccountId: DEMO_ACCOUNT.nora,
    projects: ['SYNC', 'WEB', 'MOBILE'],
  };
}

/**
 * 249 projects in `variants` screen variants: variant v adds its own text field to every create
 * and edit screen, so the variants are distinct issue type screen schemes. Variant 0 is the most
 * used; the rest have fewer projects each.
 */
function manySchemes(count = 249, variants = 20): { scenario: Scenario; keys: string[] } {
  const s = healthy();
  const keys: string[] = [];
  for (let n = 1; n <= count; n++) {
    const key = `BR${String(n).padStart(3, '0')}`;
    keys.push(key);
    // Variant 0 for every other project, then the rest in turn: class sizes differ.
    const variant = n % 2 === 0 ? 0 : 1 + (n % (variants - 1));
    const p = project({
      id: String(30000 + n),
      key,
      name: `Branch ${n}`,
      type: 'business',
      lead: ACCOUNT.admin,
      schemeId: SCHEME.software,
      roles: [
        role(ROLE.developers, { groups: [GROUP.software] }),
        role(ROLE.administrators, { groups: [GROUP.admins] }),
      ],
    });
    if (variant > 0)
      for (const type of p.issueTypes)
        type.fields.push(textField(11000 + variant, `Variant ${variant}`));
    p.issues = issues(p, 1);
    s.world.projects.push(p);
  }
  return { scenario: { ...s, projects: keys }, keys };
}

describe('coverage by equivalence of schemes (#24)', () => {
  it('Nora on SYNC + WEB + MOBILE: MOBILE’s Bug create screen lacks Description, read by the administrator although Nora cannot see MOBILE', async () => {
    const s = demo();
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, { mode: 'both' });
      // The permissions come first: Nora may not create in WEB, and cannot see MOBILE.
      expect(report.verdict).toBe('fix-permissions');
      const description = report.findings.filter(
        (f) =>
          f.code === 'FIELD_NOT_ON_SCREEN' &&
          f.project === 'MOBILE' &&
          f.details?.['field'] === 'description',
      );
      expect(description.map((f) => f.details?.['screen']).sort()).toEqual(['create', 'edit']);
      const create = description.find((f) => f.details?.['screen'] === 'create');
      expect(create).toMatchObject({ severity: 'warning', details: { issueType: 'Bug' } });
      expect(create?.message).toMatch(/may not create issues there yet; once it may/);
      // SYNC and WEB share their schemes: SYNC's screens (read by Nora, who may create there)
      // stand for WEB's.
      expect(report.projects.find((p) => p.key === 'WEB')?.screensReadIn).toEqual({
        create: 'SYNC',
        edit: 'SYNC',
      });
      expect(report.coverage.createFields).toBe('tested');
      expect(report.coverageDetail?.createFields).toEqual({
        tested: ['SYNC', 'WEB', 'MOBILE'],
        notTested: [],
      });
      // One bulk request per mapping, all three project IDs in it.
      for (const path of MAPPING_PATHS) {
        const sent = sim.log.filter((e) => e.path === path);
        expect(sent).toHaveLength(1);
        expect(sent[0]?.query['projectId']).toEqual(['10000', '10010', '10011']);
      }
      // MOBILE's create screen was read by the administrator, SYNC's by Nora herself.
      const createmeta = sim.log.filter((e) => e.path.startsWith('/rest/api/3/issue/createmeta/'));
      expect(
        new Set(
          createmeta.map(
            (e) =>
              `${e.path.split('/')[6]} ${e.authenticatedAs === DEMO_ACCOUNT.nora ? 'nora' : e.authenticatedAs === ACCOUNT.admin ? 'admin' : e.authenticatedAs}`,
          ),
        ),
      ).toEqual(new Set(['SYNC nora', 'MOBILE admin']));
    });
  });

  it('an issue type no create screen offers is a finding, and its screens are never called tested (#24)', async () => {
    const s = demo();
    await withScenario(s, async (sim) => {
      const typo = await runScenario(sim, s, { mode: 'both', issueTypes: ['Bugg'] });
      expect(typo.findings.filter((f) => f.code === 'UNKNOWN_ISSUE_TYPE')).toEqual([
        expect.objectContaining({
          severity: 'warning',
          details: expect.objectContaining({ issueType: 'Bugg' }),
        }),
      ]);
      expect(typo.coverage.createFields).toBe('not-tested');
      expect(typo.coverageDetail?.createFields?.tested).toEqual([]);
      // One known type among them: checked, and only the unknown one is named.
      const mixed = await runScenario(sim, s, { mode: 'both', issueTypes: ['bug', 'Bugg'] });
      expect(
        mixed.findings
          .filter((f) => f.code === 'UNKNOWN_ISSUE_TYPE')
          .map((f) => f.details?.['issueType']),
      ).toEqual(['Bugg']);
      expect(mixed.coverage.createFields).toBe('tested');
    });
  });

  it('249 projects in 20 screen schemes: the 10 most used are read, and the run says exactly which projects’ fields were checked', async () => {
    const { scenario: s, keys } = manySchemes();
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, { mode: 'both' });
      expect(report.verdict).toBe('ready');
      const tested = report.coverageDetail?.createFields?.tested ?? [];
      const notTested = report.coverageDetail?.createFields?.notTested ?? [];
      // Every project is named once, either tested or with why not.
      expect([...tested, ...notTested.map((n) => n.project)].sort()).toEqual([...keys].sort());
      expect(notTested.every((n) => n.reason === 'limit')).toBe(true);
      // The classes read are whole: a project is tested exactly when every project of its
      // variant is.
      const variantOf = (key: string) => {
        const fields = projectByKey(s.world, key).issueTypes[0]?.fields.map((f) => f.fieldId);
        return fields?.find((f) => f.startsWith('customfield_')) ?? 'none';
      };
      const testedVariants = new Set(tested.map(variantOf));
      expect(testedVariants.size).toBe(MAX_SCREEN_CLASSES);
      for (const n of notTested) expect(testedVariants.has(variantOf(n.project))).toBe(false);
      expect(report.coverage.createFields).toBe('partial');
      const edit = report.coverageDetail?.editFields?.tested.length ?? 0;
      expect(verdictHeadline(report)).toBe(
        `Ready for permissions in all 249 projects; fields checked in ${Math.min(tested.length, edit)} of 249`,
      );
      // The advice names the projects, and how to test the rest.
      const advice = coverageAdvice(report, { maxKeys: Number.POSITIVE_INFINITY }).join(' ');
      expect(advice).toContain(`tested in ${tested.length} of 249 projects`);
      expect(advice).toContain(notTested[0]?.project ?? 'none');
      expect(advice).toContain('check the projects beyond the limit in a separate run');
      // Issue security: no project uses a scheme, so it holds in all 249 without sampling.
      expect(report.coverage.issueSecurity).toBe('tested');
      expect(report.coverageDetail?.issueSecurity?.tested).toHaveLength(249);
      expect(
        sim.log.filter(
          (e) =>
            e.path === '/rest/api/3/search/jql' &&
            JSON.stringify(e.requestBody).includes('level is not EMPTY'),
        ),
      ).toHaveLength(0);
      // Mapping reads are bulk: all 249 project IDs in one request of each kind (#26: as many
      // as a URL safely holds), never one request per project.
      for (const path of MAPPING_PATHS) {
        const reads = sim.log.filter((e) => e.path === path);
        expect(reads).toHaveLength(1);
        expect(reads[0]?.query.projectId).toHaveLength(249);
      }
      // Screens were read once per class, not per project.
      const issueTypeLists = sim.log.filter((e) =>
        /^\/rest\/api\/3\/issue\/createmeta\/[^/]+\/issuetypes$/.test(e.path),
      );
      expect(issueTypeLists).toHaveLength(MAX_SCREEN_CLASSES);
    });
  });

  it('without an administrator’s view the schemes are not known: the sampled projects only, and the headline says so', async () => {
    const { scenario: s } = manySchemes(30, 3);
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, { mode: 'token' });
      expect(report.verdict).toBe('ready');
      expect(report.coverageDetail?.createFields?.tested).toEqual(['BR001', 'BR002', 'BR003']);
      expect(report.coverageDetail?.issueSecurity?.notTested[0]).toEqual({
        project: 'BR001',
        reason: 'needs-admin',
      });
      expect(verdictHeadline(report)).toBe(
        'Ready for permissions in all 30 projects; fields checked in 3 of 30; issue security not checked',
      );
      expect(sim.log.some((e) => MAPPING_PATHS.includes(e.path))).toBe(false);
    });
  });

  it('a refused mapping (403) falls back to project by project, and nothing is called tested that was not read', async () => {
    const { scenario: s } = manySchemes(12, 2);
    await withScenario(s, async (sim) => {
      sim.faults.add({ route: 'GET /rest/api/3/issuetypescreenscheme/project', status: 403 });
      const report = await runScenario(sim, s, { mode: 'both' });
      const check = report.checks.find((c) => c.id === 'scheme-mapping');
      expect(check?.status).toBe('warn');
      expect(check?.detail).toContain('Some mappings could not be read for 12 projects');
      // Without the screen schemes, each project is its own class: 10 are read, 2 are named.
      const detail = report.coverageDetail?.createFields;
      expect(detail?.tested).toHaveLength(10);
      expect(detail?.notTested).toEqual([
        { project: 'BR011', reason: 'limit' },
        { project: 'BR012', reason: 'limit' },
      ]);
      expect(report.coverage.createFields).toBe('partial');
    });
  });

  it('whether a mapping lists only the requested projects or every project of the scheme, the result is the same', async () => {
    const results = [];
    for (const listing of ['requested', 'all'] as const) {
      const s = demo();
      s.world.site.schemeMappingProjects = listing;
      results.push(
        await withScenario(s, async (sim) => {
          const report = await runScenario(sim, s, { mode: 'admin' });
          return {
            detail: report.coverageDetail,
            missing: report.findings
              .filter((f) => f.code === 'FIELD_NOT_ON_SCREEN')
              .map(
                (f) =>
                  `${f.project} ${String(f.details?.['screen'])} ${String(f.details?.['field'])}`,
              ),
          };
        }),
      );
    }
    expect(results[1]).toEqual(results[0]);
    expect(results[0]?.missing).toContain('MOBILE create description');
  });

  it('a team-managed project is in no mapping: its screens are read on their own', async () => {
    const s = demo();
    projectByKey(s.world, 'WEB').style = 'next-gen';
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, { mode: 'both' });
      expect(report.projects.find((p) => p.key === 'WEB')?.screensReadIn).toBeUndefined();
      // Nora may not create in WEB, so the administrator read WEB's screens itself.
      expect(
        sim.log.some(
          (e) =>
            e.path === '/rest/api/3/issue/createmeta/WEB/issuetypes' &&
            e.authenticatedAs === ACCOUNT.admin,
        ),
      ).toBe(true);
      // Its issue security is not known from the mapping: sampled like before.
      expect(report.coverageDetail?.issueSecurity?.tested).toContain('WEB');
      expect(report.projects.find((p) => p.key === 'WEB')?.issueSecurity?.scheme).toBeUndefined();
    });
  });

  it('the token alone reads its own screens and never claims issue security', async () => {
    const s = demo();
    s.login = { email: CREDENTIALS.sync.email, secret: CREDENTIALS.sync.token };
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, { mode: 'token' });
      expect(report.coverage.issueSecurity).toBe('not-tested');
      expect(finding(report, 'FIELD_NOT_ON_SCREEN', 'MOBILE')?.severity).toBe('error');
    });
  });
});
