/** The demo world's people and credentials the browser suites use (from the simulator's demo world). */
import { DEMO_CREDENTIALS } from '../../simulator/worlds/demo';

function credential(key: string): { email: string; secret: string } {
  const c = DEMO_CREDENTIALS.find((d) => d.key === key);
  if (!c) throw new Error(`The demo world has no credential "${key}"`);
  return { email: c.email, secret: c.secret };
}

export const HEALTHY = { query: 'sync', name: 'Sync Bot', ...credential('sync') };
/** Wendy's email with a token Alice created: the token belongs to someone else. */
export const WRONG_OWNER = { query: 'wendy', name: 'Wendy', ...credential('wrong-owner') };
/** Nora is only in the Users role of WEB: no Create there. */
export const NO_CREATE = { query: 'nora', name: 'Nora', ...credential('no-create') };
/** Scott's token has scopes: refused at the site URL, works through the API gateway. */
export const SCOPED = { query: 'scott', name: 'Scott Scoped', ...credential('scoped') };
