import type { Report } from '../engine/model/report';
import { isAccountId } from '../contract/account-id';
import type { HistoryEntry, RunAuthority } from '../contract/history';

/** What the run knew about people, beyond what its report says. */
export interface RunPeople {
  /** The email address sent with the token (never stored). */
  tokenEmail: string | null;
}

/** Said instead of an email address whose account is unknown (the token was refused). */
export const UNKNOWN_EMAIL = 'the email address given';

/**
 * The report as it may be stored: no email address or display name. Each one the run met is
 * replaced, wherever it appears (messages, remedies, check details, evidence paths), by the
 * account ID it belongs to, so the history can resolve it again for display as the reader.
 */
export function withoutPersonalData(report: Report, people: RunPeople): Report {
  const replacements: Array<[string, string]> = [];
  const add = (text: string | null | undefined, replacement: string): void => {
    if (text && text.trim().length > 0 && text !== replacement)
      replacements.push([text, replacement]);
  };
  const subject = report.subject;
  const identity = report.tokenIdentity;
  if (identity) {
    add(identity.email, identity.accountId);
    add(identity.displayName, identity.accountId);
  }
  if (subject) {
    add(subject.email, subject.accountId);
    add(subject.displayName, subject.accountId);
  }
  add(people.tokenEmail, identity?.accountId ?? UNKNOWN_EMAIL);

  const scrubbed = replaceEverywhere(report, replacements);
  return {
    ...scrubbed,
    subject: scrubbed.subject ? { ...scrubbed.subject, displayName: null, email: null } : null,
    tokenIdentity: scrubbed.tokenIdentity
      ? { ...scrubbed.tokenIdentity, displayName: null, email: null }
      : null,
  };
}

/**
 * The account IDs an entry names: what the privacy sweep reports to Atlassian. Only valid account
 * IDs: a malformed one (an imported report's) is never stored in the index or reported.
 */
export function accountIdsOf(entry: HistoryEntry): string[] {
  const ids = new Set<string>();
  if (entry.ranBy) ids.add(entry.ranBy);
  ids.add(entry.inputs.userAccountId);
  if (entry.report.subject) ids.add(entry.report.subject.accountId);
  if (entry.report.tokenIdentity) ids.add(entry.report.tokenIdentity.accountId);
  // A cooling-off finding names who ran the refused checks (resolvers/login-guard.ts).
  for (const finding of entry.report.findings) {
    const causedBy = (finding.details as { causedBy?: unknown } | undefined)?.causedBy;
    if (Array.isArray(causedBy)) for (const id of causedBy) if (typeof id === 'string') ids.add(id);
  }
  return [...ids].filter(isAccountId);
}

export const GROUP_HIDDEN = 'a group';

/**
 * What `reader` may see of a stored run. A Jira administrator sees everything. A project
 * administrator sees their project's runs, but a run made with Jira-administrator authority
 * loses what needs more than project administration to read: the sync user's groups and product
 * access, and the grant explanations (which name groups); group names left in texts are replaced.
 */
export function visibleTo(entry: HistoryEntry, reader: RunAuthority): HistoryEntry {
  if (reader === 'jira-admin' || entry.authority === 'project-admin') return entry;
  const groups = new Set<string>(entry.report.subject?.groups ?? []);
  for (const project of entry.report.projects) {
    for (const group of project.explanation?.userGroups ?? []) groups.add(group);
  }
  const report = replaceEverywhere(
    entry.report,
    [...groups].map((g): [string, string] => [g, GROUP_HIDDEN]),
  );
  const findings = replaceEverywhere(
    entry.findings,
    [...groups].map((g): [string, string] => [g, GROUP_HIDDEN]),
  );
  return {
    ...entry,
    findings,
    summary: replaceEverywhere(
      entry.summary,
      [...groups].map((g): [string, string] => [g, GROUP_HIDDEN]),
    ),
    report: {
      ...report,
      subject: report.subject ? { ...report.subject, groups: null, products: null } : null,
      projects: report.projects.map(({ explanation: _hidden, ...project }) => project),
    },
    reduced: true,
  };
}

/**
 * Replaces every occurrence of each text (longest first, as a whole word, also URL-encoded) in
 * every string of `value`. Keys are left alone: reports put no personal data in keys.
 */
export function replaceEverywhere<T>(value: T, replacements: ReadonlyArray<[string, string]>): T {
  if (replacements.length === 0) return value;
  const patterns = [...replacements]
    .flatMap(([text, by]): Array<[string, string]> => {
      const encoded = encodeURIComponent(text);
      return encoded === text
        ? [[text, by]]
        : [
            [text, by],
            [encoded, by],
          ];
    })
    .sort((a, b) => b[0].length - a[0].length)
    .map(([text, by]) => [wholeWord(text), by] as const);
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') {
      return patterns.reduce((out, [pattern, by]) => out.replace(pattern, () => by), node);
    }
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node === 'object' && node !== null) {
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v)]));
    }
    return node;
  };
  return walk(value) as T;
}

/** Not inside a longer word: a display name "Sam" leaves "Sample" alone. */
function wholeWord(text: string): RegExp {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}_])${escaped}(?![\\p{L}\\p{N}_])`, 'gu');
}
