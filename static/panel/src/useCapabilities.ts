import { useEffect, useState } from 'react';
import { getCapabilities } from './api';
import type { Capabilities, ResolverError } from './types';

export type CapabilitiesState =
  | { status: 'loading' }
  | { status: 'ready'; capabilities: Capabilities }
  | { status: 'error'; error: ResolverError };

/** Asks the resolver once which build this is (token check or not, report import limits). */
export function useCapabilities(enabled: boolean): CapabilitiesState {
  const [state, setState] = useState<CapabilitiesState>({ status: 'loading' });
  useEffect(() => {
    if (!enabled) return undefined;
    let alive = true;
    void getCapabilities().then((result) => {
      if (!alive) return;
      setState(
        result.ok
          ? { status: 'ready', capabilities: result.capabilities }
          : { status: 'error', error: result.error },
      );
    });
    return () => {
      alive = false;
    };
  }, [enabled]);
  return state;
}
