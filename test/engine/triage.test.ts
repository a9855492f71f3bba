import { triage } from '../../src/engine/triage/triage';

/** Messages as users paste them: from Jira's answers, synchronizer logs and HTTP client errors. */
const CASES: Array<[string, string | null, string | null]> = [
  [
    '{"message":"Client must be authenticated to access this resource.","status-code":401}',
    'credentials',
    'CREDENTIALS_REJECTED',
  ],
  [
    'ERROR 2026-11-02 10:01:22 Jira said: You are not authenticated. Authentication required to perform this operation.',
    'credentials',
    'CREDENTIALS_REJECTED',
  ],
  [
    'Basic authentication with passwords is deprecated. For more information, see: https://developer.atlassian.com/cloud/confluence/deprecation-notice-basic-auth/',
    'credentials',
    'PASSWORD_NOT_TOKEN',
  ],
  [
    '{"code":401,"message":"Unauthorized; scope does not match"}',
    'credentials',
    'TOKEN_SCOPE_INSUFFICIENT',
  ],
  ['X-Seraph-LoginReason: AUTHENTICATED_FAILED', 'credentials', 'ANONYMOUS_FALLBACK'],
  [
    'X-Authentication-Denied-Reason: CAPTCHA_CHALLENGE; login-url=https://acme.atlassian.net/login.jsp',
    'credentials',
    'LOGIN_CHALLENGE',
  ],
  [
    '{"errorMessages":["The IP address has been rejected because it is not on the allowed list. See your admin for more information."],"errors":{}}',
    'connectivity',
    'IP_NOT_ALLOWED',
  ],
  // P1: the recorded spelling, and the paraphrases people write in tickets and logs.
  [
    'Error: The IP address has been rejected because it is not on the allowedlist. See your admin for more information.',
    'connectivity',
    'IP_NOT_ALLOWED',
  ],
  [
    'HTTP 403: Your IP address is not allowed to access this site',
    'connectivity',
    'IP_NOT_ALLOWED',
  ],
  [
    '401 Unauthorized - request blocked: IP address 203.0.113.7 is not in the organisation allowlist',
    'connectivity',
    'IP_NOT_ALLOWED',
  ],
  // C7: the header alone.
  ['x-failure-category: FAILURE_CLIENT_SCOPE_CHECK', 'credentials', 'TOKEN_SCOPE_INSUFFICIENT'],
  // C8: an API token sent as Bearer.
  [
    'CURL HTTP Request Failed: Status Code : 403, Error Message : {"error": "Failed to parse Connect Session Auth Token"}',
    'credentials',
    'CREDENTIALS_REJECTED',
  ],
  // C3: an error page's title.
  ['<title>Unauthorized (401)</title>', 'credentials', 'CREDENTIALS_REJECTED'],
  [
    '{"errorMessages":["No project could be found with key \'SYNC\'."],"errors":{}}',
    'permissions',
    'PROJECT_NOT_VISIBLE',
  ],
  [
    'Issue does not exist or you do not have permission to see it.',
    'permissions',
    'PROJECT_NOT_VISIBLE',
  ],
  [
    'Sync failed: You do not have permission to create issues in this project.',
    'permissions',
    'MISSING_PERMISSION',
  ],
  [
    '{"errorMessages":[],"errors":{"project":"The value \'OPS\' does not exist for the field \'project\'."}}',
    'permissions',
    'PROJECT_NOT_VISIBLE',
  ],
  [
    '{"errorMessages":["Only Jira administrators can perform this operation."],"errors":{}}',
    'configuration',
    'CHECKER_NOT_ADMIN',
  ],
  [
    'You are not authorized to perform this operation. Please log in.',
    'permissions',
    'NO_PRODUCT_ACCESS',
  ],
  [
    '{"errorMessages":[],"errors":{"customfield_10011":"Field \'customfield_10011\' cannot be set. It is not on the appropriate screen, or unknown."}}',
    'configuration',
    'FIELD_NOT_ON_SCREEN',
  ],
  [
    '{"errorMessages":[],"errors":{"components":"Component/s is required."}}',
    'configuration',
    'CREATE_REQUIRES_FIELDS',
  ],
  [
    'FetchError: request to https://acme.atlassian.net/rest/api/3/myself failed, reason: unable to verify the first certificate (UNABLE_TO_VERIFY_LEAF_SIGNATURE)',
    'connectivity',
    'TLS_ERROR',
  ],
  [
    'javax.net.ssl.SSLHandshakeException: PKIX path building failed: unable to find valid certification path to requested target',
    'connectivity',
    'TLS_ERROR',
  ],
  ['Error: getaddrinfo ENOTFOUND acme.atlasian.net', 'connectivity', 'SITE_UNREACHABLE'],
  [
    'System.Net.Http.HttpRequestException: No such host is known. (acme.atlassian.net:443)',
    'connectivity',
    'SITE_UNREACHABLE',
  ],
  ['connect ETIMEDOUT 104.192.141.1:443', 'transient', 'JIRA_UNAVAILABLE'],
  ['HTTP 429 Too Many Requests Retry-After: 30', 'transient', 'RATE_LIMITED'],
  ['Response status: 503 Service Unavailable', 'transient', 'JIRA_UNAVAILABLE'],
  ['Request failed with status code 401', 'credentials', 'CREDENTIALS_REJECTED'],
  ['HTTP/1.1 403 Forbidden', 'permissions', null],
  ['status=400 while creating issue', 'configuration', null],
  ['The quick brown fox jumps over the lazy dog', null, null],
  ['Sync finished in 12 s', null, null],
];

describe('error triage', () => {
  it.each(CASES)('classifies %s', (text, category, code) => {
    const [message] = triage(text).messages;
    expect(message).toBeDefined();
    expect(message?.category ?? null).toBe(category);
    expect(message?.code ?? null).toBe(code);
    expect(message?.recognised).toBe(category !== null);
    if (category) expect(message?.next).toBeTruthy();
  });

  it('names both causes of the password notice and the Basic form for a Bearer token', () => {
    const [password] = triage('Basic authentication with passwords is deprecated.').messages;
    expect(password?.cause).toMatch(/password/);
    expect(password?.cause).toMatch(/malformed/);
    const [bearer] = triage('{"error": "Failed to parse Connect Session Auth Token"}').messages;
    expect(bearer?.category).toBe('credentials');
    expect(bearer?.next).toContain('email:token');
    const [expired] = triage('Client must be authenticated to access this resource.').messages;
    expect(expired?.cause).toMatch(/expired/);
    expect(expired?.cause).toMatch(/policy/);
  });

  it('covers every category with at least 20 recognised real-world messages', () => {
    const recognised = CASES.filter(([, c]) => c !== null);
    expect(recognised.length).toBeGreaterThanOrEqual(20);
    expect(new Set(recognised.map(([, c]) => c))).toEqual(
      new Set(['credentials', 'permissions', 'configuration', 'connectivity', 'transient']),
    );
  });

  it('splits a log excerpt into lines and lists unrecognised lines as such', () => {
    const log = [
      '10:00:01 INFO starting sync of SYNC',
      '10:00:02 ERROR GET /rest/api/3/project/SYNC -> 404 {"errorMessages":["No project could be found with key \'SYNC\'."]}',
      '',
      '10:00:03 ERROR POST /rest/api/3/issue -> HTTP 429 Retry-After: 17',
    ].join('\n');
    const result = triage(log);
    expect(result.format).toBe('text');
    expect(result.messages.map((m) => m.source)).toEqual(['line 1', 'line 2', 'line 4']);
    expect(result.messages[0]?.recognised).toBe(false);
    expect(result.messages[1]?.code).toBe('PROJECT_NOT_VISIBLE');
    expect(result.messages[2]).toMatchObject({
      code: 'RATE_LIMITED',
      status: 429,
      retryAfterSeconds: 17,
    });
    expect(result.counts).toMatchObject({ permissions: 1, transient: 1, unrecognised: 1 });
  });

  it('reads a JSON error log as a backup tool exports it', () => {
    const exported = JSON.stringify({
      job: 'restore-2026-11-20',
      failures: [
        {
          issue: 'OPS-1',
          status: 400,
          response: { errorMessages: [], errors: { reporter: 'Reporter is required.' } },
        },
        { issue: 'OPS-2', statusCode: 403, message: 'Forbidden' },
        {
          issue: 'OPS-3',
          status: 401,
          body: {
            message: 'Client must be authenticated to access this resource.',
            'status-code': 401,
          },
        },
        { issue: 'OPS-4', status: 418 },
      ],
    });
    const result = triage(exported);
    expect(result.format).toBe('json');
    const byCode = result.messages.map((m) => [m.status, m.code, m.category]);
    expect(byCode).toContainEqual([400, 'CREATE_REQUIRES_FIELDS', 'configuration']);
    expect(byCode).toContainEqual([403, null, 'permissions']);
    expect(byCode).toContainEqual([401, 'CREDENTIALS_REJECTED', 'credentials']);
    expect(result.messages.find((m) => m.status === 418)?.recognised).toBe(false);
  });

  it('falls back to text when the input only looks like JSON', () => {
    expect(triage('{ not json: 401 Unauthorized').format).toBe('text');
  });

  it('reads a log whose entries sit in a list named errors', () => {
    const result = triage(
      JSON.stringify({
        errors: [
          { status: 401, message: 'Client must be authenticated to access this resource.' },
          { status: 404, errorMessages: ["No project could be found with key 'OPS'."] },
        ],
      }),
    );
    expect(result.messages.map((m) => m.code)).toEqual([
      'CREDENTIALS_REJECTED',
      'PROJECT_NOT_VISIBLE',
    ]);
  });
});

describe('triage masks credentials it was pasted', () => {
  it.each([
    ['Authorization: Basic c3luY0BhY21lLmNvbTpBVEFUVDN4RmZHRjA=', 'Basic ••••'],
    ['curl -u sync@acme.com:ATATT3xFfGF0secret123 https://acme.atlassian.net', '-u ••••'],
    ['GET https://acme.atlassian.net/rest/api/3/myself?token=abc123def456 -> 401', 'token=••••'],
    ['sync config {"email":"a@b.co","apiToken":"ATATT3xFfGF0secretvalue"} rejected', '••••'],
    ['Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig rejected with 401', 'Bearer ••••'],
  ])('%s', (text, shown) => {
    const [message] = triage(text).messages;
    expect(message?.text).toContain(shown);
    expect(message?.text).not.toMatch(/c3luY0Bh|secret123|abc123def456|secretvalue|eyJhbGci/);
  });

  it.each([
    'Basic authentication with passwords is deprecated.',
    'HTTP 403 {"message":"Basic Authentication has been disabled on this instance."}',
    'Basic Authentication Failure - Reason : AUTHENTICATION_DENIED',
    'Bearer token rejected by the server',
  ])('never masks an ordinary word after "Basic" or "Bearer": %s', (text) => {
    expect(triage(text).messages[0]?.text).toBe(text);
  });

  it.each([
    ['Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==', /QWxhZGRp/],
    ['Authorization: Basic Abcdefghijkl==', /Abcdefghijkl/],
    ['Authorization: Bearer NjE2NzQ0NTc3MDE0OkZ2dGlFcWx4', /NjE2NzQ0/],
  ])('masks a credential that starts like a word: %s', (text, secret) => {
    const [message] = triage(text).messages;
    expect(message?.text).not.toMatch(secret);
    expect(message?.text).toMatch(/(Basic|Bearer) ••••/);
  });
});

describe('triage: what a recorded answer needs that is not a permission (#23)', () => {
  it('files Basic switched off under credentials, with the personal access token fix, not permissions', () => {
    const [message] = triage(
      'HTTP 403 {"message":"Basic Authentication has been disabled on this instance."}',
    ).messages;
    expect(message).toMatchObject({ category: 'credentials', code: 'BASIC_AUTH_DISABLED' });
    expect(message?.next).toMatch(/personal access token/);
  });

  it('AUTHENTICATION_DENIED alone is a denied login; only CAPTCHA_CHALLENGE proves a CAPTCHA', () => {
    expect(triage('X-Seraph-LoginReason: AUTHENTICATION_DENIED').messages[0]?.code).toBe(
      'LOGIN_DENIED',
    );
    const both = JSON.stringify({
      status: 403,
      headers: {
        'X-Seraph-LoginReason': 'AUTHENTICATION_DENIED',
        'X-Authentication-Denied-Reason':
          'CAPTCHA_CHALLENGE; login-url=https://jira.example.com/login.jsp',
      },
    });
    expect(triage(both).messages.map((m) => m.code)).toEqual(['LOGIN_CHALLENGE']);
  });

  it('AUTHENTICATED_FAILED names causes other than a bad token', () => {
    const [message] = triage('X-Seraph-LoginReason: AUTHENTICATED_FAILED').messages;
    expect(message?.cause).toMatch(/scoped token sent to the site URL/);
    expect(message?.cause).toMatch(/organisation policy/);
  });

  it('a 503 is not only "retry later": a suspended site answers 503 too', () => {
    const [message] = triage('Response status: 503 Service Unavailable').messages;
    expect(message?.next).toMatch(/\/status/);
    expect(message?.next).toMatch(/suspended/);
  });

  it('a 410 is an API that is gone: upgrade the integration', () => {
    const [message] = triage('HTTP 410 Gone').messages;
    expect(message).toMatchObject({ category: 'configuration', status: 410 });
    expect(message?.next).toMatch(/Upgrade the integration/);
  });

  it('an answer logged as {status, body} is one message: its body, not a bare status', () => {
    const result = triage(JSON.stringify({ statusCode: 404, body: 'XSRF check failed' }));
    expect(result.messages.map((m) => [m.status, m.rule])).toEqual([
      [404, 'request-header-missing'],
    ]);
  });
});

describe('triage of platform answers and repeated lines (#24)', () => {
  it('an app the site does not have is its own category, not a permission problem', () => {
    const [message] = triage(
      '2026-05-02T10:11:12Z ERROR 404 Not Found: The app is not installed on this instance.',
    ).messages;
    expect(message).toMatchObject({
      recognised: true,
      rule: 'app-not-installed',
      category: 'platform',
      code: null,
    });
    expect(message?.next).toMatch(/Install the integration’s app on this site again/);
    expect(message?.next).not.toMatch(/\bgrant\b/i);
  });

  it('3,000 lines that differ only by request id, time and numbers are one card with a count', () => {
    const lines = Array.from({ length: 3000 }, (_, i) => {
      const id = (0x10000000 + i * 7919).toString(16).padStart(8, '0');
      return `2026-05-02T10:${String(i % 60).padStart(2, '0')}:${String(i % 59).padStart(2, '0')}.${i % 1000}Z [req ${id}-4f1a-4c2b-9d3e-${String(i).padStart(12, '0')}] POST /rest/api/3/issue failed after ${i + 12} ms: HTTP 400 Field 'customfield_10259' cannot be set. It is not on the appropriate screen, or unknown.`;
    });
    const result = triage(lines.join('\n'));
    expect(result.messages).toHaveLength(3000);
    expect(result.groups).toHaveLength(1);
    expect(result.groups[0]).toMatchObject({ count: 3000, code: 'FIELD_NOT_ON_SCREEN' });
  });

  it('lines about different projects or fields stay apart', () => {
    const result = triage(
      [
        "No project could be found with key 'ZB0001'.",
        "No project could be found with key 'ZB0002'.",
        "Field 'customfield_10259' cannot be set. It is not on the appropriate screen, or unknown.",
        "Field 'customfield_10260' cannot be set. It is not on the appropriate screen, or unknown.",
      ].join('\n'),
    );
    expect(result.groups).toHaveLength(4);
  });
});
