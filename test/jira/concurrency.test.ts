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
  const turn = (): Promise<void> => new Promise((r) => setTimeout(r, 5));

  it('lets the normal tasks asked for in the same turn start before low-priority ones asked for earlier', async () => {
    const limit = limitConcurrency(4);
    const started: string[] = [];
    const gates: Array<() => void> = [];
    const task = (name: string) => () =>
      new Promise<void>((resolve) => {
        started.push(name);
        gates.push(resolve);
      });
    // A run's first round: an advisory read is asked for first, the verdict's reads right after.
    const all = [
      ...['l1', 'l2'].map((n) => limit(task(n), 'low')),
      ...['n1', 'n2', 'n3'].map((n) => limit(task(n))),
    ];
    await Promise.resolve(); // tasks start in a microtask; low ones not before the next turn
    expect(started).toEqual(['n1', 'n2', 'n3']);
    await turn();
    // One turn later the free slot goes to the first low task; the second waits for a slot.
    expect(started).toEqual(['n1', 'n2', 'n3', 'l1']);
    const n4 = limit(task('n4'));
    gates.shift()?.(); // n1 ends: the waiting normal task goes first, ahead of l2
    await turn();
    expect(started).toEqual(['n1', 'n2', 'n3', 'l1', 'n4']);
    while (gates.length) {
      gates.shift()?.();
      await turn();
    }
    await Promise.all([...all, n4]);
    expect(started).toHaveLength(6);
  });

  it('gives low-priority tasks all but a quarter of the slots while normal work runs', async () => {
    const limit = limitConcurrency(8);
    const started: string[] = [];
    const gates = new Map<string, () => void>();
    const task = (name: string) => () =>
      new Promise<void>((resolve) => {
        started.push(name);
        gates.set(name, resolve);
      });
    const normal = limit(task('n1'));
    const lows = ['l1', 'l2', 'l3', 'l4', 'l5', 'l6', 'l7', 'l8'].map((n) => limit(task(n), 'low'));
    await new Promise((r) => setTimeout(r, 5));
    // 6 of 8 for low work while n1 runs; a slot stays free for a verdict request.
    expect(started).toEqual(['n1', 'l1', 'l2', 'l3', 'l4', 'l5', 'l6']);
    const n2 = limit(task('n2'));
    await Promise.resolve();
    expect(started).toContain('n2');
    gates.get('n1')?.();
    gates.get('n2')?.();
    await Promise.all([normal, n2]);
    await new Promise((r) => setTimeout(r, 5));
    // Normal work is quiet: the advisory tail takes every slot.
    expect(started).toEqual(expect.arrayContaining(['l7', 'l8']));
    for (const name of ['l1', 'l2', 'l3', 'l4', 'l5', 'l6', 'l7', 'l8']) gates.get(name)?.();
    await Promise.all(lows);
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
    // A normal task is in flight: the low ones keep to their share (3 of 4).
    expect(started).toEqual(['n1', 'l1', 'l2', 'l3']);
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
    gates.get('l2')?.();
    await turn();
    expect(started).toContain('l5');
    for (const name of ['n2', 'l3', 'l4', 'l5']) gates.get(name)?.();
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
    expect(started).toEqual(['n1', 'l1', 'l2', 'l3']);
    gates.get('n1')?.();
    await turn();
    // n2 took the slot n1 freed; l4 did not, although low work alone was running for a moment.
    expect(started).toEqual(['n1', 'l1', 'l2', 'l3', 'n2']);
    gates.get('n2')?.();
    await chain;
    await turn();
    expect(started).toEqual(['n1', 'l1', 'l2', 'l3', 'n2', 'l4']);
    for (const name of ['l1', 'l2', 'l3', 'l4']) gates.get(name)?.();
    await Promise.all(lows);
  });
});
