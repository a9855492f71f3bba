import type { Deployment } from '../model/report';

const NAMES: Record<Deployment, string> = {
  cloud: 'Jira Cloud',
  datacenter: 'Jira Data Center',
  server: 'Jira Server',
};

/** "Jira Data Center", as admins call it. */
export function deploymentName(deployment: Deployment): string {
  return NAMES[deployment];
}
