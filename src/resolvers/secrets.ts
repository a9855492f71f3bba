import { redactForms } from '../jira/secret-forms';

const REDACTED = '[redacted]';

/**
 * Defence in depth: returns `value` with every occurrence of a secret replaced, as it would
 * appear inside JSON. The engine never puts credentials into a report; this makes sure of it
 * before anything is returned or stored. `found` tells whether anything was replaced.
 */
export function redact<T>(value: T, secrets: readonly string[]): { value: T; found: boolean } {
  if (secrets.length === 0 || value === undefined) return { value, found: false };
  let text = JSON.stringify(value);
  let found = false;
  for (const secret of secrets) {
    const needle = JSON.stringify(secret).slice(1, -1);
    if (needle && text.includes(needle)) {
      found = true;
      text = text.split(needle).join(REDACTED);
    }
  }
  return { value: found ? (JSON.parse(text) as T) : value, found };
}

/** Redacts secrets from a free-text message (logs). */
export function redactText(text: string, secrets: readonly string[]): string {
  return redactForms(text, secrets, REDACTED).replace(
    /Basic\s+[A-Za-z0-9+/=]{6,}/g,
    `Basic ${REDACTED}`,
  );
}
