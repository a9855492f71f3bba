import type { DataCenterDeps } from '../engine/deployment/datacenter/deps';
import { limitConcurrency } from './concurrency';
import type { EvidenceLog } from './evidence';
import { HttpJiraClient } from './http-client';
import { createNodeTransport, type Credentials } from './node-transport';
import type { JiraClient } from './port';
import type { RetryOptions } from './retry-policy';

export interface DataCenterClientsOptions {
  /** Base URL of the instance, with its context path if any, e.g. https://jira.example.com/jira. */
  site: string;
  /** The sync user: username + password (Basic) or a personal access token (Bearer). */
  syncUser?: Credentials;
  /** The checking administrator, in either form. */
  admin?: Credentials;
  evidence: EvidenceLog;
  timeoutMs?: number;
  retry?: Partial<RetryOptions>;
  /** Maximum requests in flight across all clients of the run (default and most: 8). */
  concurrency?: number;
  userAgent?: string;
  signal?: AbortSignal;
}

/** The Jira connections of a Data Center CLI run. */
export function createDataCenterClients(options: DataCenterClientsOptions): DataCenterDeps {
  const limiter = limitConcurrency(options.concurrency);
  const baseUrl = options.site.replace(/\/+$/, '');
  const client = (auth: JiraClient['auth'], credentials?: Credentials): JiraClient =>
    new HttpJiraClient({
      transport: createNodeTransport({ baseUrl, credentials, userAgent: options.userAgent }),
      target: 'site',
      auth,
      evidence: options.evidence,
      limiter,
      timeoutMs: options.timeoutMs,
      retry: options.retry,
      signal: options.signal,
    });
  return {
    evidence: options.evidence,
    anonymous: client('none'),
    ...(options.syncUser ? { token: client('sync-user', options.syncUser) } : {}),
    ...(options.admin ? { admin: client('admin', options.admin) } : {}),
  };
}
