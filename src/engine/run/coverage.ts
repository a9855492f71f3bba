import type {
  Coverage,
  CoverageState,
  Finding,
  ProjectReport,
  TokenIdentityReport,
} from '../model/report';

export interface CoverageFacts {
  /** Whether the sync user's own credentials were given (token mode). */
  tokenGiven: boolean;
  tokenIdentity: TokenIdentityReport | null;
  /** The token worked at the gateway, but its scopes did not let the check read the account. */
  tokenUnidentified: boolean;
  findings: readonly Finding[];
  projects: readonly ProjectReport[];
  /** Scope verification of a token used at the gateway; null when it did not run. */
  scopes: CoverageState | null;
  /**
   * Fields on screens and issue security, as the sync checks could test them (sync-checks.ts);
   * absent where they do not run (Data Center): not tested.
   */
  sync?: Pick<Coverage, 'createFields' | 'editFields' | 'issueSecurity'>;
}

/** Decides what the run could test; never "tested" for what it could not read. */
export function assessCoverage(facts: CoverageFacts): Coverage {
  return {
    credentials: credentialsCoverage(facts),
    permissions: permissionsCoverage(facts.projects),
    scopes: scopesCoverage(facts),
    ...(facts.sync ?? {
      createFields: 'not-tested',
      editFields: 'not-tested',
      issueSecurity: 'not-tested',
    }),
  };
}

/**
 * Tested when the token authenticated, or when Jira's answer proved it wrong (a credentials
 * error from the identity steps). A run that never got an answer about the token (network,
 * 5xx) did not test it.
 */
function credentialsCoverage(facts: CoverageFacts): CoverageState {
  if (!facts.tokenGiven) return 'not-tested';
  if (facts.tokenIdentity) return 'tested';
  if (facts.tokenUnidentified) return 'partial';
  const judged = facts.findings.some(
    (f) =>
      f.category === 'credentials' &&
      f.severity === 'error' &&
      (f.step === 'token-identity' || f.step === 'scoped-token-probe' || f.step === 'oauth-token'),
  );
  return judged ? 'tested' : 'not-tested';
}

/**
 * Every required permission of every target project is known (held or not), or the project is
 * known not to exist or not to be visible (then nothing else in it matters until that is fixed).
 */
function permissionsCoverage(projects: readonly ProjectReport[]): CoverageState {
  let known = 0;
  let total = 0;
  for (const project of projects) {
    const settled = project.exists === false || project.visible === false;
    for (const held of Object.values(project.permissions)) {
      total += 1;
      if (settled || held !== null) known += 1;
    }
  }
  if (total === 0 || known === 0) return 'not-tested';
  return known === total ? 'tested' : 'partial';
}

/**
 * A classic API token that works at the site has no scopes. A token used at the gateway is a
 * scoped one (or a classic one sent there): its scopes are what the scope verification found.
 */
function scopesCoverage(facts: CoverageFacts): CoverageState {
  if (facts.tokenIdentity?.acceptedAt === 'site') return 'not-applicable';
  return facts.scopes ?? 'not-tested';
}
