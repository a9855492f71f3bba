import type { Category, FindingCode } from '../model/report';
import { STATUS_RULES, WORDING_RULES } from './rules';
import { PLATFORM_RULES, type PlatformCategory } from './platform-rules';

/** What triage sorts messages into: a report's categories, and answers of the app platform. */
export type TriageCategory = Category | PlatformCategory;

export interface TriagedMessage {
  /** 1-based line of the input (text), or the JSON path of the entry (JSON). */
  source: string;
  text: string;
  status: number | null;
  recognised: boolean;
  rule: string | null;
  category: TriageCategory | null;
  code: FindingCode | null;
  cause: string | null;
  next: string | null;
  /** Seconds from a Retry-After seen in the same message. */
  retryAfterSeconds: number | null;
}

/** Identical messages (same masked text and status) shown once, with how often they came. */
export interface TriageGroup extends Omit<TriagedMessage, 'source'> {
  count: number;
  /** Where the first few occurrences were (at most MAX_GROUP_SOURCES). */
  sources: string[];
  /** A project key and a user's email named in the message, to pre-fill a check. */
  project: string | null;
  user: string | null;
}

export interface TriageResult {
  format: 'text' | 'json';
  messages: TriagedMessage[];
  /** The messages grouped, in order of first occurrence (additive to `messages`). */
  groups: TriageGroup[];
  counts: Record<TriageCategory, number> & { unrecognised: number };
}

const MAX_INPUT = 1_000_000;
const MAX_MESSAGES = 5_000;
const REASON_PHRASES =
  'Bad Request|Unauthorized|Forbidden|Not Found|Too Many Requests|Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout';
/**
 * `HTTP 401`, `status: 401`, `401 Unauthorized`, an error page's `Unauthorized (401)` (C3), or a
 * Python client's `[410: POST]` (restfly, recorded in tenable/integration-jira-cloud issue 314).
 */
const STATUS_IN_TEXT = new RegExp(
  `\\b(?:HTTP(?:\\/\\d(?:\\.\\d)?)?|status(?:[ _-]?code)?|code|response)\\s*[:=]?\\s*"?(\\d{3})\\b|\\b(\\d{3})\\s+(?:${REASON_PHRASES})\\b|\\b(?:${REASON_PHRASES})\\s*\\((\\d{3})\\)|\\[(\\d{3}):\\s*(?:GET|POST|PUT|PATCH|DELETE)\\]`,
  'i',
);

/**
 * Classifies pasted error text: a single message, a log excerpt, or a JSON error log (an array
 * of entries, or Jira error bodies). Pure: no network, nothing stored.
 */
export function triage(input: string): TriageResult {
  const bounded = input.length > MAX_INPUT ? input.slice(0, MAX_INPUT) : input;
  const json = parseJson(bounded);
  const raw = json === undefined ? textMessages(bounded) : jsonMessages(json);
  const messages = raw.slice(0, MAX_MESSAGES).map(classify);
  const counts = {
    credentials: 0,
    permissions: 0,
    configuration: 0,
    connectivity: 0,
    transient: 0,
    platform: 0,
    unrecognised: 0,
  };
  for (const m of messages) counts[m.category ?? 'unrecognised'] += 1;
  return {
    format: json === undefined ? 'text' : 'json',
    messages,
    groups: group(messages),
    counts,
  };
}

const MAX_GROUP_SOURCES = 5;
/** `project KEY`, `"projectKey":"KEY"`, or a REST path ending in /project/KEY: Jira keys are upper case. */
const PROJECT_IN_TEXT =
  /(?:\bproject(?:[ _-]?key)?["']?\s*[:=]?\s*["']?|\/project\/)([A-Z][A-Z0-9_]{1,9})\b/;
const EMAIL_IN_TEXT = /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+\b/;

/**
 * What makes two log lines "the same message" (#24): the text with what changes from request to
 * request taken out — timestamps, UUIDs and other long hex ids, and numbers (request and issue
 * ids, durations, counters). Project keys and words stay, so different projects or causes stay
 * apart.
 */
function messageShape(text: string): string {
  return text
    .replace(
      /\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/g,
      '<time>',
    )
    .replace(/\b\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?\b/g, '<time>')
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<id>')
    .replace(/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{12,}\b/gi, '<id>')
    .replace(/\b\d+\b/g, '<n>');
}

function group(messages: TriagedMessage[]): TriageGroup[] {
  const byKey = new Map<string, TriageGroup>();
  for (const { source, ...message } of messages) {
    const key = `${message.status ?? ''}\u0000${message.category ?? ''}\u0000${messageShape(message.text)}`;
    const known = byKey.get(key);
    if (known) {
      known.count += 1;
      if (known.sources.length < MAX_GROUP_SOURCES) known.sources.push(source);
      continue;
    }
    byKey.set(key, {
      ...message,
      count: 1,
      sources: [source],
      project: PROJECT_IN_TEXT.exec(message.text)?.[1] ?? null,
      user: EMAIL_IN_TEXT.exec(message.text)?.[0] ?? null,
    });
  }
  return [...byKey.values()];
}

interface RawMessage {
  source: string;
  text: string;
  status: number | null;
}

function parseJson(input: string): unknown {
  const trimmed = input.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return undefined;
  }
}

function textMessages(input: string): RawMessage[] {
  return input
    .split(/\r?\n/)
    .map((text, i) => ({ source: `line ${i + 1}`, text: text.trim(), status: statusIn(text) }))
    .filter((m) => m.text.length > 0);
}

function statusIn(text: string): number | null {
  const match = STATUS_IN_TEXT.exec(text);
  const value = Number(match?.[1] ?? match?.[2] ?? match?.[3] ?? match?.[4]);
  return value >= 100 && value <= 599 ? value : null;
}

const STATUS_KEYS = ['status', 'statusCode', 'status-code', 'httpStatus', 'code'];
/** Keys whose string value is a message; `body` as HTTP clients log an answer (`{statusCode, body}`). */
const MESSAGE_KEYS = ['message', 'error', 'errorMessage', 'detail', 'msg', 'reason', 'body'];

/** Walks a JSON log: every object that carries a status or a message becomes one entry. */
function jsonMessages(
  value: unknown,
  path = '$',
  inherited: number | null = null,
  out: RawMessage[] = [],
): RawMessage[] {
  if (out.length >= MAX_MESSAGES) return out;
  if (Array.isArray(value)) {
    value.forEach((item, i) => jsonMessages(item, `${path}[${i}]`, inherited, out));
    return out;
  }
  if (typeof value === 'string') {
    if (value.trim())
      out.push({ source: path, text: value.trim(), status: inherited ?? statusIn(value) });
    return out;
  }
  if (!value || typeof value !== 'object') return out;
  const record = value as Record<string, unknown>;
  const statusValue = STATUS_KEYS.map((k) => record[k]).find(
    (v) => typeof v === 'number' || (typeof v === 'string' && /^\d{3}$/.test(v)),
  );
  const status = statusValue !== undefined ? Number(statusValue) : inherited;
  const texts: string[] = [];
  for (const key of MESSAGE_KEYS)
    if (typeof record[key] === 'string') texts.push(record[key] as string);
  if (Array.isArray(record['errorMessages']))
    for (const m of record['errorMessages']) if (typeof m === 'string') texts.push(m);
  if (
    record['errors'] &&
    typeof record['errors'] === 'object' &&
    !Array.isArray(record['errors'])
  ) {
    for (const [field, m] of Object.entries(record['errors'] as Record<string, unknown>))
      if (typeof m === 'string') texts.push(`${field}: ${m}`);
  }
  const headers = record['headers'];
  if (headers && typeof headers === 'object') {
    for (const [name, v] of Object.entries(headers as Record<string, unknown>)) {
      if (
        /^(retry-after|beta-retry-after|x-ratelimit-|ratelimit-reason|x-seraph-loginreason|x-authentication-denied-reason|x-failure-category|x-ausername)/i.test(
          name,
        )
      )
        texts.push(`${name}: ${String(v)}`);
    }
  }
  // Children first: an entry whose only content is its status, with the answer in a child
  // (`{status: 403, body: {message: …}}`), is that child's message, not a bare "HTTP 403" of its own.
  const children: RawMessage[] = [];
  for (const [key, child] of Object.entries(record)) {
    // Jira's error map (`errors: { field: message }`) was read above; a list named `errors` is a log.
    const readAbove =
      key === 'errorMessages' ||
      key === 'headers' ||
      (key === 'errors' && !Array.isArray(child)) ||
      (MESSAGE_KEYS.includes(key) && typeof child === 'string');
    if (readAbove) continue;
    if (child && typeof child === 'object')
      jsonMessages(child, `${path}.${key}`, status ?? null, children);
  }
  if (texts.length > 0 || (statusValue !== undefined && children.length === 0)) {
    out.push({ source: path, text: texts.join(' | ') || `HTTP ${status}`, status: status ?? null });
  }
  for (const child of children) if (out.length < MAX_MESSAGES) out.push(child);
  return out;
}

/**
 * Pasted logs often carry credentials (an Authorization header, `curl -u`, a token in a URL or a
 * JSON field). Messages are classified as pasted but kept masked, so neither the CLI's output
 * nor the panel (or a screenshot of it) repeats a secret.
 */
export function maskSecrets(text: string): string {
  return (
    text
      // An ordinary word after "Basic" is not a credential: "Basic authentication with
      // passwords…" (C5), "Basic Authentication has been disabled…" (D2), "Basic Authentication
      // Failure - Reason : AUTHENTICATION_DENIED" (D3). A word is letters, lower case after the
      // first, not run on into base64 (`=`, `+`, `/`).
      .replace(/\b(Basic|Bearer)\s+(?![A-Za-z][a-z]+\b(?![=+/]))[A-Za-z0-9+/=._~-]{8,}/g, '$1 ••••')
      .replace(/(\s-u\s+|--user[ =])(['"]?)[^\s:'"]+:[^\s'"]+\2/g, '$1••••')
      .replace(/\bAT[A-Z]{2}T[A-Za-z0-9_=+/-]{8,}/g, 'ATATT••••')
      .replace(
        /((?:api[_-]?token|token|password|passwd|secret)["']?\s*[=:]\s*["']?)[^\s"'&,;}]+/gi,
        '$1••••',
      )
  );
}

function classify(message: RawMessage): TriagedMessage {
  const retryAfter = /Retry-After\s*[:=]\s*"?(\d+)/i.exec(message.text);
  const base = {
    ...message,
    text: maskSecrets(message.text),
    retryAfterSeconds: retryAfter ? Number(retryAfter[1]) : null,
  };
  const rule =
    PLATFORM_RULES.find((r) => r.pattern.test(message.text)) ??
    WORDING_RULES.find((r) => r.pattern.test(message.text));
  if (rule) {
    return {
      ...base,
      recognised: true,
      rule: rule.id,
      category: rule.category,
      code: rule.code ?? null,
      cause: rule.cause,
      next: rule.next,
    };
  }
  const byStatus = message.status !== null ? STATUS_RULES[message.status] : undefined;
  if (byStatus) {
    return {
      ...base,
      recognised: true,
      rule: `status-${message.status}`,
      category: byStatus.category,
      code: byStatus.code ?? null,
      cause: byStatus.cause,
      next: byStatus.next,
    };
  }
  return {
    ...base,
    recognised: false,
    rule: null,
    category: null,
    code: null,
    cause: null,
    next: null,
  };
}
