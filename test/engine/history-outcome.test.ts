/**
 * History tells the truth (#24): a stored run shows names (as Jira shows them to the reader), not
 * account IDs, in its sentences; its History verdict is its headline (qualified, cancelled).
 */
import { withPeopleNames } from '../../src/engine/presentation/people';
import { runOutcome, verdictHeadline } from '../../src/engine/presentation/headline';
import { withoutPersonalData } from '../../src/history/privacy';
import { mergeBatchReports } from '../../src/engine/run/merge-batches';
import { finding, report } from '../cli/report-fixture';

const NORA = '712020:0a1b2c3d-0000-4000-a000-000000000102';

function stored() {
  const live = report({
    subject: {
      accountId: NORA,
      displayName: 'Nora Partner',
      email: 'nora@acme.example',
      active: true,
      accountType: 'atlassian',
    },
    tokenIdentity: {
      accountId: NORA,
      displayName: 'Nora Partner',
      email: 'nora@acme.example',
      acceptedAt: 'site',
    },
    findings: [
      finding({
        message: 'Nora Partner <nora@acme.example> lacks Create Issues in project ABC.',
        steps: ['Add Nora Partner to project role Developers in ABC.', 'Re-run this check.'],
        remedy: 'Add Nora Partner to project role Developers in ABC. Re-run this check.',
        project: 'ABC',
        permission: 'CREATE_ISSUES',
      }),
    ],
  });
  return withoutPersonalData(live, { tokenEmail: 'nora@acme.example' });
}

describe('a stored run shown to a reader', () => {
  it('the history stores account IDs only; shown, every sentence names the person again', () => {
    const kept = stored();
    expect(JSON.stringify(kept)).not.toContain('Nora');
    expect(kept.findings[0]?.message).toContain(NORA);
    const shown = withPeopleNames(kept, { [NORA]: { displayName: 'Nora Partner' } });
    expect(shown.findings[0]?.message).toBe('Nora Partner lacks Create Issues in project ABC.');
    expect(shown.findings[0]?.steps[0]).toBe('Add Nora Partner to project role Developers in ABC.');
    expect(shown.subject).toMatchObject({ accountId: NORA, displayName: 'Nora Partner' });
    expect(JSON.stringify(shown.findings)).not.toContain(NORA);
  });

  it('a reader Jira shows no name gets a role word, never a raw account ID in a sentence', () => {
    const shown = withPeopleNames(stored(), { [NORA]: { displayName: null } });
    expect(shown.findings[0]?.message).toBe('The sync user lacks Create Issues in project ABC.');
    expect(JSON.stringify(shown.findings)).not.toContain(NORA);
    // The identifier itself stays where it is one.
    expect(shown.subject?.accountId).toBe(NORA);
  });
});

describe('the History verdict is the run’s headline', () => {
  it('a qualified Ready is not a green Ready', () => {
    const r = report({ verdict: 'ready', findings: [] });
    const outcome = runOutcome(r);
    expect(outcome.tone).toBe('qualified');
    expect(outcome.headline).toBe(verdictHeadline(r));
    expect(outcome.headline).toMatch(/^Credentials ready — permissions partly tested/);
  });

  it('a cancelled run says so, with the projects its entry holds', () => {
    const checked = report({ verdict: 'ready', findings: [] });
    const merged = mergeBatchReports([
      { keys: ['ABC'], report: checked },
      { keys: ['DEF', 'GHI'], report: null, notChecked: 'cancelled' },
    ]);
    expect(runOutcome(merged)).toEqual({
      label: 'Cancelled',
      tone: 'cancelled',
      headline: 'Cancelled after 1 of 3 projects',
    });
  });
});
