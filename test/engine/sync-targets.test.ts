import { PRESETS } from '../../src/engine/knowledge/presets';
import { isSyncName, syncTargets, uniqueNames } from '../../src/engine/model/sync-targets';

describe('syncTargets: one rule for the CLI flags and the resolver payload', () => {
  const permissions = PRESETS['backup-restore'].permissions.map((p) => p.key);

  it('stated fields win over the preset’s and are marked given', () => {
    expect(
      syncTargets({ preset: 'backup-restore', permissions, fields: ['summary', 'Team'] }),
    ).toEqual({
      operations: expect.arrayContaining([...PRESETS['backup-restore'].operations]),
      fields: { names: ['summary', 'Team'], given: true },
    });
  });

  it('without stated fields the preset’s are defaults (not given)', () => {
    expect(syncTargets({ preset: 'two-way-sync', permissions: [] }).fields).toEqual({
      names: ['summary', 'description', 'assignee'],
      given: false,
    });
  });

  it('a preset without fields, or no preset, leaves the engine’s defaults; issue types pass through', () => {
    expect(syncTargets({ preset: 'backup-read', permissions: ['BROWSE_PROJECTS'] })).toEqual({
      operations: [...PRESETS['backup-read'].operations],
    });
    expect(syncTargets({ permissions: ['BROWSE_PROJECTS'], issueTypes: ['Bug'] })).toEqual({
      issueTypes: ['Bug'],
    });
    expect(syncTargets({ permissions: [], fields: [], issueTypes: [] })).toEqual({});
  });
});

describe('names', () => {
  it('are trimmed and de-duplicated case-insensitively, first spelling kept', () => {
    expect(uniqueNames([' Team ', 'team', '', 'customfield_10010', 'TEAM'])).toEqual([
      'Team',
      'customfield_10010',
    ]);
  });

  it('are printable and at most 255 characters', () => {
    expect(isSyncName('Customer impact')).toBe(true);
    expect(isSyncName('x'.repeat(255))).toBe(true);
    expect(isSyncName('x'.repeat(256))).toBe(false);
    expect(isSyncName('Team\nX')).toBe(false);
    expect(isSyncName('')).toBe(false);
  });
});
