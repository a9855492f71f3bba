/** Shorter values would redact ordinary words; a real API token is far longer. */
const MIN_SECRET_LENGTH = 8;

/**
 * The ways a credential can show up in text: the token itself, its base64 form, and the Basic
 * credential `base64(email:token)`. Longest first, so a longer form is replaced before a part of it.
 */
export function secretForms(token: string, email?: string): string[] {
  const forms = [token, Buffer.from(token, 'utf8').toString('base64')];
  if (email !== undefined) forms.push(Buffer.from(`${email}:${token}`, 'utf8').toString('base64'));
  return forms
    .filter((form) => form.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length);
}

/** Replaces every given secret form in `text`. */
export function redactForms(
  text: string,
  forms: readonly string[],
  replacement = '[redacted]',
): string {
  return forms.reduce((out, form) => (form ? out.split(form).join(replacement) : out), text);
}
