import type { Deployment } from '../model/report';

const NAMES: Record<Deployment, string> = {
  cloud: 'Jira Cloud',
  datacenter: 'Jira Data Center',
  // serverInfo says "Server" on Server and on Data Center before 10 alike (D1).
  server: 'Jira Server or Data Center',
};

/** "Jira Data Center", as admins call it. */
export function deploymentName(deployment: Deployment): string {
  return NAMES[deployment];
}
