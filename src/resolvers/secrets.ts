/** Credentials of one run, for redaction. Values shorter than this are not searched for. */
const MIN_SECRET_LENGTH = 6;
const REDACTED = '[redacted]';

/** The token and the Basic credential built from it: what must never leave a run. */
export function secretsOf(email: string, token: string): string[] {
  const basic = Buffer.from(`${email}:${token}`, 'utf8').toString('base64');
  return [token, basic].filter((s) => s.length >= MIN_SECRET_LENGTH);
}

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
  let out = text;
  for (const secret of secrets) if (secret) out = out.split(secret).join(REDACTED);
  return out.replace(/Basic\s+[A-Za-z0-9+/=]{6,}/g, `Basic ${REDACTED}`);
}
