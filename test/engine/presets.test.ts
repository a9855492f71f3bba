import {
  PRESET_NAMES,
  presetPermissions,
  presetWithPermissions,
} from '../../src/engine/knowledge/presets';

describe('presetWithPermissions', () => {
  test.each(PRESET_NAMES)('names %s for exactly its permissions, in any order', (name) => {
    expect(presetWithPermissions(presetPermissions(name))).toBe(name);
    expect(presetWithPermissions([...presetPermissions(name)].reverse())).toBe(name);
  });

  test('names no preset for a subset, a superset or an empty list', () => {
    const basic = presetPermissions('sync-basic');
    expect(presetWithPermissions(basic.slice(1))).toBeUndefined();
    expect(presetWithPermissions([...basic, 'ADD_COMMENTS'])).toBeUndefined();
    expect(presetWithPermissions([])).toBeUndefined();
  });
});
