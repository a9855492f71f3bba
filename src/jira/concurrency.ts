/**
 * Runs at most `max` tasks at a time, in call order within a priority. Low-priority tasks (advisory
 * work such as the create-readiness dry run) start only when no normal task is waiting, and hold
 * at most half the slots, so they never delay the requests that decide a verdict. Pure; shareable
 * between clients.
 */
export type Priority = 'normal' | 'low';
export type Limiter = <T>(task: () => Promise<T>, priority?: Priority) => Promise<T>;

/** Jira's burst limits are per account; more parallel calls only earn 429s. */
export const MAX_CONCURRENCY = 8;
/** The most the burst limit allows; measured best in `npm run bench` (README: Performance). */
export const DEFAULT_CONCURRENCY = MAX_CONCURRENCY;

export function limitConcurrency(max: number = DEFAULT_CONCURRENCY): Limiter {
  if (!Number.isInteger(max) || max < 1 || max > MAX_CONCURRENCY) {
    throw new RangeError(`Concurrency must be an integer from 1 to ${MAX_CONCURRENCY}`);
  }
  const lowMax = Math.max(1, Math.floor(max / 2));
  let active = 0;
  let activeLow = 0;
  const waiting: Record<Priority, Array<() => void>> = { normal: [], low: [] };

  const next = (): void => {
    if (active >= max) return;
    const start = waiting.normal.shift() ?? (activeLow < lowMax ? waiting.low.shift() : undefined);
    start?.();
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
