import { z } from 'zod';
import { JiraTransportError, type JiraClient } from '../port/jira-client';
import type { EvidenceLog } from '../port/evidence';
import type { CheckResult, CheckStatus, Deployment, Report } from '../model/report';
import { deploymentName } from '../presentation/deployment-names';

const DEPLOYMENT_STEP = 'deployment';
const TITLE = 'Which Jira this is (Cloud, Data Center or Server)';

const SERVER_INFO = { method: 'GET' as const, path: '/rest/api/2/serverInfo' };

/**
 * `deploymentType` is documented as `Cloud` on Cloud ("always returned as Cloud") and as
 * `Server` or `DataCenter` on self-managed Jira. The operation is documented as anonymous on both.
 * Recorded (jira-captures D1): real Data Center 9.12.15 and 10.3.19 answer `"Server"`, and no
 * `"DataCenter"` answer was ever found. Jira 10 and later ship only as Data Center, so `Server`
 * from 10 on is Data Center; below 10 it may be either.
 */
const serverInfoShape = z.object({
  deploymentType: z.string(),
  version: z.string().optional(),
  versionNumbers: z.array(z.number()).optional(),
});

export interface DeploymentDecision {
  deployment: Deployment;
  /** `serverInfo` when Jira said so, `flag` for --deployment, `credentials` when Jira did not say. */
  decidedBy: 'serverInfo' | 'flag' | 'credentials';
  /** Jira's version as serverInfo reported it, when read. */
  version: string | null;
  status: CheckStatus;
  detail: string;
}

export interface Detection {
  deployment: Deployment | null;
  version: string | null;
  /** What serverInfo said, when it said something (e.g. "Server"). */
  deploymentType?: string;
  /** Why no deployment was read, when none was. */
  problem: string | null;
}

/** One anonymous request; never throws. Its evidence is recorded under the `deployment` step. */
export async function detectDeployment(anonymous: JiraClient): Promise<Detection> {
  const none = (problem: string): Detection => ({ deployment: null, version: null, problem });
  let res;
  try {
    res = await anonymous.request({ ...SERVER_INFO, step: DEPLOYMENT_STEP });
  } catch (error) {
    if (error instanceof JiraTransportError) return none(error.message);
    throw error;
  }
  if (res.status !== 200) return none(`GET ${SERVER_INFO.path} answered HTTP ${res.status}`);
  const parsed = serverInfoShape.safeParse(res.json);
  if (!parsed.success) return none(`GET ${SERVER_INFO.path} answered without deploymentType`);
  const version = parsed.data.version ?? null;
  const deployment = deploymentOf(
    parsed.data.deploymentType,
    majorVersion(parsed.data.versionNumbers, version),
  );
  if (!deployment)
    return none(
      `unknown deploymentType ${JSON.stringify(parsed.data.deploymentType.slice(0, 40))}`,
    );
  return {
    deployment,
    version,
    deploymentType: parsed.data.deploymentType.slice(0, 40),
    problem: null,
  };
}

/** The major version from `versionNumbers`, else from the leading number of `version`. */
export function majorVersion(numbers: readonly number[] | undefined, version: string | null) {
  const first = numbers?.[0];
  if (typeof first === 'number' && Number.isInteger(first)) return first;
  const parsed = /^(\d+)\./.exec(version ?? '')?.[1];
  return parsed === undefined ? null : Number(parsed);
}

/** First major version that ships only as Data Center (D1). */
const DATA_CENTER_ONLY_FROM = 10;

function deploymentOf(type: string, major: number | null): Deployment | null {
  switch (type.toLowerCase()) {
    case 'cloud':
      return 'cloud';
    case 'datacenter':
      return 'datacenter';
    case 'server':
      return major !== null && major >= DATA_CENTER_ONLY_FROM ? 'datacenter' : 'server';
    default:
      return null;
  }
}

export { deploymentName };
const NAMES = {
  cloud: deploymentName('cloud'),
  datacenter: deploymentName('datacenter'),
  server: deploymentName('server'),
};

/**
 * The deployment a run checks: the flag wins, always (serverInfo cannot tell Data Center below
 * 10 from Server); otherwise what serverInfo said; otherwise (Jira did not say) the form of the
 * credentials given decides, and the check says so as a warning.
 */
export function decideDeployment(
  flag: 'cloud' | 'datacenter' | undefined,
  detection: Detection | null,
  fromCredentials: 'cloud' | 'datacenter',
): DeploymentDecision {
  if (flag) {
    const said = detection?.deployment;
    const disagrees = said && (said === 'cloud') !== (flag === 'cloud');
    return {
      deployment: flag,
      decidedBy: 'flag',
      version: detection?.version ?? null,
      status: disagrees ? 'warn' : 'pass',
      detail: disagrees
        ? `Checked as ${NAMES[flag]} (--deployment), although serverInfo says ${NAMES[said]}.`
        : `Checked as ${NAMES[flag]} (--deployment).`,
    };
  }
  if (detection?.deployment) {
    const said = detection.deploymentType ? ` "${detection.deploymentType}"` : '';
    const why =
      detection.deployment === 'datacenter' && detection.deploymentType?.toLowerCase() === 'server'
        ? ` (serverInfo deploymentType${said}: Jira ${DATA_CENTER_ONLY_FROM} and later is Data Center only).`
        : detection.deployment === 'server'
          ? ` (serverInfo deploymentType${said}: Data Center before ${DATA_CENTER_ONLY_FROM} answers the same; --deployment datacenter says which).`
          : ` (serverInfo deploymentType${said}).`;
    return {
      deployment: detection.deployment,
      decidedBy: 'serverInfo',
      version: detection.version,
      status: 'pass',
      detail: `${NAMES[detection.deployment]}${detection.version ? ` ${detection.version}` : ''}${why}`,
    };
  }
  return {
    deployment: fromCredentials,
    decidedBy: 'credentials',
    version: null,
    status: 'warn',
    detail: `Could not tell (${detection?.problem ?? 'not asked'}); checked as ${NAMES[fromCredentials]} because of the credentials given. Pass --deployment to choose.`,
  };
}

/** Adds `deployment` and the detection step (first, with its request) to a finished report. */
export function withDeployment(
  report: Report,
  decision: DeploymentDecision,
  evidence: EvidenceLog,
): Report {
  const check: CheckResult = {
    id: DEPLOYMENT_STEP,
    title: TITLE,
    status: decision.status,
    detail: decision.detail,
    requests: evidence
      .forStep(DEPLOYMENT_STEP)
      .map(({ step: _step, objects: _objects, ...rest }) => rest),
  };
  return {
    ...report,
    deployment: decision.deployment,
    checks: [check, ...report.checks.filter((c) => c.id !== DEPLOYMENT_STEP)],
    requestCount: evidence.entries().length,
  };
}
