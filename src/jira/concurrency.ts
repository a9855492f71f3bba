/**
 * Runs at most `max` tasks at a time, in call order within a priority. Low-priority tasks (advisory
 * work such as the create-readiness dry run) start only when no normal task is waiting, and hold
 * at most half the slots while normal work is in flight, so they never delay the requests that
 * decide a verdict. Once no normal task is running or waiting, and none appeared while the
 * answers' continuations ran (one timer turn later), low-priority tasks may fill every slot: the
 * advisory tail of a run then finishes at the run's full width instead of half of it. A normal task
 * that arrives later still goes first to the next free slot. Shareable between clients.
 */
export type Priority = 'normal' | 'low';
export type Limiter = <T>(task: () => Promise<T>, priority?: Priority) => Promise<T>;

/** Jira's burst limits are per account; more parallel calls only earn 429s. */
export const MAX_CONCURRENCY = 8;
/** The most the burst limit allows; measured best in `npm run bench` (bench/README.md). */
export const DEFAULT_CONCURRENCY = MAX_CONCURRENCY;

export function limitConcurrency(max: number = DEFAULT_CONCURRENCY): Limiter {
  if (!Number.isInteger(max) || max < 1 || max > MAX_CONCURRENCY) {
    throw new RangeError(`Concurrency must be an integer from 1 to ${MAX_CONCURRENCY}`);
  }
  const lowMax = Math.max(1, Math.floor(max / 2));
  let active = 0;
  let activeLow = 0;
  /** Set one timer turn after normal work went idle, cleared as soon as a normal task arrives. */
  let normalIdle = false;
  let idleTimer: ReturnType<typeof setTimeout> | null = null;
  const waiting: Record<Priority, Array<() => void>> = { normal: [], low: [] };

  const normalQuiet = (): boolean => active === activeLow && waiting.normal.length === 0;

  const lowMayStart = (): boolean => activeLow < lowMax || (normalIdle && normalQuiet());

  const next = (): void => {
    while (active < max) {
      const start = waiting.normal.shift() ?? (lowMayStart() ? waiting.low.shift() : undefined);
      if (!start) break;
      start();
    }
    // Low tasks wait beyond their half while normal work is quiet: look again after the
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
      if (priority === 'normal') normalIdle = false;
      waiting[priority].push(start);
      next();
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
