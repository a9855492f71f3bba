import Resolver from '@forge/resolver';
import { NeedsAuthenticationError } from '@forge/api';
import { failure, ResolverError, type ResolverFailure } from './envelope';
import { clearHistory, getHistory } from './history';
import { runCheck, type ResolverRequest } from './run-check';
import { redactText } from './secrets';

type Handler = (request: ResolverRequest) => Promise<object>;

/**
 * Every key answers `{ ok: true, … }` or `{ ok: false, error: { code, message } }`. Expected
 * refusals carry their own message; anything else becomes INTERNAL with a generic message, and
 * only the error's name and a redacted message reach the log.
 */
function guarded(key: string, handler: Handler) {
  return async (request: ResolverRequest): Promise<object | ResolverFailure> => {
    try {
      return await handler(request);
    } catch (error) {
      if (error instanceof ResolverError) return failure(error.code, error.message);
      // The platform turns this into the "Allow access" prompt: let it through.
      if (error instanceof NeedsAuthenticationError) throw error;
      console.error(`${key} failed: ${describe(error, request.payload)}`);
      return failure(
        'INTERNAL',
        'Credential Doctor hit an unexpected error. Try again; if it keeps happening, the app logs have details.',
      );
    }
  };
}

function describe(error: unknown, payload: unknown): string {
  const token = (payload as { token?: { token?: unknown } } | null)?.token?.token;
  const secrets = typeof token === 'string' && token.trim() ? [token.trim()] : [];
  const text = error instanceof Error ? `${error.name}: ${error.message}` : typeof error;
  return redactText(text, secrets).slice(0, 500);
}

const resolver = new Resolver();
resolver.define('runCheck', guarded('runCheck', runCheck));
resolver.define('getHistory', guarded('getHistory', getHistory));
resolver.define('clearHistory', guarded('clearHistory', clearHistory));

export const definitions = resolver.getDefinitions();
