/** The Check form's reducer and what it sends: pure, so every transition is tested here. */
import { PRESETS } from '../../src/engine/presets';
import {
  checkFormReducer,
  checkPayload,
  checkSelection,
  initialCheckFormState,
  MAX_PERMISSIONS,
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

  it('the payload carries the user, projects and permissions; explain only when asked', () => {
    expect(checkPayload(chosen, NORA, true)).toEqual({
      user: { accountId: NORA.value },
      projects: ['HR'],
      permissions: ['BROWSE_PROJECTS', 'VIEW_VOTERS_AND_WATCHERS'],
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
    expect(checkSelection(null, chosen.projects, chosen.permissions)).toBeNull();
    expect(checkSelection(NORA, chosen.projects, chosen.permissions)).toEqual({
      user: NORA,
      projects: ['HR'],
      permissions: ['BROWSE_PROJECTS', 'VIEW_VOTERS_AND_WATCHERS'],
      preset: 'backup-read',
      explain: 'missing',
    });
  });
});
