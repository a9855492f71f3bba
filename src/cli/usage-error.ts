/** A mistake in how the command was called: exit code 2, message shown as is. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Quotes a user-supplied value for a message. A classic API token is 24 letters and digits, so
 * anything longer than a project key usually is gets cut to its first characters: a misplaced
 * secret is never echoed.
 */
export function quoteValue(value: string): string {
  const shown = value.length > 16 ? `${value.slice(0, 3)}… (${value.length} characters)` : value;
  return JSON.stringify(shown);
}

/** Upper-case names are how environment variables are named; anything else may be a pasted token. */
export function describeEnvName(name: string, flag: string): string {
  return /^[A-Z][A-Z0-9_]{0,63}$/.test(name) ? name : `the variable named with ${flag}`;
}
