import { pythonStrHash } from './python-hash.util';

// Reference values: `PYTHONHASHSEED=0 python3 -c 'print(hash(s))'` with CPython 3.11.7.
test.each([
  ['', 0n],
  ['a', 4644417185603328019n],
  ['abcdefgh', 4574395652268504554n],
  ['abcdefghi', -532774252720507163n],
  ['héllo wörld', 2851654936439523187n],
  ['Ω unicode ≈', -7696316209131476387n],
  ['emoji 😀 text', 1402291934117897747n],
  ['What is the product of 7 and 8?', 2261668921415876098n],
])('hash(%j) is CPython’s with PYTHONHASHSEED=0', (text, expected) => {
  expect(pythonStrHash(text)).toBe(expected);
});
