import { redactForms, secretForms } from '../jira/secret-forms';

/**
 * Replaces every known secret, and the Basic header value built from it, with [redacted].
 * A last line of defence for anything the CLI prints: nothing should contain a secret anyway.
 */
export type Redactor = (text: string) => string;

export function createRedactor(
  secrets: ReadonlyArray<{ email?: string; token: string }>,
): Redactor {
  const forms = secrets
    .flatMap(({ email, token }) => secretForms(token, email))
    .sort((a, b) => b.length - a.length);
  return (text) => redactForms(text, forms);
}
