/**
 * Replaces every known secret, and the Basic header value built from it, with [redacted].
 * A last line of defence for anything the CLI prints: nothing should contain a secret anyway.
 */
export type Redactor = (text: string) => string;

export function createRedactor(
  secrets: ReadonlyArray<{ email?: string; token: string }>,
): Redactor {
  const needles = secrets.flatMap(({ email, token }) => {
    const forms = [token, Buffer.from(token, 'utf8').toString('base64')];
    if (email !== undefined)
      forms.push(Buffer.from(`${email}:${token}`, 'utf8').toString('base64'));
    // Very short values would redact ordinary words; a real token is far longer.
    return forms.filter((form) => form.length >= 8);
  });
  needles.sort((a, b) => b.length - a.length);
  return (text) => needles.reduce((out, needle) => out.split(needle).join('[redacted]'), text);
}
