import { redactForms, secretForms } from '../jira/secret-forms';

/**
 * Replaces every known secret, and the Basic header value built from it, with [redacted].
 * A last line of defence for anything the CLI prints: nothing should contain a secret anyway.
 */
export interface Redactor {
  (text: string): string;
  /** A secret learnt during the run (an OAuth 2.0 access token): redacted from then on. */
  add(secret: { email?: string; token: string }): void;
}

export function createRedactor(
  secrets: ReadonlyArray<{ email?: string; token: string }>,
): Redactor {
  let forms = formsOf(secrets);
  const redact = ((text: string) => redactForms(text, forms)) as Redactor;
  redact.add = (secret) => {
    forms = formsOf([secret])
      .concat(forms)
      .sort((a, b) => b.length - a.length);
  };
  return redact;
}

function formsOf(secrets: ReadonlyArray<{ email?: string; token: string }>): string[] {
  return secrets
    .flatMap(({ email, token }) => secretForms(token, email))
    .sort((a, b) => b.length - a.length);
}
