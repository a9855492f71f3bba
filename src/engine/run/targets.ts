import { remedy } from '../findings/remedies';
import type { CredentialHygieneIssue } from '../model/input';
import type { RunContext } from './context';

/** Browse Projects is always checked: without it nothing else in a project can be used. */
export function normalisePermissions(permissions: readonly string[]): string[] {
  const keys = permissions.map((p) => p.trim().toUpperCase()).filter(Boolean);
  return [...new Set(['BROWSE_PROJECTS', ...keys])];
}

export function normaliseProjectKeys(keys: readonly string[]): string[] {
  return [...new Set(keys.map((k) => k.trim().toUpperCase()).filter(Boolean))];
}

/** The credential-hygiene step: what was cleaned from the pasted email and token. */
export function checkHygiene(ctx: RunContext, hygiene: readonly CredentialHygieneIssue[]): void {
  const handle = ctx.step('credential-hygiene', 'The email and token were pasted cleanly');
  if (hygiene.length === 0) {
    handle.finish('pass', 'No surrounding whitespace, line breaks or quotes.');
    return;
  }
  const fields = [...new Set(hygiene.map((h) => (h.field === 'email' ? 'email' : 'API token')))];
  handle.finish('warn', `Cleaned: ${hygiene.map((h) => `${h.field} (${h.problem})`).join(', ')}.`);
  ctx.add(remedy.whitespace(handle.id, fields));
}
