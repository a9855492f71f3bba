import {
  BUILT_IN_PROJECT_PERMISSIONS,
  DEFAULT_PERMISSIONS,
  KEY_FORMAT,
  PERMISSION_ALIASES,
  isBuiltInPermission,
  resolvePermissionKey,
  resolvePermissionKeys,
} from '../../src/engine/knowledge/permission-keys';

describe('permission keys', () => {
  it('lists well-formed, unique built-in keys, and every alias points at one', () => {
    expect(new Set(BUILT_IN_PROJECT_PERMISSIONS).size).toBe(BUILT_IN_PROJECT_PERMISSIONS.length);
    for (const key of BUILT_IN_PROJECT_PERMISSIONS) expect(key).toMatch(KEY_FORMAT);
    for (const key of Object.values(PERMISSION_ALIASES))
      expect(isBuiltInPermission(key)).toBe(true);
    expect(DEFAULT_PERMISSIONS).toEqual(['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES']);
  });

  it.each([
    ['browse', 'BROWSE_PROJECTS'],
    ['Create', 'CREATE_ISSUES'],
    ['EDIT', 'EDIT_ISSUES'],
    ['comment', 'ADD_COMMENTS'],
    ['transition', 'TRANSITION_ISSUES'],
    ['attach', 'CREATE_ATTACHMENTS'],
    ['link', 'LINK_ISSUES'],
    ['assign', 'ASSIGN_ISSUES'],
    ['create_issues', 'CREATE_ISSUES'],
    [' WORK_ON_ISSUES ', 'WORK_ON_ISSUES'],
    ['MY_APP_PERMISSION', 'MY_APP_PERMISSION'],
  ])('resolves %j to %s', (text, key) => {
    expect(resolvePermissionKey(text)).toBe(key);
  });

  it.each(['make-coffee', '1ABC', 'com.app.perm', '', '_X'])('rejects %j', (text) => {
    expect(resolvePermissionKey(text)).toBeNull();
  });

  it('resolves comma lists in order without duplicates, defaulting when nothing is given', () => {
    expect(resolvePermissionKeys(['browse,create', 'BROWSE_PROJECTS', 'comment'])).toEqual({
      ok: true,
      keys: ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'ADD_COMMENTS'],
    });
    expect(resolvePermissionKeys([])).toEqual({ ok: true, keys: [...DEFAULT_PERMISSIONS] });
    expect(resolvePermissionKeys(['browse,x-y,', 'a.b'])).toEqual({
      ok: false,
      invalid: ['x-y', 'a.b'],
    });
  });
});
