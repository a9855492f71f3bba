import type { EvidenceLog } from './evidence';
import type { JiraClient } from './jira-client';

/** The connections of a Data Center run. Entry points build them; the engine never creates one. */
export interface DataCenterDeps {
  /** No credentials: server info and the permission list. */
  anonymous: JiraClient;
  /** The sync user's credentials (Basic username + password, or Bearer personal access token). */
  token?: JiraClient;
  /** A checking administrator's credentials. */
  admin?: JiraClient;
  evidence: EvidenceLog;
  now?: () => number;
}
