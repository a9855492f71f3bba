import { CONSENT_MESSAGE, isConsentRequest } from '../../static/panel/src/consent';
import { NeedsAuthenticationError } from '@forge/api';

describe('the panel recognises Forge asking the user to allow access', () => {
  test("the SDK's own error, and what a bridge may make of it", () => {
    expect(isConsentRequest(new NeedsAuthenticationError('Authentication Required', 'key'))).toBe(
      true,
    );
    expect(isConsentRequest(new Error('NEEDS_AUTHENTICATION_ERR: Authentication Required'))).toBe(
      true,
    );
    expect(isConsentRequest({ name: 'NEEDS_AUTHENTICATION_ERR' })).toBe(true);
    expect(isConsentRequest({ code: 'NEEDS_AUTHENTICATION_ERR' })).toBe(true);
    expect(isConsentRequest('Authentication Required')).toBe(true);
  });

  test('a crash, a timeout or nothing at all is not a consent request', () => {
    expect(isConsentRequest(new Error('Internal Server Error'))).toBe(false);
    expect(isConsentRequest(new Error('The invocation timed out'))).toBe(false);
    expect(isConsentRequest(new SyntaxError('Unexpected token \'I\', "Internal S"...'))).toBe(
      false,
    );
    expect(isConsentRequest(undefined)).toBe(false);
    expect(isConsentRequest(null)).toBe(false);
  });

  test('the message tells the admin what to do, not that the backend failed', () => {
    expect(CONSENT_MESSAGE).toMatch(/Allow access/);
    expect(CONSENT_MESSAGE).not.toMatch(/did not answer/);
  });
});
