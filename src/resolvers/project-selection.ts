import { NeedsAuthenticationError } from '@forge/api';
import { z } from 'zod';
import { projectSearchShape } from '../engine/knowledge/jira-shapes';
import { EvidenceLog } from '../engine/port/evidence';
import { asUserTransport } from '../jira/forge-transport';
import { HttpJiraClient } from '../jira/http-client';
import { JiraTransportError, type JiraClient, type JiraResponse } from '../engine/port/jira-client';
import type { RunSource } from '../history/batch-store';
import type { Deadline } from './deadline';
import { ResolverError } from './envelope';

/** Projects one run may check from the admin page (in batches, see batch-run.ts). */
export const MAX_RUN_PROJECTS = 1000;
/** Documented maximum of project/search's maxResults. */
const PAGE_SIZE = 100;
/** Kept back from listing projects for answering. */
const LIST_RESERVE_MS = 2_000;
const RETRY = { maxRetries: 2, maxTotalWaitMs: 4_000, initialDelayMs: 500, maxDelayMs: 2_000 };

/** Jira project keys: a letter, then letters, digits or underscores (as validate.ts). */
const PROJECT_KEY = /^[A-Za-z][A-Za-z0-9_]{0,31}$/;
/** What separates pasted keys: commas, semicolons (#24: as spreadsheets export), spaces, tabs and line breaks. */
const SEPARATORS = /[\s,;]+/;
/** Entries longer than a key are never echoed back (they may be anything, even a token). */
const MAX_ECHO = 32;

export type Selection =
  { kind: 'keys'; text: string } | { kind: 'category'; categoryId: string } | { kind: 'every' };

export interface ResolvedSelection {
  keys: string[];
  source: RunSource;
}

/**
 * Pasted keys: split on commas, semicolons, spaces and line breaks, upper-cased (Jira's keys are), duplicates
 * dropped in order. Every entry that is not a key is named in one message on the projects field.
 */
export function parseKeyList(text: string): string[] {
  const entries = text.split(SEPARATORS).filter((e) => e.length > 0);
  const bad = entries
    .map((entry, i) => ({ entry, i }))
    .filter(({ entry }) => !PROJECT_KEY.test(entry));
  if (bad.length > 0) {
    const named = bad
      .slice(0, 5)
      .map(({ entry, i }) =>
        entry.length <= MAX_ECHO && /^[\x21-\x7e]+$/.test(entry)
          ? `"${entry}" (entry ${i + 1})`
          : `entry ${i + 1} (${entry.length} characters)`,
      );
    const more = bad.length > 5 ? ` and ${bad.length - 5} more` : '';
    refuse(
      `${bad.length === 1 ? 'This is not a project key' : 'These are not project keys'}: ${named.join(', ')}${more}. A key is a letter, then letters, digits or underscores (at most 32), such as WEB or OPS_2; separate keys with commas, semicolons, spaces or line breaks.`,
    );
  }
  const keys = [...new Set(entries.map((e) => e.toUpperCase()))];
  if (keys.length === 0) refuse('Paste at least one project key, such as WEB, OPS.');
  if (keys.length > MAX_RUN_PROJECTS)
    refuse(
      `That is ${keys.length} project keys; one run checks at most ${MAX_RUN_PROJECTS}. Split the list into several runs.`,
    );
  return keys;
}

/** The selection as project keys, as the signed-in administrator sees the projects. */
export async function resolveSelection(
  selection: Selection,
  deadline: Deadline,
  /** Lists as this administrator (offline impersonation) instead of the signed-in user. */
  as?: string,
): Promise<ResolvedSelection> {
  if (selection.kind === 'keys')
    return { keys: parseKeyList(selection.text), source: { kind: 'keys' } };
  const client = new HttpJiraClient({
    transport: asUserTransport([], as),
    target: 'forge',
    auth: 'admin',
    origin: 'forge',
    evidence: new EvidenceLog(),
    signal: deadline.signal(LIST_RESERVE_MS),
    timeoutMs: 8_000,
    retry: RETRY,
    passThrough: (error) => error instanceof NeedsAuthenticationError,
  });
  if (selection.kind === 'every') {
    const keys = await listProjects(client, {}, 'the projects you can see', 'on this site');
    if (keys.length === 0) refuse('You cannot see any project on this site.');
    return { keys, source: { kind: 'every' } };
  }
  const category = await findCategory(client, selection.categoryId);
  const keys = await listProjects(
    client,
    { categoryId: category.id },
    `the projects of category ${category.name}`,
    `in category ${category.name}`,
  );
  if (keys.length === 0) refuse(`No project you can see is in category ${category.name}.`);
  return {
    keys,
    source: { kind: 'category', categoryId: category.id, categoryName: category.name },
  };
}

const categoriesShape = z.array(z.object({ id: z.string().min(1), name: z.string() }));

async function findCategory(
  client: JiraClient,
  categoryId: string,
): Promise<{ id: string; name: string }> {
  const res = await ask(client, { path: '/rest/api/3/projectCategory' }, 'the project categories');
  const parsed = categoriesShape.safeParse(res.json);
  if (!parsed.success) unreadable('the project categories');
  const found = parsed.data.find((c) => c.id === categoryId);
  if (!found) refuse('That project category no longer exists. Pick another one.');
  return found;
}

/**
 * Pages project/search (live projects; archived and trashed ones are not synchronised) until
 * Jira says it was the last page. `total` is only a hint (the spec says it may change), so the
 * limit is also enforced on what was actually listed.
 */
async function listProjects(
  client: JiraClient,
  filter: Record<string, string>,
  what: string,
  where: string,
): Promise<string[]> {
  const keys: string[] = [];
  const maxPages = Math.ceil(MAX_RUN_PROJECTS / PAGE_SIZE) + 1;
  for (let page = 0; page < maxPages; page++) {
    const res = await ask(
      client,
      {
        path: '/rest/api/3/project/search',
        query: { ...filter, startAt: page * PAGE_SIZE, maxResults: PAGE_SIZE, orderBy: 'key' },
      },
      what,
    );
    const parsed = projectSearchShape.safeParse(res.json);
    if (!parsed.success) unreadable(what);
    const { values, isLast, total } = parsed.data;
    for (const project of values) keys.push(project.key.toUpperCase());
    if ((total ?? 0) > MAX_RUN_PROJECTS || keys.length > MAX_RUN_PROJECTS) tooMany(total, where);
    // Without isLast, a short page is the last one.
    if (
      isLast === true ||
      values.length === 0 ||
      (isLast === undefined && values.length < PAGE_SIZE)
    )
      return [...new Set(keys)];
  }
  return tooMany(undefined, where);
}

async function ask(
  client: JiraClient,
  req: { path: string; query?: Record<string, string | number> },
  what: string,
): Promise<JiraResponse> {
  let res: JiraResponse;
  try {
    res = await client.request({ method: 'GET', step: 'project-selection', ...req });
  } catch (error) {
    if (error instanceof JiraTransportError) {
      throw new ResolverError(
        'INTERNAL',
        `Could not list ${what}: Jira did not answer in time. Try again in a moment.`,
      );
    }
    throw error;
  }
  if (res.status === 401 || res.status === 403) {
    throw new ResolverError(
      'FORBIDDEN',
      `Jira did not let you list ${what}. Reload the page and sign in again.`,
    );
  }
  if (res.status !== 200) {
    throw new ResolverError(
      'INTERNAL',
      `Could not list ${what} (Jira answered HTTP ${res.status}). Try again in a moment.`,
    );
  }
  return res;
}

function tooMany(total: number | undefined, where: string): never {
  const counted = total !== undefined && total > MAX_RUN_PROJECTS ? ` (${total})` : '';
  return refuse(
    `There are more than ${MAX_RUN_PROJECTS} projects ${where}${counted}; one run checks at most ${MAX_RUN_PROJECTS}. Pick a category, or paste the keys of up to ${MAX_RUN_PROJECTS} projects.`,
  );
}

function unreadable(what: string): never {
  throw new ResolverError(
    'INTERNAL',
    `Could not list ${what}: Jira's answer was not what its documentation describes. Try again; if it keeps happening, paste the project keys instead.`,
  );
}

function refuse(message: string): never {
  throw new ResolverError('INVALID_INPUT', message, { projects: message });
}
