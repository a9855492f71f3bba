import { classifyTransportFailure, describeFailureKind } from '../../src/jira/failure-kind';
import { JiraTransportError } from '../../src/engine/port/jira-client';

const idle = { timedOut: false, cancelled: false };

function fetchFailure(code: string): TypeError {
  return new TypeError('fetch failed', { cause: Object.assign(new Error('inner'), { code }) });
}

describe('classifyTransportFailure', () => {
  it.each([
    ['ENOTFOUND', 'dns'],
    ['EAI_AGAIN', 'dns'],
    ['ECONNREFUSED', 'refused'],
    ['ECONNRESET', 'reset'],
    ['UND_ERR_SOCKET', 'reset'],
    ['UND_ERR_CONNECT_TIMEOUT', 'timeout'],
    ['CERT_HAS_EXPIRED', 'tls'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tls'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'tls'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'tls'],
    ['SOMETHING_ELSE', 'network'],
  ])('maps cause code %s to %s', (code, kind) => {
    expect(classifyTransportFailure(fetchFailure(code), idle)).toBe(kind);
  });

  it('looks inside AggregateErrors from happy-eyeballs connects', () => {
    const aggregate = new AggregateError([
      Object.assign(new Error('v6'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('v4'), { code: 'ECONNREFUSED' }),
    ]);
    expect(
      classifyTransportFailure(new TypeError('fetch failed', { cause: aggregate }), idle),
    ).toBe('refused');
  });

  it('prefers our timer and the caller cancelling over the error shape', () => {
    const abortError = new DOMException('This operation was aborted', 'AbortError');
    expect(classifyTransportFailure(abortError, { timedOut: true, cancelled: false })).toBe(
      'timeout',
    );
    expect(classifyTransportFailure(abortError, { timedOut: false, cancelled: true })).toBe(
      'aborted',
    );
  });

  it('keeps the kind of a JiraTransportError thrown by an adapter', () => {
    expect(classifyTransportFailure(new JiraTransportError('tls', 'x', 1), idle)).toBe('tls');
  });

  it('treats non-errors as network failures', () => {
    expect(classifyTransportFailure('boom', idle)).toBe('network');
    expect(classifyTransportFailure(null, idle)).toBe('network');
  });

  it('describes every kind with a fixed phrase', () => {
    expect(describeFailureKind('dns')).toBe('host name could not be resolved');
  });
});
