import { credentialFormsOf, describeForLog } from '../../src/resolvers';
import { redact } from '../../src/resolvers/secrets';

const TOKEN = 'ATATT3xLOGcanary0000000000000000000000d9';
const EMAIL = 'sync@acme.example';
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('resolver error logs redact every form of the credential', () => {
  const pasted = { token: { email: ` "${EMAIL}" `, token: `  '${TOKEN}'\n` } };

  test.each([
    ['the token as cleaned', TOKEN],
    ['the token as pasted', `  '${TOKEN}'\n`],
    ['the token trimmed', `'${TOKEN}'`],
    ['base64 of the token', b64(TOKEN)],
    ['the Basic credential with the cleaned email', b64(`${EMAIL}:${TOKEN}`)],
    ['the Basic credential with the email as pasted', b64(` "${EMAIL}" :${TOKEN}`)],
    ['a Basic header', `Basic ${b64(`${EMAIL}:${TOKEN}`)}`],
  ])('%s', (_name, form) => {
    const logged = describeForLog(new Error(`request failed with ${form} inside`), pasted);
    expect(logged).toContain('[redacted]');
    expect(logged).not.toContain(TOKEN);
    expect(logged).not.toContain(b64(TOKEN));
    expect(logged).not.toContain(b64(`${EMAIL}:${TOKEN}`));
  });

  test('no credential in the payload: the message is logged as is', () => {
    expect(credentialFormsOf({})).toEqual([]);
    expect(describeForLog(new TypeError('boom'), { token: { token: '   ' } })).toBe(
      'TypeError: boom',
    );
  });
});

describe('a report is redacted before it is returned or stored', () => {
  test('every form, also as escaped inside JSON, and says so', () => {
    const quoted = `${TOKEN}"x`;
    const report = { a: `sent ${TOKEN}`, b: [b64(TOKEN), { c: quoted }], d: 1 };
    const { value, found } = redact(report, [quoted, TOKEN, b64(TOKEN)]);
    expect(found).toBe(true);
    expect(value).toEqual({ a: 'sent [redacted]', b: ['[redacted]', { c: '[redacted]' }], d: 1 });
  });

  test('nothing to redact: the same value, not found', () => {
    const report = { a: 'clean' };
    expect(redact(report, [TOKEN])).toEqual({ value: report, found: false });
    expect(redact(report, [TOKEN]).value).toBe(report);
  });
});
