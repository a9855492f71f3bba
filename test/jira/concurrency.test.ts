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

describe('limitConcurrency: the advisory tail', () => {
  /** A task that runs until its gate is opened; records its name when it starts. */
  function gated(started: string[], gates: Map<string, () => void>) {
    return (name: string) => () =>
      new Promise<void>((resolve) => {
        started.push(name);
        gates.set(name, resolve);
      });
  }
  const turn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5));

  it('lets low-priority tasks fill every slot once no normal task runs or waits', async () => {
    const limit = limitConcurrency(4);
    const started: string[] = [];
    const gates = new Map<string, () => void>();
    const task = gated(started, gates);
    const normal = limit(task('n1'));
    const lows = ['l1', 'l2', 'l3', 'l4', 'l5'].map((n) => limit(task(n), 'low'));
    await turn();
    // A normal task is in flight: the low ones keep to their half.
    expect(started).toEqual(['n1', 'l1', 'l2']);
    gates.get('n1')?.();
    await normal;
    await turn();
    // Normal work is quiet: the advisory tail takes every slot.
    expect(started).toEqual(['n1', 'l1', 'l2', 'l3', 'l4']);
    // A normal task arriving now goes first to the next free slot, ahead of the waiting l5.
    const late = limit(task('n2'));
    gates.get('l1')?.();
    await turn();
    expect(started).toEqual(['n1', 'l1', 'l2', 'l3', 'l4', 'n2']);
    // With n2 in flight the low ones are back to their half: l5 waits until one of them ends.
    gates.get('l2')?.();
    await turn();
    expect(started).not.toContain('l5');
    gates.get('l3')?.();
    await turn();
    expect(started).toContain('l5');
    for (const name of ['n2', 'l4', 'l5']) gates.get(name)?.();
    await Promise.all([late, ...lows]);
  });

  it('does not widen the low share before the continuations of a normal answer had their turn', async () => {
    const limit = limitConcurrency(4);
    const started: string[] = [];
    const gates = new Map<string, () => void>();
    const task = gated(started, gates);
    // The follow-up is asked for in the continuation of n1's answer, as an engine step does.
    const chain = limit(task('n1')).then(() => limit(task('n2')));
    const lows = ['l1', 'l2', 'l3', 'l4'].map((n) => limit(task(n), 'low'));
    await turn();
    expect(started).toEqual(['n1', 'l1', 'l2']);
    gates.get('n1')?.();
    await turn();
    // n2 took the free slot; l3 and l4 still wait behind the half while n2 runs.
    expect(started).toEqual(['n1', 'l1', 'l2', 'n2']);
    gates.get('n2')?.();
    await chain;
    await turn();
    expect(started).toEqual(['n1', 'l1', 'l2', 'n2', 'l3', 'l4']);
    for (const name of ['l1', 'l2', 'l3', 'l4']) gates.get(name)?.();
    await Promise.all(lows);
  });
});
