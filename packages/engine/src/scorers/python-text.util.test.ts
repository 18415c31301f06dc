import { pyCaseInsensitiveWord, pyDecimalInt, pyFormat, pyIsDigit, pyRepr, pySplitWhitespace, pyStrip } from './python-text.util';

// Expected values are CPython 3.11 results.
test("strip and split use Python's whitespace (U+001C and U+0085 count; U+200B and U+FEFF do not)", () => {
  expect(pyStrip(' \x1c a\x85b \u3000')).toBe('a\x85b');
  expect(pySplitWhitespace(' a\x85b\u200bc\ufeffd ')).toEqual(['a', 'b\u200bc\ufeffd']);
});

test('strip removes exactly the characters for which CPython str.isspace() is true, from both ends only', () => {
  // `[hex(c) for c in range(0x110000) if chr(c).isspace()]` in CPython 3.11: all in the BMP.
  const spaces = [0x9, 0xa, 0xb, 0xc, 0xd, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000];
  for (let code = 0; code <= 0x3100; code += 1) {
    const char = String.fromCharCode(code);
    expect([code, pyStrip(`${char}${char}a ${char}b${char}`)]).toEqual([code, spaces.includes(code) ? `a ${char}b` : `${char}${char}a ${char}b${char}`]);
  }
  expect(pyStrip(' \t\n ')).toBe('');
  expect(pyStrip('')).toBe('');
  // Astral characters (a surrogate pair, and a lone surrogate) are never whitespace.
  expect(pyStrip(' 😀x😀\u3000')).toBe('😀x😀');
  expect(pyStrip('\ud83d a \ude00')).toBe('\ud83d a \ude00');
});

test('repr picks quotes and escapes like Python', () => {
  expect(pyRepr("It's")).toBe('"It\'s"');
  expect(pyRepr('a"b\'c')).toBe("'a\"b\\'c'");
  expect(pyRepr('x\ny\t\\z\x00\u200b😀é')).toBe("'x\\ny\\t\\\\z\\x00\\u200b😀é'");
});

test('(?i) letters include the characters Python folds together', () => {
  const pattern = new RegExp(`^${pyCaseInsensitiveWord('Answers')}$`, 'u');
  expect(['ANSWERS', 'answers', 'Anſwers', 'AnswerS'].every((word) => pattern.test(word))).toBe(true);
  expect(pattern.test('Answer')).toBe(false);
});

test('format fills {fields} and inserts values literally', () => {
  expect(pyFormat('Q: {question} / {target}', { question: "$& {target} $'", target: 'T' })).toBe("Q: $& {target} $' / T");
  expect(() => pyFormat('{missing}', {})).toThrow('{missing}');
  // A template seen before (its parts are kept), one starting and ending with fields, and more templates than are kept.
  expect(pyFormat('Q: {question} / {target}', { question: 'q2', target: 'T2' })).toBe('Q: q2 / T2');
  expect(pyFormat('{a}{b}', { a: '{b}', b: '' })).toBe('{b}');
  for (let i = 0; i < 300; i++) expect(pyFormat(`${i}:{x}`, { x: 'y' })).toBe(`${i}:y`);
  expect(pyFormat('Q: {question} / {target}', { question: 'q3', target: 'T3' })).toBe('Q: q3 / T3');
});

describe('pyDecimalInt and pyIsDigit (values from CPython 3.11)', () => {
  it('reads any decimal digit set as int() does', () => {
    // Arabic-Indic, mathematical bold (five runs of ten in one block) and NKo digits
    expect(['١٨٠٥', '𝟏𝟖𝟎𝟓', '߁߈߀߅', '1805'].map(pyDecimalInt)).toEqual([1805, 1805, 1805, 1805]);
  });

  it('counts superscripts and circled digits as digits but not fractions or the empty string', () => {
    expect(['²', '½', '12', '', '①'].map(pyIsDigit)).toEqual([true, false, true, false, true]);
  });
});
