import { useCallback, useEffect, useRef } from 'react';

/**
 * A `loadOptions` for AsyncSelect that waits until typing pauses, and resolves superseded calls
 * with nothing so an older, slower answer can never replace a newer one.
 */
export function useDebouncedSearch<T>(
  search: (query: string) => Promise<T[]>,
  delayMs = 250,
): (query: string) => Promise<T[]> {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const seq = useRef(0);
  const pending = useRef<((items: T[]) => void) | null>(null);
  const searchRef = useRef(search);
  searchRef.current = search;

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      seq.current += 1;
    },
    [],
  );

  return useCallback(
    (query: string) => {
      if (timer.current) clearTimeout(timer.current);
      pending.current?.([]);
      seq.current += 1;
      const mine = seq.current;
      return new Promise<T[]>((resolve, reject) => {
        pending.current = resolve;
        timer.current = setTimeout(() => {
          pending.current = null;
          searchRef.current(query).then(
            (items) => resolve(mine === seq.current ? items : []),
            (err: unknown) => (mine === seq.current ? reject(err) : resolve([])),
          );
        }, delayMs);
      });
    },
    [delayMs],
  );
}
