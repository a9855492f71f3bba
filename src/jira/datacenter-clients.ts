import type { DataCenterDeps } from '../engine/deployment/datacenter/deps';
import { runClientFactory, type Credentials, type RunClientOptions } from './node-transport';
import type { JiraClient } from './port';

export interface DataCenterClientsOptions extends RunClientOptions {
  /** Base URL of the instance, with its context path if any, e.g. https://jira.example.com/jira. */
  site: string;
  /** The sync user: username + password (Basic) or a personal access token (Bearer). */
  syncUser?: Credentials;
  /** The checking administrator, in either form. */
  admin?: Credentials;
}

/** The Jira connections of a Data Center CLI run. */
export function createDataCenterClients(options: DataCenterClientsOptions): DataCenterDeps {
  const baseUrl = options.site.replace(/\/+$/, '');
  const create = runClientFactory(options);
  const client = (auth: JiraClient['auth'], credentials?: Credentials): JiraClient =>
    create(baseUrl, 'site', auth, credentials);
  return {
    evidence: options.evidence,
    anonymous: client('none'),
    ...(options.syncUser ? { token: client('sync-user', options.syncUser) } : {}),
    ...(options.admin ? { admin: client('admin', options.admin) } : {}),
  };
}
