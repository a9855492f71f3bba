import { redactForms } from '../jira/secret-forms';

const REDACTED = '[redacted]';

/**
 * Defence in depth: returns `value` with every occurrence of a secret replaced, as it would
 * appear inside JSON. The engine never puts credentials into a report; this makes sure of it
 * before anything is returned or stored. `found` tells whether anything was replaced.
 */
export function redact<T>(value: T, secrets: readonly string[]): { value: T; found: boolean } {
  if (secrets.length === 0 || value === undefined) return { value, found: false };
  const text = JSON.stringify(value);
  const needles = secrets.map((secret) => JSON.stringify(secret).slice(1, -1));
  const found = needles.some((needle) => needle !== '' && text.includes(needle));
  if (!found) return { value, found };
  return { value: JSON.parse(redactForms(text, needles, REDACTED)) as T, found };
}

/** Redacts secrets from a free-text message (logs). */
export function redactText(text: string, secrets: readonly string[]): string {
  return redactForms(text, secrets, REDACTED).replace(
    /Basic\s+[A-Za-z0-9+/=]{6,}/g,
    `Basic ${REDACTED}`,
  );
}
