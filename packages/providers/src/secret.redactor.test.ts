import { createRedactor, redact } from './secret.redactor';

const OPENAI = 'sk-proj-Q8f3LmZ2pX9vR4tY7wK1nB6cH0jD5sA';
const AZURE = '3f9c2a7b81d64e0fa5c39b2d7e14f680';
const AWS_ID = 'AKIAIOSFODNN7EXAMPLE';
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

describe('createRedactor', () => {
  const redactor = createRedactor([OPENAI, AZURE, AWS_ID, AWS_SECRET]);
  const leaks = (text: string, secret: string) => {
    const out = redactor(text);
    // No 8 consecutive characters of the key survive, in any case.
    for (let i = 0; i + 8 <= secret.length; i++) expect(out.toLowerCase()).not.toContain(secret.slice(i, i + 8).toLowerCase());
    return out;
  };

  test.each([
    ['whole', `Incorrect API key provided: ${OPENAI}.`],
    ['without its prefix', `key ${OPENAI.slice('sk-proj-'.length)} is not valid`],
    ['upper-cased', `KEY ${OPENAI.toUpperCase()} REJECTED`],
    ['lower-cased', `key ${OPENAI.toLowerCase()} rejected`],
    ['masked in the middle', `key ${OPENAI.slice(0, 14)}****${OPENAI.slice(-10)} rejected`],
    ['as a substring of 8', `fragment ${OPENAI.slice(12, 20)} seen`],
  ])('an OpenAI key quoted %s is redacted', (_label, text) => {
    expect(leaks(text, OPENAI)).toContain('[redacted]');
  });

  test.each([0, 1, 2])('a key inside a base64 value at byte offset %i (Basic auth) is redacted', (offset) => {
    const basic = Buffer.from(`${'u'.repeat(offset)}user:${AZURE}`).toString('base64');
    const out = redactor(`Authorization: Basic ${basic} was refused`);
    expect(out).toContain('[redacted]');
    expect(out).not.toContain(Buffer.from(AZURE).toString('base64').slice(4, 20));
  });

  test('base64url and hex encodings are redacted', () => {
    const url = Buffer.from(AWS_SECRET).toString('base64url');
    const hex = Buffer.from(AZURE).toString('hex');
    expect(redactor(`token=${url}&x=1`)).toBe('token=[redacted]&x=1');
    expect(redactor(`digest ${hex.toUpperCase()} mismatch`)).toBe('digest [redacted] mismatch');
  });

  test('AWS and Azure key shapes: the secret access key with its slashes, the key id, a 32-hex Azure key', () => {
    expect(leaks(`The security token ${AWS_SECRET} is invalid`, AWS_SECRET)).toBe('The security token [redacted] is invalid');
    expect(redactor(`Access key ${AWS_ID} denied`)).toBe('Access key [redacted] denied');
    expect(leaks(`Access denied due to invalid subscription key ${AZURE.toUpperCase()}.`, AZURE)).toContain('[redacted].');
  });

  test('an AWS access key id that is not this run\'s is still redacted by shape', () => {
    expect(createRedactor([])('id ASIAXYZXYZXYZXYZXYZ1 expired')).toBe('id [redacted] expired');
  });

  test('ordinary text is left alone, and adjacent quotes are one redaction', () => {
    expect(redactor('The model `gpt-4o` does not exist or you do not have access to it.')).toBe('The model `gpt-4o` does not exist or you do not have access to it.');
    expect(redactor(`${OPENAI}${OPENAI.toUpperCase()}!`)).toBe('[redacted]!');
  });

  test('short secrets (4 to 7 characters) are matched whole; shorter ones are ignored', () => {
    expect(redact('pin 1234 and abc', ['1234', 'abc'])).toBe('pin [redacted] and abc');
  });

  test('indexes stay aligned around characters whose lower case is longer (İ)', () => {
    expect(redactor(`İİİ ${OPENAI} İ`)).toBe('İİİ [redacted] İ');
  });
});
