import { base64Utf8 } from './base64';

/** Shorter values would redact ordinary words; a real API token is far longer. */
const MIN_SECRET_LENGTH = 8;

/**
 * The ways a credential can show up in text: the token itself, its base64 (and base64url) form,
 * and the Basic credential `base64(email:token)`; each of them also as it reads inside a JSON
 * string (quotes, backslashes, controls and non-ASCII escaped) and URL-encoded (a log line of a
 * query string or a form body), with upper- and lower-case percent escapes. Longest first, so a
 * longer form is replaced before a part of it.
 */
export function secretForms(token: string, email?: string): string[] {
  const base = [token, base64(token), base64url(token)];
  if (email !== undefined) {
    base.push(base64(`${email}:${token}`), base64url(`${email}:${token}`));
  }
  const forms = new Set<string>();
  for (const form of base) for (const variant of encodings(form)) forms.add(variant);
  return [...forms]
    .filter((form) => form.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length);
}

/** The form, JSON-escaped (as JSON.stringify and as ASCII-only JSON write it), URL-encoded. */
function encodings(form: string): string[] {
  const json = JSON.stringify(form).slice(1, -1);
  const asciiJson = json.replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  const url = encodeURIComponent(form);
  const formBody = url.replace(/%20/g, '+');
  const lower = (text: string) => text.replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase());
  const upperJson = asciiJson.replace(
    /\\u([0-9a-f]{4})/g,
    (_m, hex: string) => `\\u${hex.toUpperCase()}`,
  );
  return [form, json, asciiJson, upperJson, url, lower(url), formBody, lower(formBody)];
}

function base64(text: string): string {
  return base64Utf8(text);
}

/** RFC 4648 base64url, unpadded (as Node writes it). */
function base64url(text: string): string {
  return base64Utf8(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Replaces every given secret form in `text`. */
export function redactForms(
  text: string,
  forms: readonly string[],
  replacement = '[redacted]',
): string {
  return forms.reduce((out, form) => (form ? out.split(form).join(replacement) : out), text);
}
