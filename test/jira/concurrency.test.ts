import { limitConcurrency, mapWithConcurrency } from '../../src/jira/concurrency';

const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('limitConcurrency', () => {
  it('runs at most max tasks at once and keeps results in order', async () => {
    let active = 0;
    let peak = 0;
    const results = await mapWithConcurrency([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 4, async (n) => {
      active += 1;
      peak = Math.max(peak, active);
      await tick(5);
      active -= 1;
      return n * 2;
    });
    expect(peak).toBe(4);
    expect(results).toEqual([2, 4, 6, 8, 10, 12, 14, 16, 18, 20]);
  });

  it('releases the slot when a task throws synchronously or rejects', async () => {
    const limit = limitConcurrency(1);
    await expect(
      limit(() => {
        throw new Error('sync');
      }),
    ).rejects.toThrow('sync');
    await expect(limit(() => Promise.reject(new Error('async')))).rejects.toThrow('async');
    await expect(limit(async () => 'next')).resolves.toBe('next');
  });

  it('defaults to 6 and refuses caps outside 1..8', () => {
    expect(() => limitConcurrency()).not.toThrow();
    expect(() => limitConcurrency(0)).toThrow(RangeError);
    expect(() => limitConcurrency(9)).toThrow(RangeError);
    expect(() => limitConcurrency(2.5)).toThrow(RangeError);
  });
});

describe('limitConcurrency priorities', () => {
  it('starts waiting normal tasks before waiting low-priority ones, and gives low ones at most half the slots', async () => {
    const limit = limitConcurrency(4);
    const started: string[] = [];
    let lowActive = 0;
    let lowPeak = 0;
    const gates: Array<() => void> = [];
    const task = (name: string, low: boolean) => () =>
      new Promise<void>((resolve) => {
        started.push(name);
        if (low) lowPeak = Math.max(lowPeak, ++lowActive);
        gates.push(() => {
          if (low) lowActive -= 1;
          resolve();
        });
      });
    const all = [
      ...['l1', 'l2', 'l3', 'l4'].map((n) => limit(task(n, true), 'low')),
      ...['n1', 'n2', 'n3', 'n4'].map((n) => limit(task(n, false))),
    ];
    await new Promise((r) => setImmediate(r));
    // Two low tasks took their half; normal tasks got the rest although queued later.
    expect(started).toEqual(['l1', 'l2', 'n1', 'n2']);
    gates.shift()?.(); // l1 ends: a waiting normal task goes first
    await new Promise((r) => setImmediate(r));
    expect(started[4]).toBe('n3');
    while (gates.length) {
      gates.shift()?.();
      await new Promise((r) => setImmediate(r));
    }
    await Promise.all(all);
    expect(started).toHaveLength(8);
    expect(lowPeak).toBeLessThanOrEqual(2);
  });
});
