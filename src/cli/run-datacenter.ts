import type { DeploymentDecision } from '../engine/run/detect-deployment';
import {
  decideDeployment,
  deploymentName,
  detectDeployment,
  withDeployment,
} from '../engine/run/detect-deployment';
import type { DataCenterInput } from '../engine/datacenter/diagnose';
import type { Report } from '../engine/model/report';
import { createDataCenterClients } from './clients';
import type { EvidenceLog } from '../engine/port/evidence';
import type { Credentials } from '../jira/node-transport';
import type { JiraClient } from '../engine/port/jira-client';
import type { CheckArgs } from './args';
import type { DcAdminArgs, DcSyncUserArgs } from './datacenter-args';
import { readAdminToken, readSyncUserToken, type CleanToken, type Env } from './secrets';
import { UsageError } from './usage-error';

/** Secrets of a Data Center run, read before anything is sent. */
export interface DcSecrets {
  syncUser?: CleanToken;
  admin?: string;
}

export async function readDcSecrets(
  args: CheckArgs,
  env: Env,
  readStdin: () => Promise<string>,
): Promise<DcSecrets> {
  const sync = args.dcSyncUser;
  const admin = args.dcAdmin;
  if (sync?.tokenSource.kind === 'env')
    requirePresent(env, sync.tokenSource.name, sync, '--token-env');
  if (admin) requirePresent(env, admin.tokenEnv, admin, '--admin-token-env');
  return {
    ...(sync ? { syncUser: await readSyncUserToken(sync.tokenSource, env, readStdin) } : {}),
    ...(admin ? { admin: readAdminToken(admin.tokenEnv, env) } : {}),
  };
}

function requirePresent(
  env: Env,
  name: string,
  who: DcSyncUserArgs | DcAdminArgs,
  flag: string,
): void {
  const value = env[name];
  if (value !== undefined && value.trim() !== '') return;
  const what = who.scheme === 'bearer' ? 'personal access token' : 'password';
  const whose = 'tokenSource' in who ? "the sync user's" : "the administrator's";
  throw new UsageError(
    `${whose} ${what} is missing: the environment variable ${name} is empty or not set. Set it, or name another variable with ${flag} NAME${'tokenSource' in who ? ', or pipe it in with --token-stdin' : ''}.`,
  );
}

function dcCredentials(
  scheme: 'basic' | 'bearer',
  username: string | undefined,
  secret: string,
): Credentials {
  return scheme === 'bearer' ? { bearer: secret } : { email: username ?? '', token: secret };
}

/**
 * The deployment this run checks. Asks serverInfo (anonymously) unless --deployment says; refuses
 * credentials of the other kind with a usage error naming what Jira said.
 */
export async function decideForRun(
  args: CheckArgs,
  anonymous: JiraClient,
): Promise<DeploymentDecision> {
  const form = args.form ?? 'cloud';
  const detection = args.deployment ? null : await detectDeployment(anonymous);
  const decision = decideDeployment(args.deployment, detection, form);
  const isCloud = decision.deployment === 'cloud';
  if (isCloud && form === 'datacenter') {
    throw new UsageError(
      `${args.site} is ${deploymentName('cloud')} (serverInfo deploymentType): give --email and an API token instead of --username / --auth bearer`,
    );
  }
  if (!isCloud && form === 'cloud') {
    throw new UsageError(
      `${args.site} is ${deploymentName(decision.deployment)}${decision.version ? ` ${decision.version}` : ''} (serverInfo deploymentType): give --username NAME (password, sent as Basic) or --auth bearer (personal access token) instead of --email; for admin mode --admin-username NAME or --admin-auth bearer`,
    );
  }
  return decision;
}

function toDataCenterInput(
  args: CheckArgs,
  secrets: DcSecrets,
  version: string | null,
): DataCenterInput {
  const sync = args.dcSyncUser;
  const admin = args.dcAdmin;
  return {
    site: args.site,
    projects: args.projects,
    permissions: args.permissions,
    version,
    ...(sync
      ? {
          token: {
            scheme: sync.scheme,
            ...(sync.username === undefined ? {} : { username: sync.username }),
            ...(sync.expectUser === undefined ? {} : { expectUser: sync.expectUser }),
            ...(sync.expectEmail === undefined ? {} : { expectEmail: sync.expectEmail }),
            hygiene: secrets.syncUser?.issues ?? [],
          },
        }
      : {}),
    ...(admin
      ? {
          admin: {
            checker: admin.username ?? 'the owner of the administrator’s personal access token',
            explain: args.explainAll ? ('all' as const) : ('missing' as const),
            ...(admin.user === undefined ? {} : { user: admin.user }),
          },
        }
      : {}),
  };
}

/** Builds the clients, checks, and adds the deployment to the report. */
export async function runDataCenter(
  args: CheckArgs,
  secrets: DcSecrets,
  evidence: EvidenceLog,
  userAgent: string,
): Promise<Report> {
  const sync = args.dcSyncUser;
  const admin = args.dcAdmin;
  const deps = createDataCenterClients({
    site: args.site,
    evidence,
    timeoutMs: args.timeoutMs,
    userAgent,
    ...(sync && secrets.syncUser
      ? { syncUser: dcCredentials(sync.scheme, sync.username, secrets.syncUser.token) }
      : {}),
    ...(admin && secrets.admin !== undefined
      ? { admin: dcCredentials(admin.scheme, admin.username, secrets.admin) }
      : {}),
  });
  const decision = await decideForRun(args, deps.anonymous);
  const { diagnoseDataCenter } = await import('../engine/datacenter/diagnose');
  const report = await diagnoseDataCenter(toDataCenterInput(args, secrets, decision.version), deps);
  return withDeployment(report, decision, evidence);
}
