import { asStoredJson, postgresJson, postgresText } from './postgres-text';

test('NUL characters become U+FFFD; other text is untouched', () => {
  expect(postgresText('a\u0000b\u0000')).toBe('a\uFFFDb\uFFFD');
  expect(postgresText('plain \\u0000 text')).toBe('plain \\u0000 text');
});

test('JSON for jsonb replaces NULs inside any string, keys and nesting included', () => {
  const json = postgresJson({ output: { completion: 'x\u0000y' }, list: ['\u0000'], 'k\u0000': 1, literal: '\\u0000' });
  expect(JSON.parse(json)).toEqual({ output: { completion: 'x\uFFFDy' }, list: ['\uFFFD'], 'k\uFFFD': 1, literal: '\\u0000' });
});

test('a value as jsonb gives it back: JSON-cleaned, keys shorter first then by UTF-8 bytes; plain data already so is itself', () => {
  const clean = { value: 'C', answer: 'A', metadata: { '7': [1.5, true, null], b: 'x' }, explanation: 'y' };
  expect(asStoredJson(clean)).toBe(clean);
  // U+FFFF sorts before U+10000 in UTF-8, after it in UTF-16.
  const stored = asStoredJson({ zz: NaN, a: undefined, b: -0, '\u{10000}': 1, '\uFFFF': 2, x: { n: 'a\u0000' }, l: [undefined, Infinity] });
  expect(JSON.stringify(stored)).toBe('{"b":0,"l":[null,null],"x":{"n":"a\uFFFD"},"zz":null,"\uFFFF":2,"\u{10000}":1}');
});
