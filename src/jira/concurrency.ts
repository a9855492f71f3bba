/**
 * Runs at most `max` tasks at a time, in call order within a priority. Low-priority tasks (advisory
 * work such as the create-readiness dry run) never delay the requests that decide a verdict:
 * - a low task waits one turn of the event loop after it is asked for, so the normal tasks asked
 *   for in the same turn (a run's first round: the login, the project search) take their slots
 *   first;
 * - it starts only when no normal task is waiting;
 * - while normal work is in flight, low tasks hold all but a quarter of the slots (6 of 8, 4 of
 *   6), so a verdict request that arrives later finds a slot free or soon free.
 * Once no normal task is running or waiting, and none appeared while the answers' continuations
 * ran (one timer turn later), low-priority tasks may fill every slot: the advisory tail of a run
 * then finishes at the run's full width. A normal task that arrives later still goes first to the
 * next free slot. Shareable between clients.
 */
export type Priority = 'normal' | 'low';
export type Limiter = <T>(task: () => Promise<T>, priority?: Priority) => Promise<T>;

/** Jira's burst limits are per account; more parallel calls only earn 429s. */
export const MAX_CONCURRENCY = 8;
/** The most the burst limit allows; measured best in `npm run bench` (bench/README.md). */
export const DEFAULT_CONCURRENCY = MAX_CONCURRENCY;

/** The slots low-priority tasks may hold while normal work is in flight: all but a quarter. */
export function lowPrioritySlots(max: number): number {
  return Math.max(1, max - Math.ceil(max / 4));
}

export function limitConcurrency(max: number = DEFAULT_CONCURRENCY): Limiter {
  if (!Number.isInteger(max) || max < 1 || max > MAX_CONCURRENCY) {
    throw new RangeError(`Concurrency must be an integer from 1 to ${MAX_CONCURRENCY}`);
  }
  const lowMax = lowPrioritySlots(max);
  let active = 0;
  let activeLow = 0;
  /** Set one timer turn after normal work went idle, cleared as soon as a normal task arrives. */
  let normalIdle = false;
  let idleTimer: ReturnType<typeof setTimeout> | null = null;
  const waiting: { normal: Array<() => void>; low: Array<{ start: () => void; ready: boolean }> } =
    { normal: [], low: [] };

  const normalQuiet = (): boolean => active === activeLow && waiting.normal.length === 0;

  const lowMayStart = (): boolean =>
    waiting.low[0]?.ready === true && (activeLow < lowMax || (normalIdle && normalQuiet()));

  const next = (): void => {
    while (active < max) {
      const start =
        waiting.normal.shift() ?? (lowMayStart() ? waiting.low.shift()?.start : undefined);
      if (!start) break;
      start();
    }
    // Low tasks wait beyond their share while normal work is quiet: look again after the
    // continuations of the answers just delivered had their chance to ask for more.
    if (!normalIdle && idleTimer === null && waiting.low.length > 0 && normalQuiet()) {
      idleTimer = setTimeout(() => {
        idleTimer = null;
        normalIdle = normalQuiet();
        next();
      }, 0);
    }
  };

  return <T>(task: () => Promise<T>, priority: Priority = 'normal'): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const start = (): void => {
        active += 1;
        if (priority === 'low') activeLow += 1;
        // Promise.resolve().then(task) turns a synchronous throw into a rejection.
        Promise.resolve()
          .then(task)
          .then(resolve, reject)
          .finally(() => {
            active -= 1;
            if (priority === 'low') activeLow -= 1;
            next();
          });
      };
      if (priority === 'normal') {
        normalIdle = false;
        waiting.normal.push(start);
        next();
        return;
      }
      const entry = { start, ready: false };
      waiting.low.push(entry);
      // A timer, not setImmediate: the Forge bundle's types know only the web's timers.
      setTimeout(() => {
        entry.ready = true;
        next();
      }, 0);
    });
}

/** `Promise.all(items.map(fn))` with at most `max` calls in flight. */
export function mapWithConcurrency<T, R>(
  items: readonly T[],
  max: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const limit = limitConcurrency(max);
  return Promise.all(items.map((item, index) => limit(() => fn(item, index))));
}
