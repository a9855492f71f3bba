import {
  DEFAULT_RETRY,
  backoffDelayMs,
  isIdempotent,
  isRetryableStatus,
  parseRetryAfter,
} from '../../src/jira/retry-policy';

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-06-01T12:00:00Z');

  it('reads delta-seconds', () => {
    expect(parseRetryAfter('7', now)).toBe(7);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP date, rounding up and never negative', () => {
    expect(parseRetryAfter('Sun, 01 Jun 2025 12:00:02 GMT', now)).toBe(2);
    expect(parseRetryAfter('Sun, 01 Jun 2025 11:00:00 GMT', now)).toBe(0);
  });

  it('ignores absent or unreadable values', () => {
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('-3', now)).toBeNull();
  });
});

describe('backoffDelayMs', () => {
  it('doubles per retry with 0.7–1.3 jitter and a ceiling', () => {
    const options = { ...DEFAULT_RETRY, initialDelayMs: 1_000, maxDelayMs: 10_000 };
    expect(backoffDelayMs(0, options, () => 0)).toBe(700);
    expect(backoffDelayMs(1, options, () => 0.5)).toBe(2_000);
    expect(backoffDelayMs(2, options, () => 1)).toBe(5_200);
    expect(backoffDelayMs(6, options, () => 1)).toBe(10_000);
  });
});

describe('idempotency and retryable statuses', () => {
  it('counts GETs and the read-only permissions/check POST as idempotent', () => {
    expect(isIdempotent({ method: 'GET', path: '/rest/api/3/myself' })).toBe(true);
    expect(isIdempotent({ method: 'POST', path: '/rest/api/3/permissions/check' })).toBe(true);
    expect(isIdempotent({ method: 'POST', path: '/rest/api/3/issue' })).toBe(false);
  });

  it('retries 429 always, 502/503/504 only when idempotent, never 4xx auth errors', () => {
    expect(isRetryableStatus(429, false)).toBe(true);
    expect(isRetryableStatus(503, true)).toBe(true);
    expect(isRetryableStatus(503, false)).toBe(false);
    for (const status of [200, 400, 401, 403, 404, 500]) {
      expect(isRetryableStatus(status, true)).toBe(false);
    }
  });
});
