import { pyCaseInsensitiveWord, pyDecimalInt, pyFormat, pyIsDigit, pyRepr, pySplitWhitespace, pyStrip } from './python-text.util';

// Expected values are CPython 3.11 results.
test("strip and split use Python's whitespace (U+001C and U+0085 count; U+200B and U+FEFF do not)", () => {
  expect(pyStrip(' \x1c a\x85b \u3000')).toBe('a\x85b');
  expect(pySplitWhitespace(' a\x85b\u200bc\ufeffd ')).toEqual(['a', 'b\u200bc\ufeffd']);
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
