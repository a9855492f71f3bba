/** A mistake in how the command was called: exit code 2, message shown as is. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Quotes a user-supplied value for a message, shortened so a misplaced secret is not echoed whole. */
export function quoteValue(value: string): string {
  const shown = value.length > 24 ? `${value.slice(0, 12)}…` : value;
  return JSON.stringify(shown);
}
