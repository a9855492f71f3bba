import { displayName, productKeys } from '../model/facts';
import { knownAccountType, type JiraUser } from '../knowledge/jira-shapes';
import { remedy } from '../findings/remedies';
import type { Finding, Subject } from '../model/report';
import { isServiceAccount } from '../model/service-account';

export function toSubject(user: JiraUser): Subject {
  return {
    accountId: user.accountId,
    displayName: user.displayName ?? null,
    email: user.emailAddress ? user.emailAddress : null,
    active: user.active ?? null,
    accountType: knownAccountType(user.accountType),
    products: productKeys(user),
    groups: user.groups?.items ? user.groups.items.flatMap((g) => (g.name ? [g.name] : [])) : null,
  };
}

/** Where the run connected, for the words of a service-account finding. */
export interface AccountContext {
  /** The site's API gateway address (or its form, when the cloud ID is not known). */
  gateway: string;
  /** The check itself connected through the gateway, as the synchronizer must. */
  viaGateway: boolean;
  /** The email the synchronizer was configured with, if any. */
  email?: string | undefined;
}

/** Findings about the account itself: status, kind and product access. */
export function accountFindings(step: string, user: JiraUser, where: AccountContext): Finding[] {
  const who = displayName(user);
  const out: Finding[] = [];
  if (user.active === false) out.push(remedy.accountInactive(step, who));
  const type = knownAccountType(user.accountType);
  if (type === 'customer') out.push(remedy.customerAccount(step, who));
  if (type === 'app')
    out.push(
      remedy.appAccount(
        step,
        who,
        isServiceAccount(user, where.email)
          ? { gateway: where.gateway, viaGateway: where.viaGateway }
          : undefined,
      ),
    );
  const products = productKeys(user);
  // Customers are covered by CUSTOMER_ACCOUNT. Whether Jira lists application roles for app
  // users is not documented, so an empty list proves nothing for them.
  if (products !== null && products.length === 0 && type === 'atlassian') {
    out.push(remedy.noProductAccess(step, who));
  }
  return out;
}

export function hasAgentAccess(user: JiraUser): boolean | null {
  const products = productKeys(user);
  return products === null ? null : products.includes('jira-servicedesk');
}
