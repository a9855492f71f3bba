/**
 * Issue 22, part 4: what the organisation admin API lists is read leniently (S5 documents the
 * fields, not whether they can be absent), and kept within the report's bounds.
 */
import { expiryEntry } from '../../src/engine/cloud/steps/token-expiry';
import { orgTokenPageShape, nextCursor } from '../../src/engine/knowledge/org-admin-api';

const NOW = Date.parse('2026-12-07T12:00:00.000Z');
const DAY = 86_400_000;

describe('a listed token as the report keeps it', () => {
  it('whole days left, rounded down; negative once expired', () => {
    const page = orgTokenPageShape.parse({
      data: [
        { label: 'a', status: 'ALLOWED', expiresAt: new Date(NOW + 5.9 * DAY).toISOString() },
        { label: 'b', status: 'ALLOWED', expiresAt: new Date(NOW - 0.5 * DAY).toISOString() },
      ],
      links: {},
    });
    expect(page.data.map((t) => expiryEntry(t, NOW).daysLeft)).toEqual([5, -1]);
  });

  it('absent, empty or unreadable values: no date, an unknown status, a placeholder label', () => {
    const page = orgTokenPageShape.parse({
      data: [
        { status: '', expiresAt: 'next year', createdAt: null, user: null },
        { label: 'x'.repeat(5000), status: 'SUSPENDED', expiresAt: `${'9'.repeat(80)}` },
      ],
      links: null,
    });
    const [first, second] = page.data.map((t) => expiryEntry(t, NOW));
    expect(first).toEqual({
      label: '(no label)',
      status: 'unknown',
      createdAt: null,
      expiresAt: null,
      lastActiveAt: null,
      daysLeft: null,
    });
    expect(second?.label).toHaveLength(200);
    expect(second?.status).toBe('SUSPENDED');
    expect(second?.daysLeft).toBeNull();
    expect(page.links.next).toBeNull();
  });

  it('links.next: the cursor itself, or only the cursor of a URL (the key never follows a URL)', () => {
    expect(nextCursor('b2Zmc2V0OjEwMA')).toBe('b2Zmc2V0OjEwMA');
    expect(nextCursor('https://elsewhere.example/admin?cursor=abc&pageSize=100')).toBe('abc');
    expect(nextCursor('https://elsewhere.example/admin?pageSize=100')).toBeNull();
    expect(nextCursor('')).toBeNull();
    expect(nextCursor(null)).toBeNull();
  });
});
