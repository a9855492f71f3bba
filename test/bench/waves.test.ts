/**
 * The bench's wave accounting on hand-made timelines: which wave each attempt went out in, and
 * the per-wave summary the bench prints for the cost target.
 */
import { chainPositions, longestChain, wavesSummary } from '../../bench/measure';
import type { EvidenceEntry } from '../../src/engine/port/evidence';

const attempt = (step: string, startedAtMs: number, durationMs: number): EvidenceEntry => ({
  step,
  method: 'GET',
  path: '/rest/api/3/x',
  target: 'site',
  auth: 'admin',
  status: 200,
  attempt: 1,
  startedAtMs,
  durationMs,
});

describe('bench waves', () => {
  // Two search pages side by side, a bulk check after the first, an advisory read after the check,
  // and one more page that had to wait for a slot until the first page ended.
  const timeline = [
    attempt('admin-projects', 0, 40),
    attempt('admin-projects', 1, 42),
    attempt('admin-permissions', 45, 40),
    attempt('create-readiness', 90, 40),
    attempt('admin-projects', 40, 40),
  ];
  const intervals = timeline.map((e) => ({
    start: e.startedAtMs,
    end: e.startedAtMs + e.durationMs,
  }));

  it('puts each attempt in the wave of the longest back-to-back chain ending with it', () => {
    expect(chainPositions(intervals)).toEqual([1, 1, 2, 3, 2]);
    expect(longestChain(intervals)).toBe(3);
  });

  it('an attempt that overlaps every earlier one stays in wave 1', () => {
    expect(
      chainPositions([
        { start: 0, end: 10 },
        { start: 9, end: 20 },
      ]),
    ).toEqual([1, 1]);
    expect(longestChain([])).toBe(0);
  });

  it('summarises each wave: its time span, its requests per step and how many were advisory', () => {
    expect(wavesSummary(timeline)).toEqual([
      'wave 1 (0–43 ms, 2 requests): admin-projects ×2',
      'wave 2 (40–85 ms, 2 requests): admin-permissions ×1, admin-projects ×1',
      'wave 3 (90–130 ms, 1 request, 1 advisory): create-readiness ×1',
    ]);
  });
});
