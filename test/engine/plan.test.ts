import {
  buildFixPlan,
  planStepOfFindings,
  projectList,
  readableSteps,
} from '../../src/engine/presentation/plan';
import { renderMarkdown } from '../../src/engine/presentation/render-markdown';
import { renderText } from '../../src/cli/render-text';
import type { Report } from '../../src/engine/model/report';
import { DEMO_ACCOUNT, DEMO_CREDENTIALS, demoWorld } from '../../simulator/worlds/demo';
import { CREDENTIALS, type Scenario } from '../../simulator/worlds/scenarios';
import { runScenario, withScenario } from '../support/scenario';
import { finding, report as fixture } from '../cli/report-fixture';

const nora = DEMO_CREDENTIALS.find((c) => c.key === 'no-create')!;
const PROJECTS = ['WEB', 'MOBILE', 'LEGAL', 'MKT', 'SYNC'];

function noraScenario(): Scenario {
  return {
    id: 'healthy',
    summary: 'Nora across the demo projects',
    world: demoWorld(),
    login: { email: nora.email, secret: nora.secret },
    syncAccountId: DEMO_ACCOUNT.nora,
    projects: PROJECTS,
    permissions: ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES'],
    admin: CREDENTIALS.admin,
  };
}

describe('fix plan', () => {
  it('admin view: one action per role across projects, each once, before the re-run', async () => {
    const s = noraScenario();
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, { mode: 'admin' });
      expect(report.verdict).toBe('fix-permissions');
      // Several findings per project…
      expect(report.findings.length).toBeGreaterThan(4);
      const plan = buildFixPlan(report);
      // …but one action for the role that fixes all of them.
      const titles = plan.actions.map((a) => a.title);
      expect(titles).toContain(
        'Add Nora Partner to project role Developers in WEB, MOBILE, LEGAL and MKT.',
      );
      expect(new Set(titles).size).toBe(titles.length);
      expect(plan.closing).toBe('Re-run this check.');
      for (const action of plan.actions) {
        expect(action.title).not.toMatch(/[A-Z]+_[A-Z]+/); // no permission keys in prose
        expect(action.steps.join(' ')).not.toMatch(/Re-run this check/);
      }
      // Every finding is answered by some action.
      const steps = planStepOfFindings(plan);
      expect(report.findings.every((_, i) => steps.has(i))).toBe(true);
      const role = plan.actions.find((a) => a.id === 'role:Developers')!;
      expect(role.projects).toEqual(['WEB', 'MOBILE', 'LEGAL', 'MKT']);
      expect(role.links.map((l) => l.url)).toEqual(
        ['WEB', 'MOBILE', 'LEGAL', 'MKT'].map((k) => expect.stringContaining(`/${k}/people`)),
      );
    });
  });

  it('admin view: a finding points to the action that grants its permission, not to every action of its project', async () => {
    // In WEB and MOBILE only Administrators (which administers the project) get Modify Reporter:
    // adding Nora to Developers fixes Create Issues there, a scheme change fixes Modify Reporter.
    const s: Scenario = {
      ...noraScenario(),
      projects: ['WEB', 'MOBILE'],
      permissions: ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'MODIFY_REPORTER'],
    };
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, { mode: 'admin' });
      const plan = buildFixPlan(report);
      const steps = planStepOfFindings(plan);
      const actionOf = (project: string, permission: string) => {
        const i = report.findings.findIndex(
          (f) => f.project === project && f.permission === permission,
        );
        expect(i).toBeGreaterThanOrEqual(0);
        return plan.actions[steps.get(i)! - 1]!;
      };
      for (const project of ['WEB', 'MOBILE']) {
        expect(actionOf(project, 'CREATE_ISSUES').id).toBe('role:Developers');
        expect(actionOf(project, 'MODIFY_REPORTER').title).toMatch(/^Grant Modify Reporter /);
      }
      // Administrators does grant Modify Reporter: the step must not say nothing in the scheme does.
      const grant = actionOf('WEB', 'MODIFY_REPORTER');
      expect(grant.steps.join(' ')).not.toMatch(/No role or group in the scheme grants it/);
      expect(grant.steps.join(' ')).toMatch(/that suits a sync user/);
      const role = plan.actions.find((a) => a.id === 'role:Developers')!;
      expect(role.findingIndexes.map((i) => report.findings[i]!.permission)).not.toContain(
        'MODIFY_REPORTER',
      );
    });
  });

  it('token view: projects missing the same permissions share one action', () => {
    const report = fixture({
      findings: ['A', 'B', 'C'].flatMap((key) => [
        finding({ project: key, permission: 'CREATE_ISSUES' }),
        ...(key === 'C' ? [finding({ project: key, permission: 'EDIT_ISSUES' })] : []),
      ]),
      projects: ['A', 'B', 'C'].map((key) => ({
        key,
        id: null,
        name: null,
        type: null,
        visible: true,
        exists: null,
        permissions: {},
      })),
      requiredPermissions: ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES'],
    });
    const plan = buildFixPlan(report);
    expect(plan.actions.map((a) => a.title)).toEqual([
      'Give Sync Bot Create Issues in A and B.',
      'Give Sync Bot Create Issues and Edit Issues in C.',
    ]);
    expect(plan.actions[1]!.findingCount).toBe(2);
  });

  it('the same remedy from several findings is one action; project keys are substituted', () => {
    const credentials = (code: 'CREDENTIALS_REJECTED' | 'ANONYMOUS_FALLBACK') =>
      finding({
        code,
        category: 'credentials',
        steps: ['Create a new API token.', 'Update the synchronizer.', 'Re-run this check.'],
        links: [{ label: 'API tokens', url: 'https://id.atlassian.com/x' }],
      });
    const notFound = (key: string) =>
      finding({
        code: 'PROJECT_NOT_FOUND',
        category: 'configuration',
        project: key,
        steps: [`Correct the project key ${key}.`, 'Re-run this check.'],
        links: [],
      });
    const report: Report = fixture({
      findings: [
        notFound('XA'),
        credentials('CREDENTIALS_REJECTED'),
        credentials('ANONYMOUS_FALLBACK'),
        notFound('XB'),
      ],
      projects: [],
    });
    const plan = buildFixPlan(report);
    expect(plan.actions.map((a) => [a.title, a.steps, a.codes])).toEqual([
      [
        'Create a new API token.',
        ['Update the synchronizer.'],
        ['CREDENTIALS_REJECTED', 'ANONYMOUS_FALLBACK'],
      ],
      ['Correct the project key XA and XB.', [], ['PROJECT_NOT_FOUND']],
    ]);
  });

  it('a step only an organisation or Jira administrator can take says so, and whom to ask (#24)', () => {
    const report: Report = fixture({
      findings: [
        finding({
          code: 'NO_PRODUCT_ACCESS',
          category: 'permissions',
          steps: [
            'Give Sync Bot access to Jira in Atlassian Administration.',
            'Re-run this check.',
          ],
          links: [],
        }),
        finding({
          code: 'PROJECT_ARCHIVED',
          category: 'configuration',
          project: 'OLD',
          steps: ['Restore OLD from the archive.', 'Re-run this check.'],
          links: [],
        }),
        finding({
          code: 'PROJECT_NOT_FOUND',
          category: 'configuration',
          project: 'XA',
          steps: ['Correct the project key XA.', 'Re-run this check.'],
          links: [],
        }),
      ],
      projects: [],
    });
    const steps = Object.fromEntries(
      buildFixPlan(report).actions.map((a) => [a.codes[0], a.steps] as const),
    );
    expect(steps['NO_PRODUCT_ACCESS']).toContain(
      'Only an organisation administrator can do this (Atlassian Administration): if you are not one, ask one.',
    );
    expect(steps['PROJECT_ARCHIVED']).toContain(
      'Only a Jira administrator can do this: if you administer only the project, ask one.',
    );
    // Correcting a key in the synchronizer needs no administrator: no note.
    expect(steps['PROJECT_NOT_FOUND']).toEqual([]);
  });

  it('long project lists are shortened in the title, kept whole in the action', () => {
    const keys = Array.from({ length: 12 }, (_, i) => `P${i}`);
    expect(projectList(keys)).toBe('P0, P1, P2, P3, P4, P5, P6, P7 and 4 more projects');
  });

  it('CLI text and Markdown show the plan before the findings', () => {
    const report = fixture();
    const text = renderText(report, { color: false, verbose: false });
    const md = renderMarkdown(report);
    expect(text.indexOf('FIX PLAN')).toBeGreaterThan(-1);
    expect(text.indexOf('FIX PLAN')).toBeLessThan(text.indexOf('FINDINGS'));
    expect(md.indexOf('### Fix plan')).toBeGreaterThan(-1);
    expect(md.indexOf('### Fix plan')).toBeLessThan(md.indexOf('### Findings'));
    expect(text).toContain('Fix: step');
    expect(text.match(/Re-run this check\./g)).toHaveLength(1);
  });

  it('a step continued by "and …" or "or …" is one step that does not end mid-sentence', () => {
    const steps = readableSteps({
      remedy: '',
      steps: [
        'Open the Create screen of Bug and add External ID to it,',
        'and make sure the sync user holds Set Issue Security in OPS,',
        'or stop mapping that field.',
        'Re-run this check.',
      ],
    });
    expect(steps).toEqual([
      'Open the Create screen of Bug and add External ID to it, and make sure the sync user holds Set Issue Security in OPS, or stop mapping that field.',
      'Re-run this check.',
    ]);
  });

  it('a clean report has no plan', () => {
    const plan = buildFixPlan(fixture({ findings: [], verdict: 'ready' }));
    expect(plan).toEqual({ actions: [], closing: null });
  });
  it('a shared permission scheme (#24): one grant step naming the scheme and every project it fixes, never to a broad role such as Users', async () => {
    // Backup restore needs Modify Reporter, which the demo's software scheme gives only to
    // Administrators; every project here uses that one scheme. Nora is in Developers in SYNC and
    // OPS, in Users in WEB, in no role elsewhere.
    const keys = ['SYNC', 'OPS', 'WEB', 'MOBILE', 'LEGAL', 'MKT', 'ZB0001', 'ZB0002', 'ZB0003'];
    const s: Scenario = {
      ...noraScenario(),
      projects: keys,
      permissions: [
        'BROWSE_PROJECTS',
        'CREATE_ISSUES',
        'EDIT_ISSUES',
        'MODIFY_REPORTER',
        'ASSIGN_ISSUES',
      ],
    };
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, { mode: 'admin' });
      const plan = buildFixPlan(report);
      const grants = plan.actions.filter((a) => a.id.startsWith('grant:'));
      expect(grants).toHaveLength(1);
      const grant = grants[0]!;
      expect(grant.title).toMatch(
        /^Grant Modify Reporter to project role Developers in permission scheme “[^”]+”, which /,
      );
      expect([...grant.projects].sort()).toEqual([...keys].sort());
      // No step grants anything to the Users role, nor adds Nora to it.
      for (const action of plan.actions) expect(action.title).not.toMatch(/role Users\b/);
      // Nora gets Developers where she lacks it; the grant then reaches her everywhere.
      const role = plan.actions.find((a) => a.id === 'role:Developers');
      expect([...(role?.projects ?? [])].sort()).toEqual(
        ['WEB', 'MOBILE', 'LEGAL', 'MKT', 'ZB0001', 'ZB0002', 'ZB0003'].sort(),
      );
      // Every finding is still answered by a step.
      const steps = planStepOfFindings(plan);
      expect(report.findings.every((f, i) => f.severity === 'info' || steps.has(i))).toBe(true);
    });
  });
});
