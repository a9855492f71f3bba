import { BUILT_IN_PROJECT_PERMISSIONS } from '../../../src/engine/permission-keys';
import type { Category, Finding, Severity, Verdict } from './types';

export type BannerAppearance = 'success' | 'error' | 'warning' | 'information';

export const VERDICTS: Readonly<
  Record<Verdict, { label: string; appearance: BannerAppearance; lozenge: LozengeAppearance }>
> = {
  ready: { label: 'Ready', appearance: 'success', lozenge: 'success' },
  'fix-credentials': { label: 'Fix credentials', appearance: 'error', lozenge: 'removed' },
  'fix-permissions': { label: 'Fix permissions', appearance: 'warning', lozenge: 'moved' },
  'fix-configuration': { label: 'Fix configuration', appearance: 'warning', lozenge: 'moved' },
  'fix-connectivity': { label: 'Fix connectivity', appearance: 'error', lozenge: 'removed' },
  inconclusive: { label: 'Inconclusive', appearance: 'information', lozenge: 'inprogress' },
};

export type LozengeAppearance = 'default' | 'inprogress' | 'moved' | 'new' | 'removed' | 'success';

export const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

export const SEVERITIES: Readonly<Record<Severity, { label: string; lozenge: LozengeAppearance }>> =
  {
    error: { label: 'Error', lozenge: 'removed' },
    warning: { label: 'Warning', lozenge: 'moved' },
    info: { label: 'Info', lozenge: 'default' },
  };

export const CATEGORIES: Readonly<Record<Category, string>> = {
  connectivity: 'Connectivity',
  credentials: 'Credentials',
  configuration: 'Configuration',
  permissions: 'Permissions',
  transient: 'Temporary problem',
};

/** Findings, most severe first; the engine's order is kept within a severity. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || a.i - b.i)
    .map(({ f }) => f);
}

const ABBREVIATIONS = /(?:\b(?:e\.g|i\.e|etc|vs|approx|incl)\.)$/i;

/**
 * Splits a remedy into ordered steps: explicit lines or numbered items when the engine wrote
 * them, otherwise one step per sentence (the first is the headline fix).
 */
export function remedySteps(remedy: string): string[] {
  const text = remedy.trim();
  if (!text) return [];
  const lines = text
    .split(/\r?\n+/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length > 1) return lines.map(stripNumbering).filter(Boolean);
  const numbered = text.split(/\s+(?=\(?\d{1,2}[.)]\s)/);
  if (numbered.length > 1 && /^\(?1[.)]\s/.test(numbered[0] ?? '')) {
    return numbered.map(stripNumbering).filter(Boolean);
  }
  const steps: string[] = [];
  let current = '';
  for (const piece of text.split(/(?<=[.!?])\s+(?=["'(“]?[A-Z0-9])/)) {
    current = current ? `${current} ${piece}` : piece;
    if (!ABBREVIATIONS.test(current)) {
      steps.push(current);
      current = '';
    }
  }
  if (current) steps.push(current);
  return steps;
}

/**
 * The steps of a finding as a person reads them: an alternative the engine wrote as its own step
 * ("…," then "or …") joins the step it is an alternative to.
 */
export function findingSteps(finding: { steps?: string[]; remedy: string }): string[] {
  const raw = finding.steps?.length ? finding.steps : remedySteps(finding.remedy);
  const out: string[] = [];
  for (const step of raw) {
    const prev = out[out.length - 1];
    if (prev !== undefined && /^or\b/i.test(step)) {
      out[out.length - 1] = `${prev.replace(/[,;]\s*$/, '')}, ${step}`;
    } else {
      out.push(step);
    }
  }
  return out;
}

function stripNumbering(step: string): string {
  return step.replace(/^(?:\(?\d{1,2}[.)]|[-*•])\s+/, '').trim();
}

const PERMISSION_LABELS: Readonly<Record<string, string>> = {
  ADD_COMMENTS: 'Add comments',
  ADMINISTER_PROJECTS: 'Administer projects',
  ASSIGN_ISSUES: 'Assign issues',
  ASSIGNABLE_USER: 'Assignable user',
  BROWSE_PROJECTS: 'Browse projects',
  CLOSE_ISSUES: 'Close issues',
  CREATE_ATTACHMENTS: 'Create attachments',
  CREATE_ISSUES: 'Create issues',
  DELETE_ALL_ATTACHMENTS: 'Delete all attachments',
  DELETE_ALL_COMMENTS: 'Delete all comments',
  DELETE_ISSUES: 'Delete issues',
  DELETE_OWN_ATTACHMENTS: 'Delete own attachments',
  DELETE_OWN_COMMENTS: 'Delete own comments',
  EDIT_ALL_COMMENTS: 'Edit all comments',
  EDIT_ISSUES: 'Edit issues',
  EDIT_OWN_COMMENTS: 'Edit own comments',
  LINK_ISSUES: 'Link issues',
  MANAGE_WATCHERS: 'Manage watchers',
  MODIFY_REPORTER: 'Modify reporter',
  MOVE_ISSUES: 'Move issues',
  RESOLVE_ISSUES: 'Resolve issues',
  SCHEDULE_ISSUES: 'Schedule issues',
  SET_ISSUE_SECURITY: 'Set issue security',
  TRANSITION_ISSUES: 'Transition issues',
  VIEW_DEV_TOOLS: 'View development tools',
  VIEW_READONLY_WORKFLOW: 'View read-only workflow',
  VIEW_VOTERS_AND_WATCHERS: 'View voters and watchers',
  WORK_ON_ISSUES: 'Work on issues',
  EDIT_ALL_WORKLOGS: 'Edit all worklogs',
  EDIT_OWN_WORKLOGS: 'Edit own worklogs',
  DELETE_ALL_WORKLOGS: 'Delete all worklogs',
  DELETE_OWN_WORKLOGS: 'Delete own worklogs',
  EDIT_WORKFLOW: 'Edit workflows',
  EDIT_ISSUE_LAYOUT: 'Edit issue layouts',
  MANAGE_SPRINTS_PERMISSION: 'Manage sprints',
  SERVICEDESK_AGENT: 'Service Management agent',
};

export { DEFAULT_PERMISSIONS } from '../../../src/engine/permission-keys';

/** Jira's built-in project permissions, in the engine's order. */
export const KNOWN_PERMISSIONS: readonly string[] = BUILT_IN_PROJECT_PERMISSIONS;

export function permissionLabel(key: string): string {
  const known = PERMISSION_LABELS[key];
  if (known) return known;
  const words = key.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
