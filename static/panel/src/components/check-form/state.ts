/**
 * The Check form's state: one pure reducer with a slice per section (sync user, projects,
 * permissions, fields, token), the errors shown next to each field, and what the form sends.
 * No React and no I/O here, so every transition is unit-tested (test/panel/check-form-state.test.ts).
 */
import { resolvePermissionKey } from '@shared/engine/knowledge/permission-keys';
import { presetWithPermissions, PRESETS, type PresetName } from '@shared/engine/knowledge/presets';
import {
  defaultFields,
  isSyncName,
  MAX_SYNC_NAME_LENGTH,
  MAX_SYNC_NAMES,
  uniqueNames,
} from '@shared/engine/model/sync-targets';
import { DEFAULT_PERMISSIONS } from '../../labels';
import type { Finding, FormField, RunCheckPayload } from '../../types';

/** The resolver checks at most this many permissions in one run. */
export const MAX_PERMISSIONS = 20;

export interface UserOption {
  label: string;
  value: string;
  email?: string;
  detail?: string;
}

export interface ProjectOption {
  label: string;
  value: string;
}

/** What another tab (the triage) knows about the failing call; `id` changes per request. */
export interface CheckPrefill {
  id: number;
  project: string | null;
  /** An email address seen in the message: chosen only when Jira finds exactly one user. */
  user: string | null;
}

export type PresetChoice = PresetName | 'custom';

export type FormErrors = Partial<Record<FormField, string>>;

/**
 * How the projects are given: chosen one by one (one check, up to 100), or for a run of many
 * projects checked in batches (admin page only, up to 1000): pasted keys, a project category,
 * or every project.
 */
export type ProjectsMode = 'choose' | 'keys' | 'category' | 'every';

export interface CategoryOption {
  label: string;
  /** The project category ID. */
  value: string;
}

/** The projects section's slice: what is chosen (the section owns how it is chosen). */
export interface ProjectsState {
  mode: ProjectsMode;
  chosen: ProjectOption[];
  /** Pasted keys (mode 'keys'), as typed: the resolver splits and checks them. */
  keysText: string;
  category: CategoryOption | null;
}

/** What startRun resolves into project keys (see src/resolvers/project-selection.ts). */
export type ManySelection =
  { kind: 'keys'; text: string } | { kind: 'category'; categoryId: string } | { kind: 'every' };

export interface PermissionsState {
  preset: PresetChoice;
  /** Permission keys, in the order chosen. */
  keys: string[];
  explainAll: boolean;
}

/** What the synchronizer sets (like --fields) and on which issue types (like --issue-types). */
export interface FieldsState {
  /** Field IDs or names as Jira shows them, as given. */
  names: string[];
  /** Changed by the admin: sent as stated (a required field outside them is then an error). */
  edited: boolean;
  /** Issue type names; none: every issue type the integration can create. */
  issueTypes: string[];
}

export interface TokenState {
  enabled: boolean;
  email: string;
  /** Kept only until the run is sent (see `token/sent`). */
  apiToken: string;
  viaGateway: boolean;
}

export interface CheckFormState {
  user: UserOption | null;
  projects: ProjectsState;
  permissions: PermissionsState;
  fields: FieldsState;
  token: TokenState;
  errors: FormErrors;
}

export type CheckFormAction =
  | { type: 'user/set'; user: UserOption | null }
  | { type: 'projects/set'; projects: ProjectOption[] }
  | { type: 'projects/mode'; mode: ProjectsMode }
  | { type: 'projects/keys'; text: string }
  | { type: 'projects/category'; category: CategoryOption | null }
  | { type: 'preset/choose'; preset: PresetChoice }
  | { type: 'permissions/set'; keys: string[] }
  /** A typed key or alias ("create"); ignored unless it names a new permission within the limit. */
  | { type: 'permissions/add'; text: string }
  | { type: 'explain/set'; all: boolean }
  | { type: 'fields/set'; names: string[] }
  /** Typed or pasted text: one name, or several separated by commas or line breaks. */
  | { type: 'fields/add'; text: string }
  | { type: 'issueTypes/set'; names: string[] }
  | { type: 'issueTypes/add'; text: string }
  | { type: 'token/enable'; on: boolean }
  | { type: 'token/email'; email: string }
  | { type: 'token/value'; token: string }
  | { type: 'token/via-gateway'; on: boolean }
  /** The run was sent: the token is gone from the state, a second run needs it pasted again. */
  | { type: 'token/sent' }
  /** The form's own validation on submit: replaces every error. */
  | { type: 'errors/validated'; errors: FormErrors }
  /** The resolver's refusal, by field: added to what is shown. */
  | { type: 'errors/server'; errors: FormErrors };

/** The preset whose permissions are exactly these (in any order), else custom. */
export function matchingPreset(keys: readonly string[]): PresetChoice {
  return presetWithPermissions(keys) ?? 'custom';
}

export function initialCheckFormState(lockedProject: string | null): CheckFormState {
  const preset = matchingPreset(DEFAULT_PERMISSIONS);
  return {
    user: null,
    projects: {
      mode: 'choose',
      chosen: lockedProject ? [{ label: lockedProject, value: lockedProject }] : [],
      keysText: '',
      category: null,
    },
    permissions: { preset, keys: [...DEFAULT_PERMISSIONS], explainAll: false },
    fields: { names: presetFields(preset), edited: false, issueTypes: [] },
    token: { enabled: false, email: '', apiToken: '', viaGateway: false },
    errors: {},
  };
}

function withoutErrors(errors: FormErrors, ...fields: FormField[]): FormErrors {
  const next = { ...errors };
  for (const field of fields) next[field] = undefined;
  return next;
}

/** The fields a preset fills in (Custom: summary and description, what is checked without any). */
function presetFields(preset: PresetChoice): string[] {
  return [...defaultFields(preset === 'custom' ? undefined : preset)];
}

/** Names typed or pasted into a list: split at commas and line breaks, added once each. */
export function withNames(current: readonly string[], text: string): string[] {
  return uniqueNames([...current, ...text.split(/[,\n\r]+/)]);
}

/**
 * What a finished run found wrong with the form's own values (#24): a permission key this site
 * does not have, or an issue type no create screen offers, is an error on its field, in the
 * finding's words, not only a finding further down the page.
 */
export function reportFieldErrors(
  findings: readonly Pick<Finding, 'code' | 'message'>[],
): FormErrors {
  const on = (code: Finding['code']) =>
    findings
      .filter((f) => f.code === code)
      .map((f) => f.message)
      .join(' ');
  const errors: FormErrors = {};
  const permissions = on('UNKNOWN_PERMISSION_KEY');
  if (permissions) errors.permissions = permissions;
  const issueTypes = on('UNKNOWN_ISSUE_TYPE');
  if (issueTypes) errors.issueTypes = issueTypes;
  return errors;
}

/** A typed permission key or alias that would be added: new, valid and within the limit. */
export function addablePermission(keys: readonly string[], text: string): string | null {
  const key = resolvePermissionKey(text);
  if (!key || keys.length >= MAX_PERMISSIONS || keys.includes(key)) return null;
  return key;
}

export function checkFormReducer(state: CheckFormState, action: CheckFormAction): CheckFormState {
  switch (action.type) {
    case 'user/set':
      return { ...state, user: action.user, errors: withoutErrors(state.errors, 'user') };
    case 'projects/set':
      return {
        ...state,
        // Another tab's project (or a pick) is a choice of projects, whatever was shown before.
        projects: { ...state.projects, mode: 'choose', chosen: action.projects },
        errors: withoutErrors(state.errors, 'projects'),
      };
    case 'projects/mode':
      return {
        ...state,
        projects: { ...state.projects, mode: action.mode },
        errors: withoutErrors(state.errors, 'projects'),
      };
    case 'projects/keys':
      return {
        ...state,
        projects: { ...state.projects, keysText: action.text },
        errors: withoutErrors(state.errors, 'projects'),
      };
    case 'projects/category':
      return {
        ...state,
        projects: { ...state.projects, category: action.category },
        errors: withoutErrors(state.errors, 'projects'),
      };
    case 'preset/choose':
      if (action.preset === 'custom')
        return { ...state, permissions: { ...state.permissions, preset: 'custom' } };
      return {
        ...state,
        permissions: {
          ...state.permissions,
          preset: action.preset,
          keys: PRESETS[action.preset].permissions.map((p) => p.key),
        },
        // The preset fills in its fields, as it fills in its permissions.
        fields: { ...state.fields, names: presetFields(action.preset), edited: false },
        errors: withoutErrors(state.errors, 'permissions', 'fields'),
      };
    case 'permissions/set':
      return withPermissions(state, action.keys);
    case 'permissions/add': {
      const key = addablePermission(state.permissions.keys, action.text);
      return key ? withPermissions(state, [...state.permissions.keys, key]) : state;
    }
    case 'explain/set':
      return { ...state, permissions: { ...state.permissions, explainAll: action.all } };
    case 'fields/set':
      return withFields(state, { names: uniqueNames(action.names) });
    case 'fields/add':
      return withFields(state, { names: withNames(state.fields.names, action.text) });
    case 'issueTypes/set':
      return withFields(state, { issueTypes: uniqueNames(action.names) }, 'issueTypes');
    case 'issueTypes/add':
      return withFields(
        state,
        { issueTypes: withNames(state.fields.issueTypes, action.text) },
        'issueTypes',
      );
    case 'token/enable':
      if (action.on) return { ...state, token: { ...state.token, enabled: true } };
      return {
        ...state,
        token: { ...state.token, enabled: false, email: '', apiToken: '' },
        errors: withoutErrors(state.errors, 'email', 'token'),
      };
    case 'token/email':
      return { ...state, token: { ...state.token, email: action.email } };
    case 'token/value':
      return { ...state, token: { ...state.token, apiToken: action.token } };
    case 'token/via-gateway':
      return { ...state, token: { ...state.token, viaGateway: action.on } };
    case 'token/sent':
      return { ...state, token: { ...state.token, apiToken: '' } };
    case 'errors/validated':
      return { ...state, errors: action.errors };
    case 'errors/server':
      return { ...state, errors: { ...state.errors, ...action.errors } };
  }
}

function withPermissions(state: CheckFormState, keys: string[]): CheckFormState {
  return {
    ...state,
    permissions: { ...state.permissions, keys, preset: matchingPreset(keys) },
    errors: withoutErrors(state.errors, 'permissions'),
  };
}

function withFields(
  state: CheckFormState,
  change: Partial<FieldsState>,
  field: 'fields' | 'issueTypes' = 'fields',
): CheckFormState {
  return {
    ...state,
    fields: { ...state.fields, ...change, ...(field === 'fields' ? { edited: true } : {}) },
    errors: withoutErrors(state.errors, field),
  };
}

/**
 * The fields to send as stated, or undefined when the form shows exactly what the resolver uses
 * without them (the preset's defaults, untouched): those stay defaults, as with the CLI's
 * --preset, so a required field outside them is a warning, not an error.
 */
export function statedFields(fields: FieldsState, preset: PresetChoice): string[] | undefined {
  if (fields.names.length === 0) return undefined;
  const defaults = presetFields(preset);
  const same =
    fields.names.length === defaults.length &&
    fields.names.every((n, i) => n.toLowerCase() === defaults[i]?.toLowerCase());
  return !fields.edited && same ? undefined : [...fields.names];
}

/** A list of names: at most MAX_SYNC_NAMES, each printable and not too long. */
function nameListError(names: readonly string[], what: string, one: string): string | undefined {
  if (names.length > MAX_SYNC_NAMES)
    return `Give at most ${MAX_SYNC_NAMES} ${what}: one check covers up to ${MAX_SYNC_NAMES}.`;
  const bad = names.find((n) => !isSyncName(n));
  if (bad !== undefined)
    return `“${bad.slice(0, 40)}” is not ${one} (at most ${MAX_SYNC_NAME_LENGTH} printable characters).`;
  return undefined;
}

/** What the form checks before sending; `tokenCheck`: this build takes a token. */
export function validateCheckForm(state: CheckFormState, tokenCheck: boolean): FormErrors {
  const e: FormErrors = {};
  const { user, projects, permissions, fields, token } = state;
  if (!user) e.user = 'Choose the sync user the integration signs in as.';
  if (projects.mode === 'choose' && projects.chosen.length === 0)
    e.projects = 'Choose at least one project the integration works in.';
  if (projects.mode === 'keys' && projects.keysText.trim() === '')
    e.projects = 'Paste at least one project key, such as WEB, OPS.';
  if (projects.mode === 'category' && !projects.category)
    e.projects = 'Choose the project category to check.';
  if (permissions.keys.length === 0) e.permissions = 'Choose at least one permission to check.';
  else if (permissions.keys.length > MAX_PERMISSIONS)
    e.permissions = `Choose at most ${MAX_PERMISSIONS} permissions: one check covers up to ${MAX_PERMISSIONS}.`;
  const fieldsError = nameListError(fields.names, 'fields', 'a field ID or name');
  if (fieldsError) e.fields = fieldsError;
  const typesError = nameListError(fields.issueTypes, 'issue types', 'an issue type name');
  if (typesError) e.issueTypes = typesError;
  if (token.enabled && tokenCheck) {
    if (!token.email.trim()) e.email = 'Enter the email address the integration signs in with.';
    else if (!/^[^\s@]+@[^\s@]+$/.test(token.email.trim()))
      e.email = 'Enter a valid email address.';
    if (!token.apiToken.trim()) e.token = 'Paste the API token the integration uses.';
  }
  return e;
}

/** The resolver's payload for this state (the form validated it first). */
export function checkPayload(
  state: CheckFormState,
  user: UserOption,
  tokenCheck: boolean,
): RunCheckPayload {
  const { projects, permissions, fields, token } = state;
  const payload: RunCheckPayload = {
    user: { accountId: user.value },
    projects: projects.chosen.map((p) => p.value),
    permissions: [...permissions.keys],
  };
  if (permissions.preset !== 'custom') payload.preset = permissions.preset;
  const stated = statedFields(fields, permissions.preset);
  if (stated) payload.fields = stated;
  if (fields.issueTypes.length > 0) payload.issueTypes = [...fields.issueTypes];
  if (permissions.explainAll) payload.explain = 'all';
  if (token.enabled && tokenCheck) {
    payload.token = {
      email: token.email,
      token: token.apiToken,
      expectAccountId: user.value,
      via: token.viaGateway ? 'gateway' : 'site',
    };
  }
  return payload;
}

/** A run of many projects (checked in batches), or null for projects chosen one by one. */
export function manySelection(projects: ProjectsState): ManySelection | null {
  switch (projects.mode) {
    case 'choose':
      return null;
    case 'keys':
      return { kind: 'keys', text: projects.keysText };
    case 'category':
      return projects.category ? { kind: 'category', categoryId: projects.category.value } : null;
    case 'every':
      return { kind: 'every' };
  }
}

/** What the form is set up to check (for the host command and the report import). */
export interface CheckSelection {
  user: UserOption;
  projects: string[];
  permissions: string[];
  /** The preset whose permissions are exactly these, if any. */
  preset: PresetName | null;
  explain: 'missing' | 'all';
  /** The fields as stated (like --fields); absent: the preset's defaults. */
  fields?: string[];
  /** Like --issue-types; absent: every issue type. */
  issueTypes?: string[];
}

/** The selection once a user, projects and permissions are chosen; null until then. */
export function checkSelection(
  user: UserOption | null,
  projects: ProjectsState,
  permissions: PermissionsState,
  fields: FieldsState,
): CheckSelection | null {
  // The host command and the report import name their projects: chosen ones only.
  if (!user || projects.mode !== 'choose' || projects.chosen.length === 0) return null;
  if (permissions.keys.length === 0) return null;
  const stated = statedFields(fields, permissions.preset);
  return {
    user,
    projects: projects.chosen.map((p) => p.value),
    permissions: [...permissions.keys],
    preset: permissions.preset === 'custom' ? null : permissions.preset,
    explain: permissions.explainAll ? 'all' : 'missing',
    ...(stated ? { fields: stated } : {}),
    ...(fields.issueTypes.length > 0 ? { issueTypes: [...fields.issueTypes] } : {}),
  };
}
