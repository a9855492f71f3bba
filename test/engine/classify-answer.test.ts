/**
 * classifyAnswer from a table: every answer recorded from real Jira sites
 * (test/fixtures/jira-cloud/, sources in docs/jira-behaviour.md), read as the HTTP client reads it,
 * and what it means; then the meanings no site was recorded giving, and the rules' precedence.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  classifyAnswer,
  ignoringScope,
  type Answer,
  type AnswerMeaning,
  type SentCredentials,
} from '../../src/engine/knowledge/classify-answer';
import { toJiraResponse } from '../../src/jira/response';

const FIXTURE_DIR = path.resolve(__dirname, '..', 'fixtures', 'jira-cloud');

interface Recorded {
  id: string;
  exchanges: Array<{
    request: { credentials: 'sync-user' | 'admin' | 'none'; sent?: string };
    response: { status: number; headers: Record<string, string>; body: string };
  }>;
}

const FAILED: AnswerMeaning = { kind: 'failed-login' };
const SCOPE: AnswerMeaning = { kind: 'scope-refusal', beneath: FAILED };
const ANSWER: AnswerMeaning = { kind: 'answer' };
const PASSWORD: AnswerMeaning = { kind: 'password-deprecated' };
const IP: AnswerMeaning = { kind: 'ip-allowlist' };

/** Fixture id → the meaning of each of its recorded answers, in order. */
const RECORDED: Readonly<Record<string, readonly AnswerMeaning[]>> = {
  // The details of an archived project: an ordinary answer; the step reads `archived`.
  'A1-archived-project-details': [ANSWER],
  // A suspended site: 503 to the token and to the status page alike; the step tells suspension
  // from an outage (SITE_SUSPENDED), not the answer.
  'A3-suspended-site-503': [{ kind: 'server-error' }, { kind: 'server-error' }],
  'C1-myself-401-header-casing': [FAILED],
  'C1-myself-401-json': [FAILED],
  'C1-myself-401-text': [FAILED],
  'C1-myself-401-xml': [FAILED],
  'C2-body-at-myself': [FAILED],
  'C2-write-401-error-collection': [FAILED],
  'C3-401-html-page': [FAILED],
  'C4-anonymous-200-project-search': [{ kind: 'anonymous-fallback' }],
  'C5-password-401-text': [PASSWORD],
  'C5-password-header-casing': [PASSWORD],
  'C5-token-without-email': [PASSWORD],
  // A scoped token at the site is refused like any other token; the gateway then accepts it.
  'C6-scoped-token-at-site': [FAILED, ANSWER],
  'C7-gateway-scope-401-text': [SCOPE],
  'C7-gateway-scope-header-only': [SCOPE],
  // The wording is in the body's `error` field, not in an error collection.
  'C8-bearer-403': [{ kind: 'connect-session' }],
  'C9-expired-token': [FAILED],
  'J1-archived-project': [ANSWER, ANSWER, ANSWER],
  'J1-project-in-trash': [ANSWER, ANSWER, ANSWER],
  'P1-ip-allowlist-allowed-list-kb': [IP],
  'P1-ip-allowlist-allowedlist-json': [IP],
  'P1-ip-allowlist-allowedlist-text-401': [IP],
  'P2-captcha-data-center': [{ kind: 'login-challenge' }],
  // The gateway's JSON form of C7, without the header: the wording on a 401 is enough.
  'S2-gateway-read-scope-json': [SCOPE],
  'W1-field-not-on-screen': [ANSWER],
  'W2-write-scope-missing': [SCOPE],
  'W3-issue-not-visible': [ANSWER],
  'W5-per-issue-write-429': [
    { kind: 'rate-limited', reason: 'jira-per-issue-on-write', retryAfterSeconds: 7 },
  ],
};

/** The fixture's answer as the HTTP client hands it to the engine (lower-cased header names). */
function asReceived(response: Recorded['exchanges'][number]['response']): Answer {
  const headers = Object.fromEntries(
    Object.entries(response.headers).map(([name, value]) => [name.toLowerCase(), value]),
  );
  // A fixed clock: W5's Retry-After is a number of seconds, not a date.
  return toJiraResponse({ status: response.status, headers, text: response.body }, 1, 0);
}

function sentBy(request: Recorded['exchanges'][number]['request']): SentCredentials {
  if (request.credentials === 'none') return 'none';
  return request.sent === 'bearer' ? 'bearer' : 'basic';
}

const fixtures: Recorded[] = readdirSync(FIXTURE_DIR)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => JSON.parse(readFileSync(path.join(FIXTURE_DIR, file), 'utf8')) as Recorded);

describe('classifyAnswer: answers recorded from real Jira sites', () => {
  it('the table covers every recorded fixture', () => {
    expect(Object.keys(RECORDED).sort()).toEqual(fixtures.map((f) => f.id).sort());
  });

  it.each(fixtures.map((f) => [f.id, f] as const))('%s', (_id, fixture) => {
    const meanings = fixture.exchanges.map((exchange) =>
      classifyAnswer(asReceived(exchange.response), sentBy(exchange.request)),
    );
    expect(meanings).toEqual(RECORDED[fixture.id]);
  });
});

/** An answer built by hand for what no recording shows; JSON bodies as the client parses them. */
function answer(
  status: number,
  extra: { headers?: Record<string, string>; json?: unknown; text?: string } = {},
): Answer {
  const json = extra.json;
  return toJiraResponse(
    {
      status,
      headers: {
        ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
        ...extra.headers,
      },
      text: json !== undefined ? JSON.stringify(json) : (extra.text ?? ''),
    },
    1,
    0,
  );
}

describe('classifyAnswer: meanings and precedence', () => {
  const rows: Array<[string, Answer, SentCredentials, AnswerMeaning]> = [
    ['2xx with JSON', answer(200, { json: { ok: true } }), 'basic', ANSWER],
    ['2xx that is not JSON', answer(200, { text: '<html>' }), 'basic', { kind: 'malformed' }],
    [
      '2xx with a body that claims JSON but is cut',
      answer(200, { headers: { 'content-type': 'application/json' }, text: '{"a":' }),
      'basic',
      { kind: 'malformed' },
    ],
    [
      '404 for the step to read',
      answer(404, { json: { errorMessages: ['No project'] } }),
      'basic',
      ANSWER,
    ],
    ['5xx', answer(503, { text: 'unavailable' }), 'basic', { kind: 'server-error' }],
    [
      '429 without headers',
      answer(429),
      'basic',
      { kind: 'rate-limited', reason: null, retryAfterSeconds: null },
    ],
    ['401 without credentials', answer(401), 'none', { kind: 'refused-without-credentials' }],
    [
      'anonymous header without credentials',
      answer(200, { json: {}, headers: { 'x-seraph-loginreason': 'AUTHENTICATED_FAILED' } }),
      'none',
      { kind: 'refused-without-credentials' },
    ],
    [
      'a scope header without credentials is no scope refusal',
      answer(401, { headers: { 'x-failure-category': 'FAILURE_CLIENT_SCOPE_CHECK' } }),
      'none',
      { kind: 'refused-without-credentials' },
    ],
    [
      '403 scope refusal beneath which is an ordinary answer',
      answer(403, { headers: { 'x-failure-category': 'FAILURE_CLIENT_SCOPE_CHECK' } }),
      'basic',
      { kind: 'scope-refusal', beneath: ANSWER },
    ],
    [
      'the IP allowlist wins over a login challenge',
      answer(403, {
        text: 'Your IP address 10.0.0.1 is not on the allowed list',
        headers: { 'x-seraph-loginreason': 'AUTHENTICATION_DENIED' },
      }),
      'basic',
      IP,
    ],
    [
      'IP allowlist wording on a 5xx is a server error',
      answer(502, { text: 'Your IP address 10.0.0.1 is not on the allowed list' }),
      'basic',
      { kind: 'server-error' },
    ],
    [
      'a CAPTCHA demand by its denied-reason header alone',
      answer(401, {
        headers: { 'x-authentication-denied-reason': 'CAPTCHA_CHALLENGE; login-url=x' },
      }),
      'basic',
      { kind: 'login-challenge' },
    ],
    [
      'a login denial wins over a scope refusal',
      answer(401, {
        headers: {
          'x-seraph-loginreason': 'AUTHENTICATION_DENIED',
          'x-failure-category': 'FAILURE_CLIENT_SCOPE_CHECK',
        },
      }),
      'basic',
      { kind: 'login-denied' },
    ],
    [
      'D3: AUTHENTICATION_DENIED without the CAPTCHA header is a login denial',
      answer(403, { headers: { 'x-seraph-loginreason': 'AUTHENTICATION_DENIED' } }),
      'basic',
      { kind: 'login-denied' },
    ],
    [
      'D2: Basic switched off (the recorded 403 wording)',
      answer(403, {
        json: { message: 'Basic Authentication has been disabled on this instance.' },
      }),
      'basic',
      { kind: 'basic-auth-disabled' },
    ],
    [
      'D2 wording when the caller does not track the scheme',
      answer(403, {
        json: { message: 'Basic Authentication has been disabled on this instance.' },
      }),
      'some',
      { kind: 'basic-auth-disabled' },
    ],
    [
      'D2 wording to a Bearer token refuses no Basic credential',
      answer(403, {
        json: { message: 'Basic Authentication has been disabled on this instance.' },
      }),
      'bearer',
      ANSWER,
    ],
    [
      'D2 wording without credentials refuses nobody',
      answer(403, {
        json: { message: 'Basic Authentication has been disabled on this instance.' },
      }),
      'none',
      ANSWER,
    ],
    [
      'the IP allowlist wins over Basic switched off',
      answer(403, {
        text: 'Your IP address 10.0.0.1 is not on the allowed list. Basic Authentication has been disabled on this instance.',
      }),
      'basic',
      IP,
    ],
    [
      'a failed login wins over a rate limit',
      answer(429, { headers: { 'x-seraph-loginreason': 'AUTHENTICATED_FAILED' } }),
      'basic',
      { kind: 'anonymous-fallback' },
    ],
    [
      'Connect session wording for a Bearer token',
      answer(403, { json: { message: 'Failed to parse Connect Session Auth Token' } }),
      'bearer',
      { kind: 'connect-session' },
    ],
    [
      'C8 as recorded, in the `error` field, to a Bearer token',
      answer(403, { json: { error: 'Failed to parse Connect Session Auth Token' } }),
      'bearer',
      { kind: 'connect-session' },
    ],
    [
      'C8 wording to credentials whose scheme the caller does not track is an ordinary 403',
      answer(403, { json: { error: 'Failed to parse Connect Session Auth Token' } }),
      'some',
      ANSWER,
    ],
    [
      'the same wording for Basic credentials is an ordinary 403',
      answer(403, { json: { message: 'Failed to parse Connect Session Auth Token' } }),
      'basic',
      ANSWER,
    ],
  ];

  it.each(rows)('%s', (_name, given, sent, meaning) => {
    expect(classifyAnswer(given, sent)).toEqual(meaning);
  });

  it('ignoringScope reads what lies beneath a scope refusal, and nothing else changes', () => {
    expect(ignoringScope(SCOPE)).toEqual(FAILED);
    expect(ignoringScope(PASSWORD)).toEqual(PASSWORD);
  });
});
