import { BUILT_IN_PROJECT_PERMISSIONS } from '@shared/engine/knowledge/permission-keys';
import { VERDICT_TITLES } from '@shared/engine/presentation/headline';
import type { Category, Severity, Verdict } from './types';

export type BannerAppearance = 'success' | 'error' | 'warning' | 'information';

/** The verdict's title (the words the CLI and the Markdown use) and its colours. */
function verdict(v: Verdict, appearance: BannerAppearance, lozenge: LozengeAppearance) {
  return { label: VERDICT_TITLES[v], appearance, lozenge };
}

export const VERDICTS: Readonly<
  Record<Verdict, { label: string; appearance: BannerAppearance; lozenge: LozengeAppearance }>
> = {
  ready: verdict('ready', 'success', 'success'),
  'fix-credentials': verdict('fix-credentials', 'error', 'removed'),
  // Every fix-* verdict blocks the integration: all of them use the error colour.
  'fix-permissions': verdict('fix-permissions', 'error', 'removed'),
  'fix-configuration': verdict('fix-configuration', 'error', 'removed'),
  'fix-connectivity': verdict('fix-connectivity', 'error', 'removed'),
  // Not tested is not fine: a warning, never green and never the error of a known fault.
  inconclusive: verdict('inconclusive', 'warning', 'moved'),
};

export type LozengeAppearance = 'default' | 'inprogress' | 'moved' | 'new' | 'removed' | 'success';

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
export { sortFindingsBySeverity as sortFindings } from '@shared/engine/findings/order';

export { DEFAULT_PERMISSIONS } from '@shared/engine/knowledge/permission-keys';

/** Jira's built-in project permissions, in the engine's order. */
export const KNOWN_PERMISSIONS: readonly string[] = BUILT_IN_PROJECT_PERMISSIONS;

/** The permission as Jira's screens name it ("Create Issues"); the same words as the CLI. */
export { permissionName as permissionLabel } from '@shared/engine/presentation/permission-names';

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
