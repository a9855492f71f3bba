import Resolver from '@forge/resolver';
import type { ResolverKey, ResultOf } from '../contract';
import { NeedsAuthenticationError } from '@forge/api';
import { inspectCredentialText } from '../engine/model/credential-text';
import { secretForms } from '../jira/secret-forms';
import { failure, ResolverError, type ResolverFailure } from './envelope';
import { PRODUCTION, type ResolverEnvironment } from './environment';
import { clearHistory, getHistory, liftCoolingOffResolver } from './history';
import { ACTIVE_PROFILE } from '../profile/active';
import { PROFILES, type ProfileName } from '../profile/profiles';
import { cancelRun, startRun } from './batch-run';
import { getCapabilities } from './capabilities';
import { importReport } from './import-report';
import { runCheckIn, type ResolverRequest } from './run-check';
import { redactText } from './secrets';
import {
  getProfileRuns,
  getProjectWatch,
  listSyncProfiles,
  removeProfile,
  runProfileNow,
  saveProfile,
} from './watch';

/** A resolver as the contract declares it (src/contract): its answer's type is the key's result. */
type Handler<K extends ResolverKey> = (
  request: ResolverRequest,
  environment: ResolverEnvironment,
) => Promise<{ ok: true } & ResultOf<K>>;

/**
 * Every key answers `{ ok: true, … }` or `{ ok: false, error: { code, message } }`. Expected
 * refusals carry their own message; anything else becomes INTERNAL with a generic message, and
 * only the error's name and a redacted message reach the log.
 */
function guarded<K extends ResolverKey>(
  key: K,
  handler: Handler<K>,
  environment: ResolverEnvironment,
) {
  return async (
    request: ResolverRequest,
  ): Promise<({ ok: true } & ResultOf<K>) | ResolverFailure> => {
    try {
      return await handler(request, environment);
    } catch (error) {
      if (error instanceof ResolverError) return failure(error.code, error.message, error.fields);
      // The platform turns this into the "Allow access" prompt: let it through.
      if (error instanceof NeedsAuthenticationError) throw error;
      console.error(`${key} failed: ${describeForLog(error, request.payload)}`);
      return failure(
        'INTERNAL',
        'Credential Doctor hit an unexpected error. Try again; if it keeps happening, the app logs have details.',
      );
    }
  };
}

/** The error's name and message, with every form of the payload's credential redacted. */
export function describeForLog(error: unknown, payload: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : typeof error;
  return redactText(text, credentialFormsOf(payload)).slice(0, 500);
}

/**
 * Every way the pasted credential can show up in an error: the token as sent, trimmed, and as
 * cleaned (quotes and whitespace removed); each also base64-encoded and as the Basic credential
 * with the email as sent and as cleaned.
 */
export function credentialFormsOf(payload: unknown): string[] {
  const given = (payload as { token?: { token?: unknown; email?: unknown } } | null)?.token;
  const token = given?.token;
  if (typeof token !== 'string' || token.trim() === '') return [];
  const email = typeof given?.email === 'string' ? given.email : undefined;
  const tokens = new Set([token, token.trim(), inspectCredentialText(token, 'token').value]);
  const emails = new Set<string | undefined>([undefined]);
  if (email !== undefined) {
    emails.add(email);
    emails.add(email.trim());
    emails.add(inspectCredentialText(email, 'email').value);
  }
  const forms = new Set<string>();
  for (const t of tokens) {
    if (t === '') continue;
    for (const e of emails) for (const form of secretForms(t, e)) forms.add(form);
  }
  return [...forms].sort((a, b) => b.length - a.length);
}

/**
 * The resolver definitions for an environment (production, src/index.ts, or local-forge's) and a
 * build of the app (src/profile; the one this directory was written as, unless told otherwise).
 */
export function createDefinitions(
  environment: ResolverEnvironment,
  profileName: ProfileName = ACTIVE_PROFILE,
) {
  const profile = PROFILES[profileName];
  const resolver = new Resolver();
  resolver.define('runCheck', guarded('runCheck', runCheckIn(profile), environment));
  resolver.define('startRun', guarded('startRun', startRun, environment));
  resolver.define('cancelRun', guarded('cancelRun', cancelRun, environment));
  resolver.define('importReport', guarded('importReport', importReport(), environment));
  resolver.define(
    'getCapabilities',
    guarded('getCapabilities', getCapabilities(profile), environment),
  );
  resolver.define('getHistory', guarded('getHistory', getHistory, environment));
  resolver.define('clearHistory', guarded('clearHistory', clearHistory, environment));
  resolver.define('saveProfile', guarded('saveProfile', saveProfile, environment));
  resolver.define('listProfiles', guarded('listProfiles', listSyncProfiles, environment));
  resolver.define('removeProfile', guarded('removeProfile', removeProfile, environment));
  resolver.define('getProfileRuns', guarded('getProfileRuns', getProfileRuns, environment));
  resolver.define('runProfileNow', guarded('runProfileNow', runProfileNow, environment));
  resolver.define('getProjectWatch', guarded('getProjectWatch', getProjectWatch, environment));
  resolver.define('liftCoolingOff', guarded('liftCoolingOff', liftCoolingOffResolver, environment));
  return resolver.getDefinitions();
}

export const definitions = createDefinitions(PRODUCTION);
