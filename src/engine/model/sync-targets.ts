/**
 * What the synchronizer sets and where: the fields, issue types and operations of a run, from
 * what an entry point was given (the CLI's --preset/--fields/--issue-types, the resolver's
 * preset/fields/issueTypes). One rule for every entry point, so the panel checks what the CLI
 * checks.
 */
import type { DiagnosisInput } from './input';
import { PRESETS, presetOperations, type PresetName } from '../knowledge/presets';

/** What a synchronizer sets when nothing else is said: every create and edit sends these. */
export const DEFAULT_FIELDS = ['summary', 'description'] as const;

/** Fields or issue types named in one run at most, and the length of one name. */
export const MAX_SYNC_NAMES = 50;
export const MAX_SYNC_NAME_LENGTH = 255;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A field or issue type name as Jira shows it, or a field ID: printable and not too long. */
export function isSyncName(name: string): boolean {
  return name.length > 0 && name.length <= MAX_SYNC_NAME_LENGTH && !CONTROL.test(name);
}

/**
 * Trimmed, without empty entries, de-duplicated case-insensitively (the first spelling kept:
 * names are matched case-insensitively on the site, IDs exactly).
 */
export function uniqueNames(names: readonly string[]): string[] {
  const result: string[] = [];
  for (const raw of names) {
    const name = raw.trim();
    if (name !== '' && !result.some((n) => n.toLowerCase() === name.toLowerCase()))
      result.push(name);
  }
  return result;
}

/** The fields a run checks when none are stated: the preset's, else summary and description. */
export function defaultFields(preset: PresetName | undefined): readonly string[] {
  const own = preset ? PRESETS[preset].fields : [];
  return own.length ? own : DEFAULT_FIELDS;
}

export interface SyncTargetsRequest {
  preset?: PresetName | undefined;
  /** The permission keys the run checks (operations follow from them and the preset). */
  permissions: readonly string[];
  /** Named explicitly: a required field outside them then fails the create (an error). */
  fields?: readonly string[] | undefined;
  issueTypes?: readonly string[] | undefined;
}

/**
 * Explicit fields win; otherwise the preset's fields, as defaults (a required field outside them
 * is a warning); otherwise none here, and the engine checks summary and description.
 */
export function syncTargets(
  request: SyncTargetsRequest,
): Pick<DiagnosisInput, 'operations' | 'fields' | 'issueTypes'> {
  const { preset, permissions, fields, issueTypes } = request;
  const presetFields = preset ? PRESETS[preset].fields : [];
  return {
    ...(preset ? { operations: presetOperations(preset, permissions) } : {}),
    ...(fields?.length
      ? { fields: { names: [...fields], given: true } }
      : presetFields.length
        ? { fields: { names: [...presetFields], given: false } }
        : {}),
    ...(issueTypes?.length ? { issueTypes: [...issueTypes] } : {}),
  };
}
