/**
 * Python `str` and `re` semantics that the openbench scorers depend on. JavaScript differs in
 * small but score-changing ways: its `\s`, `\b`, `String.trim` and case-insensitive matching use
 * other character sets than CPython, so the ported scorers build on these helpers instead.
 */

/** Characters for which CPython's `str.isspace()` is true; also what `re`'s `\s` matches in str patterns. */
const PY_WHITESPACE_CHARS = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

/** Regex source (for `u`-flag patterns) of Python's `\s`. */
export const PY_SPACE = `[${PY_WHITESPACE_CHARS}]`;

/** Regex source of Python's `\w` for str patterns: Unicode letters and numbers, plus `_`. */
export const PY_WORD = '[\\p{L}\\p{N}_]';

/** Regex source of Python's `\b`: a boundary between a `\w` character and a non-`\w` one (or an edge). */
export const PY_WORD_BOUNDARY = `(?:(?<=${PY_WORD})(?!${PY_WORD})|(?<!${PY_WORD})(?=${PY_WORD}))`;

/** Regex source of `^` under `re.MULTILINE`: Python only treats `\n` as a line break, JavaScript's `m` flag also `\r`. */
export const PY_LINE_START = '(?:^|(?<=\\n))';

/** Regex source of `$` under `re.MULTILINE`. */
export const PY_LINE_END = '(?=\\n|$)';

const LEADING_SPACE = new RegExp(`^${PY_SPACE}+`, 'u');
const TRAILING_SPACE = new RegExp(`${PY_SPACE}+$`, 'u');
const SPACE_RUN = new RegExp(`${PY_SPACE}+`, 'u');

/** Python `s.strip()`. */
export function pyStrip(text: string): string {
  return text.replace(LEADING_SPACE, '').replace(TRAILING_SPACE, '');
}

/** Python `s.split()` (no separator): runs of whitespace split, empty pieces dropped. */
export function pySplitWhitespace(text: string): string[] {
  return text.split(SPACE_RUN).filter((piece) => piece !== '');
}

/** Python `s.rstrip(chars)`. */
export function pyRstrip(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1])) end -= 1;
  return text.slice(0, end);
}

/** Python `s.strip(chars)`: every leading and trailing code point that is one of `chars`. */
export function pyStripChars(text: string, chars: string): string {
  const set = new Set(chars);
  const points = [...text];
  let start = 0;
  let end = points.length;
  while (start < end && set.has(points[start])) start += 1;
  while (end > start && set.has(points[end - 1])) end -= 1;
  return points.slice(start, end).join('');
}

/**
 * Letters that CPython's `re.IGNORECASE` treats as equal beyond plain upper/lower pairs
 * (`sre_compile._equivalences` plus characters whose simple lowercase is an ASCII letter).
 */
const PY_CASE_EXTRAS: Record<string, string> = { i: '\u0130\u0131', s: '\u017f', k: '\u212a' };

function escapeForClass(char: string): string {
  return /[\\\]\[^-]/.test(char) ? `\\${char}` : char;
}

/** Regex source matching `char` the way a Python `(?i)` pattern does. */
export function pyCaseInsensitiveChar(char: string): string {
  const variants = new Set([char]);
  for (const other of [char.toLowerCase(), char.toUpperCase()]) {
    if ([...other].length === 1) variants.add(other);
  }
  for (const extra of PY_CASE_EXTRAS[char.toLowerCase()] ?? '') variants.add(extra);
  if (variants.size === 1) return /[.*+?^${}()|[\]\\/]/.test(char) ? `\\${char}` : char;
  return `[${[...variants].map(escapeForClass).join('')}]`;
}

/** Regex source matching a literal word the way a Python `(?i)` pattern does. */
export function pyCaseInsensitiveWord(word: string): string {
  return [...word].map(pyCaseInsensitiveChar).join('');
}

/** Regex source of `[A-Z]` under Python's `re.IGNORECASE` (it also admits İ, ı, ſ and the Kelvin sign). */
export const PY_IGNORECASE_LETTER = '[A-Za-z\\u0130\\u0131\\u017f\\u212a]';

const HAS_LOWER = /\p{Lowercase}/u;
const HAS_UPPER = /\p{Uppercase}/u;
const UPPER_OR_TITLE = /[\p{Uppercase}\p{Lt}]/u;
const LOWER_OR_TITLE = /[\p{Lowercase}\p{Lt}]/u;

/** Python `str.islower()`: at least one lowercase character and none uppercase or titlecase. */
export function pyIsLower(text: string): boolean {
  return HAS_LOWER.test(text) && !UPPER_OR_TITLE.test(text);
}

/** Python `str.isupper()`: at least one uppercase character and none lowercase or titlecase. */
export function pyIsUpper(text: string): boolean {
  return HAS_UPPER.test(text) && !LOWER_OR_TITLE.test(text);
}

/** Number of code points, which is what Python's `len(str)` counts. */
export function pyLen(text: string): number {
  return [...text].length;
}

/** Python `str.format` for templates whose only braces are `{name}` fields. */
export function pyFormat(template: string, fields: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_field, name: string) => {
    const value = fields[name];
    if (value === undefined) throw new Error(`template field {${name}} has no value`);
    return value;
  });
}

const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

function escapeNonPrintable(char: string): string {
  const code = char.codePointAt(0) as number;
  if (code < 0x100) return `\\x${code.toString(16).padStart(2, '0')}`;
  if (code < 0x10000) return `\\u${code.toString(16).padStart(4, '0')}`;
  return `\\U${code.toString(16).padStart(8, '0')}`;
}

/** Python `repr(str)`, which upstream error messages embed (e.g. `could not convert string to float: 'x'`). */
export function pyRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = '';
  for (const char of text) {
    if (char === quote || char === '\\') out += `\\${char}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (char !== ' ' && NON_PRINTABLE.test(char)) out += escapeNonPrintable(char);
    else out += char;
  }
  return `${quote}${out}${quote}`;
}
