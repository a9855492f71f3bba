/** The Check form's reducer and what it sends: pure, so every transition is tested here. */
import { PRESETS } from '../../src/engine/knowledge/presets';
import {
  checkFormReducer,
  checkPayload,
  checkSelection,
  initialCheckFormState,
  manySelection,
  MAX_PERMISSIONS,
  reportFieldErrors,
  validateCheckForm,
  type CheckFormAction,
  type CheckFormState,
  type UserOption,
} from '../../static/panel/src/components/check-form/state';

const NORA: UserOption = {
  label: 'Nora Partner',
  value: '557058:nora',
  email: 'nora@acme.example',
};

function run(...actions: CheckFormAction[]): CheckFormState {
  return actions.reduce(checkFormReducer, initialCheckFormState(null));
}

describe('initial state', () => {
  it('starts on the default permissions, matched to their preset, with no token', () => {
    const state = initialCheckFormState(null);
    expect(state.permissions.preset).toBe('sync-basic');
    expect(state.permissions.keys).toEqual(PRESETS['sync-basic'].permissions.map((p) => p.key));
    expect(state.projects.chosen).toEqual([]);
    expect(state.token).toEqual({ enabled: false, email: '', apiToken: '', viaGateway: false });
  });

  it('a project settings page starts with its own project', () => {
    expect(initialCheckFormState('HR').projects.chosen).toEqual([{ label: 'HR', value: 'HR' }]);
  });
});

describe('permissions and presets', () => {
  it('choosing a preset replaces the permissions and clears their error', () => {
    const state = run(
      { type: 'errors/validated', errors: { permissions: 'Choose at least one.' } },
      { type: 'preset/choose', preset: 'backup-read' },
    );
    expect(state.permissions.keys).toEqual(['BROWSE_PROJECTS', 'VIEW_VOTERS_AND_WATCHERS']);
    expect(state.errors.permissions).toBeUndefined();
  });

  it('choosing Custom keeps the permissions', () => {
    const before = run();
    const state = checkFormReducer(before, { type: 'preset/choose', preset: 'custom' });
    expect(state.permissions).toEqual({ ...before.permissions, preset: 'custom' });
  });

  it('changing the permissions makes the preset Custom, or the preset they match', () => {
    const custom = run({ type: 'permissions/set', keys: ['BROWSE_PROJECTS'] });
    expect(custom.permissions.preset).toBe('custom');
    const matched = run({
      type: 'permissions/set',
      keys: ['VIEW_VOTERS_AND_WATCHERS', 'BROWSE_PROJECTS'],
    });
    expect(matched.permissions.preset).toBe('backup-read');
  });

  it('a typed alias adds its key once, within the limit; anything else changes nothing', () => {
    const added = run(
      { type: 'permissions/set', keys: [] },
      { type: 'permissions/add', text: 'comment' },
    );
    expect(added.permissions.keys).toEqual(['ADD_COMMENTS']);
    expect(checkFormReducer(added, { type: 'permissions/add', text: 'ADD_COMMENTS' })).toBe(added);
    expect(checkFormReducer(added, { type: 'permissions/add', text: 'not a key!' })).toBe(added);
    const full = run({
      type: 'permissions/set',
      keys: Array.from({ length: MAX_PERMISSIONS }, (_, i) => `APP_PERMISSION_${i}`),
    });
    expect(checkFormReducer(full, { type: 'permissions/add', text: 'browse' })).toBe(full);
  });
});

describe('fields and issue types', () => {
  it('the preset fills in its fields, untouched: sent as the preset’s defaults, not as stated', () => {
    const state = run(
      { type: 'user/set', user: NORA },
      { type: 'preset/choose', preset: 'backup-restore' },
    );
    expect(state.fields).toEqual({
      names: ['summary', 'description', 'reporter', 'assignee'],
      edited: false,
      issueTypes: [],
    });
    const payload = checkPayload(state, NORA, true);
    expect(payload.preset).toBe('backup-restore');
    expect(payload).not.toHaveProperty('fields');
    expect(payload).not.toHaveProperty('issueTypes');
  });

  it('fields the admin changes are sent as stated; pasted lists are split and de-duplicated', () => {
    const state = run(
      { type: 'fields/add', text: 'Team, customfield_10010\nteam' },
      { type: 'issueTypes/add', text: 'Bug,Task' },
    );
    expect(state.fields.names).toEqual(['summary', 'description', 'Team', 'customfield_10010']);
    expect(state.fields.edited).toBe(true);
    const payload = checkPayload(state, NORA, true);
    expect(payload.fields).toEqual(['summary', 'description', 'Team', 'customfield_10010']);
    expect(payload.issueTypes).toEqual(['Bug', 'Task']);
    // Choosing a preset fills in its own again.
    const reset = checkFormReducer(state, { type: 'preset/choose', preset: 'sync-basic' });
    expect(reset.fields.names).toEqual(['summary', 'description']);
    expect(checkPayload(reset, NORA, true)).not.toHaveProperty('fields');
  });

  it('a preset’s fields left under Custom permissions are sent as stated unless they are the defaults', () => {
    const twoWay = run(
      { type: 'preset/choose', preset: 'two-way-sync' },
      { type: 'permissions/set', keys: ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'ASSIGN_ISSUES'] },
    );
    expect(twoWay.permissions.preset).toBe('custom');
    const payload = checkPayload(twoWay, NORA, true);
    expect(payload).not.toHaveProperty('preset');
    expect(payload.fields).toEqual(['summary', 'description', 'assignee']);
    const basic = run({ type: 'permissions/set', keys: ['BROWSE_PROJECTS'] });
    expect(checkPayload(basic, NORA, true)).not.toHaveProperty('fields');
  });

  it('changing a list clears its own error; too many or unprintable names are refused before sending', () => {
    const many = Array.from({ length: 51 }, (_, i) => `customfield_${10000 + i}`).join(',');
    const state = run(
      { type: 'fields/add', text: many },
      { type: 'issueTypes/set', names: ['Bug\u0007'] },
    );
    const errors = validateCheckForm(state, true);
    expect(errors.fields).toBe('Give at most 50 fields: one check covers up to 50.');
    expect(errors.issueTypes).toMatch(
      /is not an issue type name \(at most 255 printable characters\)/,
    );
    const cleared = run(
      { type: 'errors/validated', errors },
      { type: 'fields/set', names: ['summary'] },
    );
    expect(cleared.errors.fields).toBeUndefined();
    expect(cleared.errors.issueTypes).toBe(errors.issueTypes);
  });
});

describe('errors', () => {
  it('a choice clears its own field’s error only', () => {
    const errors = { user: 'u', projects: 'p', permissions: 'x' };
    const state = run(
      { type: 'errors/validated', errors },
      { type: 'user/set', user: NORA },
      { type: 'projects/set', projects: [{ label: 'HR', value: 'HR' }] },
    );
    expect(state.errors).toEqual({ user: undefined, projects: undefined, permissions: 'x' });
  });

  it('validation replaces the errors; the resolver’s refusal adds to them', () => {
    const state = run(
      { type: 'errors/validated', errors: { user: 'u' } },
      { type: 'errors/validated', errors: { projects: 'p' } },
      { type: 'errors/server', errors: { permissions: 'x' } },
    );
    expect(state.errors).toEqual({ projects: 'p', permissions: 'x' });
  });
});

describe('the token', () => {
  it('turning the token check off forgets the email, the token and their errors', () => {
    const state = run(
      { type: 'token/enable', on: true },
      { type: 'token/email', email: 'sync@acme.example' },
      { type: 'token/value', token: 'secret' },
      { type: 'errors/server', errors: { email: 'e', token: 't' } },
      { type: 'token/enable', on: false },
    );
    expect(state.token).toEqual({ enabled: false, email: '', apiToken: '', viaGateway: false });
    expect(state.errors).toEqual({ email: undefined, token: undefined });
  });

  it('once sent, the token is gone from the state; the email stays', () => {
    const state = run(
      { type: 'token/enable', on: true },
      { type: 'token/email', email: 'sync@acme.example' },
      { type: 'token/value', token: 'secret' },
      { type: 'token/sent' },
    );
    expect(state.token.apiToken).toBe('');
    expect(state.token.email).toBe('sync@acme.example');
  });
});

describe('validation', () => {
  it('names every missing choice', () => {
    const state = run({ type: 'permissions/set', keys: [] });
    expect(validateCheckForm(state, true)).toEqual({
      user: 'Choose the sync user the integration signs in as.',
      projects: 'Choose at least one project the integration works in.',
      permissions: 'Choose at least one permission to check.',
    });
  });

  it('checks the email and token only when the token check is on and this build takes one', () => {
    const state = run(
      { type: 'user/set', user: NORA },
      { type: 'projects/set', projects: [{ label: 'HR', value: 'HR' }] },
      { type: 'token/enable', on: true },
      { type: 'token/email', email: 'not-an-address' },
    );
    expect(validateCheckForm(state, true)).toEqual({
      email: 'Enter a valid email address.',
      token: 'Paste the API token the integration uses.',
    });
    expect(validateCheckForm(state, false)).toEqual({});
  });
});

describe('what the form sends', () => {
  const chosen = run(
    { type: 'user/set', user: NORA },
    { type: 'projects/set', projects: [{ label: 'Human resources (HR)', value: 'HR' }] },
    { type: 'preset/choose', preset: 'backup-read' },
  );

  it('the payload carries the user, projects, preset and permissions; explain only when asked', () => {
    expect(checkPayload(chosen, NORA, true)).toEqual({
      user: { accountId: NORA.value },
      projects: ['HR'],
      permissions: ['BROWSE_PROJECTS', 'VIEW_VOTERS_AND_WATCHERS'],
      preset: 'backup-read',
    });
    const explained = checkFormReducer(chosen, { type: 'explain/set', all: true });
    expect(checkPayload(explained, NORA, true).explain).toBe('all');
  });

  it('the token goes only to a build that takes one, with the way the integration connects', () => {
    const withToken = [
      { type: 'token/enable', on: true },
      { type: 'token/email', email: 'sync@acme.example' },
      { type: 'token/value', token: 'secret' },
      { type: 'token/via-gateway', on: true },
    ] as const satisfies readonly CheckFormAction[];
    const state = withToken.reduce(checkFormReducer, chosen);
    expect(checkPayload(state, NORA, true).token).toEqual({
      email: 'sync@acme.example',
      token: 'secret',
      expectAccountId: NORA.value,
      via: 'gateway',
    });
    expect(checkPayload(state, NORA, false).token).toBeUndefined();
  });

  it('the selection (host command, report import) waits for a user and projects', () => {
    expect(checkSelection(null, chosen.projects, chosen.permissions, chosen.fields)).toBeNull();
    expect(checkSelection(NORA, chosen.projects, chosen.permissions, chosen.fields)).toEqual({
      user: NORA,
      projects: ['HR'],
      permissions: ['BROWSE_PROJECTS', 'VIEW_VOTERS_AND_WATCHERS'],
      preset: 'backup-read',
      explain: 'missing',
    });
  });
});

describe('projects for a run of many projects (#14)', () => {
  it('starts on projects chosen one by one; the other ways are a run of many projects', () => {
    expect(initialCheckFormState(null).projects.mode).toBe('choose');
    expect(manySelection(initialCheckFormState(null).projects)).toBeNull();
    const keys = run(
      { type: 'projects/mode', mode: 'keys' },
      { type: 'projects/keys', text: 'WEB, OPS' },
    );
    expect(manySelection(keys.projects)).toEqual({ kind: 'keys', text: 'WEB, OPS' });
    const every = run({ type: 'projects/mode', mode: 'every' });
    expect(manySelection(every.projects)).toEqual({ kind: 'every' });
    const category = run(
      { type: 'projects/mode', mode: 'category' },
      { type: 'projects/category', category: { label: 'Branch offices', value: '10100' } },
    );
    expect(manySelection(category.projects)).toEqual({ kind: 'category', categoryId: '10100' });
  });

  it('each way asks for what it needs, on the projects field', () => {
    const withUser = (...actions: CheckFormAction[]) =>
      validateCheckForm(run({ type: 'user/set', user: NORA }, ...actions), false);
    expect(withUser({ type: 'projects/mode', mode: 'keys' }).projects).toMatch(
      /Paste at least one/,
    );
    expect(
      withUser({ type: 'projects/mode', mode: 'keys' }, { type: 'projects/keys', text: ' WEB ' })
        .projects,
    ).toBeUndefined();
    expect(withUser({ type: 'projects/mode', mode: 'category' }).projects).toMatch(/category/);
    expect(withUser({ type: 'projects/mode', mode: 'every' }).projects).toBeUndefined();
  });

  it('typing keys or switching clears the server refusal of the field', () => {
    const refused = run(
      { type: 'projects/mode', mode: 'keys' },
      { type: 'errors/server', errors: { projects: 'This is not a project key: "1AB"' } },
    );
    expect(refused.errors.projects).toBeDefined();
    expect(
      checkFormReducer(refused, { type: 'projects/keys', text: 'AB' }).errors.projects,
    ).toBeUndefined();
    expect(
      checkFormReducer(refused, { type: 'projects/mode', mode: 'every' }).errors.projects,
    ).toBeUndefined();
  });

  it('another tab’s project switches back to projects chosen one by one', () => {
    const state = run(
      { type: 'projects/mode', mode: 'every' },
      { type: 'projects/set', projects: [{ label: 'Website (WEB)', value: 'WEB' }] },
    );
    expect(state.projects.mode).toBe('choose');
    expect(manySelection(state.projects)).toBeNull();
  });

  it('the host command and report import only follow projects chosen one by one', () => {
    const state = run(
      { type: 'user/set', user: NORA },
      { type: 'projects/set', projects: [{ label: 'Website (WEB)', value: 'WEB' }] },
    );
    expect(
      checkSelection(state.user, state.projects, state.permissions, state.fields)?.projects,
    ).toEqual(['WEB']);
    const many = checkFormReducer(state, { type: 'projects/mode', mode: 'every' });
    expect(checkSelection(many.user, many.projects, many.permissions, many.fields)).toBeNull();
  });
});

describe('what a run found wrong with the form (#24)', () => {
  it('a permission key this site does not have is an error on the permissions field, in the finding’s words', () => {
    const message =
      "CREAT_ISSUES is not a permission on this site (Jira's list of permissions does not include it), so it was not checked.";
    const errors = reportFieldErrors([
      { code: 'MISSING_PERMISSION', message: 'Sync Bot lacks Create Issues in ABC.' },
      { code: 'UNKNOWN_PERMISSION_KEY', message },
    ]);
    expect(errors).toEqual({ permissions: message });
    expect(reportFieldErrors([{ code: 'MISSING_PERMISSION', message: 'x' }])).toEqual({});
    expect(
      reportFieldErrors([{ code: 'UNKNOWN_ISSUE_TYPE', message: 'No create screen … “Bugg” …' }]),
    ).toEqual({ issueTypes: 'No create screen … “Bugg” …' });
    // Shown on the field; changing the permissions clears it.
    const marked = checkFormReducer(initialCheckFormState(null), {
      type: 'errors/server',
      errors,
    });
    expect(marked.errors.permissions).toBe(message);
    expect(
      checkFormReducer(marked, { type: 'permissions/set', keys: ['CREATE_ISSUES'] }).errors
        .permissions,
    ).toBeUndefined();
  });
});
