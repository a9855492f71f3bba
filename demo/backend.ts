/** What the demo server needs from the Jira + Forge side (the simulator and the local Forge runtime). */
import type { WatchControls } from './watch-controls';

export type SignedInRole = 'admin' | 'project-admin' | 'non-admin';

export interface DemoPerson {
  role: SignedInRole;
  accountId: string;
  displayName: string;
  email: string;
  /** A short note for the shell, e.g. "Jira administrator". */
  note: string;
}

export interface DemoSyncUser {
  /** What this account demonstrates, e.g. "healthy", "token of someone else". */
  scenario: string;
  displayName: string;
  email: string;
  /** The API token to paste (a demo secret of the simulator). */
  token: string;
}

export interface DemoProject {
  key: string;
  name: string;
  type: string;
}

export interface ProductResponse {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: string;
}

export interface DemoBackend {
  siteUrl: string;
  cloudId: string;
  people: DemoPerson[];
  syncUsers: DemoSyncUser[];
  projects: DemoProject[];
  /** Runs a resolver function of the app as the signed-in user. */
  invoke(req: {
    functionKey: string;
    payload: unknown;
    accountId: string;
    moduleKey: string;
    projectKey?: string;
  }): Promise<unknown>;
  /** `requestJira` from the panel: a Jira REST call as the signed-in user. */
  requestJira(
    accountId: string,
    path: string,
    init: { method: string; headers: Record<string, string>; body: string | null },
  ): Promise<ProductResponse>;
  /** Demo controls of the permission watch (#27): run the daily check now, a permission change. */
  watch: WatchControls;
  close(): Promise<void>;
}
