import { isScopeRefusal } from '../../src/engine/port/answer-signals';
import { toJiraResponse } from '../../src/jira/response';

const NOW = Date.parse('2026-03-01T10:30:00Z');
const answer = (headers: Record<string, string>, status = 429, text = '') =>
  toJiraResponse({ status, headers, text }, 1, NOW);

describe('how long Jira asked to wait', () => {
  it('reads Retry-After, and the longer of Retry-After and Beta-Retry-After', () => {
    expect(answer({ 'retry-after': '5' }).retryAfterSeconds).toBe(5);
    expect(answer({ 'retry-after': '5', 'beta-retry-after': '7' }).retryAfterSeconds).toBe(7);
    expect(answer({ 'retry-after': '9', 'beta-retry-after': '7' }).retryAfterSeconds).toBe(9);
    expect(answer({ 'beta-retry-after': '3' }).retryAfterSeconds).toBe(3);
  });

  it('falls back to the X-RateLimit-Reset instant (yyyy-MM-ddTHH:mmZ), never a negative wait', () => {
    expect(answer({ 'x-ratelimit-reset': '2026-03-01T10:31Z' }).retryAfterSeconds).toBe(60);
    expect(answer({ 'x-ratelimit-reset': '2026-03-01T10:00Z' }).retryAfterSeconds).toBe(0);
    expect(answer({ 'x-ratelimit-reset': 'soon' }).retryAfterSeconds).toBeNull();
    expect(answer({}).retryAfterSeconds).toBeNull();
  });
});

describe('the gateway scope refusal (C7)', () => {
  it('is the header on any body, or the recorded wording on a 401', () => {
    const header = { 'x-failure-category': 'FAILURE_CLIENT_SCOPE_CHECK' };
    expect(isScopeRefusal(answer(header, 401, '{"code":401,"message":"Unauthorized"}'))).toBe(true);
    expect(isScopeRefusal(answer(header, 401, ''))).toBe(true);
    expect(isScopeRefusal(answer({}, 401, 'Unauthorized; scope does not match'))).toBe(true);
    expect(isScopeRefusal(answer({}, 401, '{"code":401,"message":"Unauthorized"}'))).toBe(false);
    expect(isScopeRefusal(answer(header, 200, '{}'))).toBe(false);
  });
});
