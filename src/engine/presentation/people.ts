/**
 * A stored run names people by account ID only (the history keeps no name or email). Shown to a
 * reader, every account ID in its sentences becomes the name Jira shows that reader (#24); where
 * Jira shows them none, a role word ("the sync user"), never a raw ID in a sentence. The account
 * ID itself stays where it is an identifier (`accountId` fields, links, request evidence).
 */
import type { Report } from '../model/report';

/** Account ID → the name Jira shows the reader; null when it shows none. */
export type PeopleNames = Readonly<Record<string, { displayName: string | null } | undefined>>;

/** Object keys whose strings are identifiers or addresses, not sentences. */
const KEEP = new Set(['accountId', 'url', 'requests', 'path', 'key', 'id', 'site']);

export function withPeopleNames(report: Report, people: PeopleNames): Report {
  const names = new Map<string, string>();
  const name = (id: string, fallback: string) => people[id]?.displayName ?? fallback;
  const subject = report.subject;
  const token = report.tokenIdentity;
  if (token) names.set(token.accountId, name(token.accountId, "the token's account"));
  if (subject) names.set(subject.accountId, name(subject.accountId, 'the sync user'));
  for (const id of Object.keys(people)) {
    const shown = people[id]?.displayName;
    if (shown && !names.has(id)) names.set(id, shown);
  }
  if (names.size === 0) return report;
  const ids = [...names.keys()].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(ids.map(escape).join('|'), 'g');
  // "Name <email>" and "Name (accountId)" were both stored as the account ID: say it once.
  const once = (text: string) =>
    ids.reduce(
      (out, id) => out.split(`${id} <${id}>`).join(id).split(`${id} (${id})`).join(id),
      text,
    );
  const replace = (text: string) =>
    once(text).replace(pattern, (id: string, at: number, all: string) => {
      const name = names.get(id) ?? id;
      // A role word opening a sentence starts with a capital.
      return at === 0 || /[.!?]\s$/.test(all.slice(Math.max(0, at - 2), at))
        ? name.charAt(0).toUpperCase() + name.slice(1)
        : name;
    });
  const walk = (node: unknown, key: string | null): unknown => {
    if (key !== null && KEEP.has(key)) return node;
    if (typeof node === 'string') return replace(node);
    if (Array.isArray(node)) return node.map((item) => walk(item, null));
    if (typeof node === 'object' && node !== null)
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v, k)]));
    return node;
  };
  const named = walk(report, null) as Report;
  return {
    ...named,
    subject: subject
      ? { ...named.subject!, displayName: people[subject.accountId]?.displayName ?? null }
      : null,
    tokenIdentity: token
      ? { ...named.tokenIdentity!, displayName: people[token.accountId]?.displayName ?? null }
      : null,
  };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
