/** Runs at most `max` tasks at a time, in call order. Pure; shareable between clients. */
export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

/** Jira's documented guidance is to keep bursts small; 8 in flight measured best (see README Performance). */
export const DEFAULT_CONCURRENCY = 8;
/** Jira's burst limits are per account; more parallel calls only earn 429s. */
export const MAX_CONCURRENCY = 8;

export function limitConcurrency(max: number = DEFAULT_CONCURRENCY): Limiter {
  if (!Number.isInteger(max) || max < 1 || max > MAX_CONCURRENCY) {
    throw new RangeError(`Concurrency must be an integer from 1 to ${MAX_CONCURRENCY}`);
  }
  let active = 0;
  const waiting: Array<() => void> = [];

  const release = (): void => {
    active -= 1;
    const next = waiting.shift();
    if (next) next();
  };

  return <T>(task: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const start = (): void => {
        active += 1;
        // Promise.resolve().then(task) turns a synchronous throw into a rejection.
        Promise.resolve().then(task).then(resolve, reject).finally(release);
      };
      if (active < max) start();
      else waiting.push(start);
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
