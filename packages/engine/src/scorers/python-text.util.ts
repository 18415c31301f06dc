/**
 * Python `str` and `re` semantics that the openbench scorers depend on. JavaScript differs in
 * small but score-changing ways: its `\s`, `\b`, `String.trim` and case-insensitive matching use
 * other character sets than CPython, so the ported scorers build on these helpers instead.
 */

/** Code points (single ones, and ranges as pairs) for which CPython's `str.isspace()` is true. */
const PY_WHITESPACE: readonly (number | readonly [number, number])[] = [
  [0x09, 0x0d], [0x1c, 0x1f], 0x20, 0x85, 0xa0, 0x1680, [0x2000, 0x200a], 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
];
const hex = (code: number) => `\\u${code.toString(16).padStart(4, '0')}`;
/** `PY_WHITESPACE` as the inside of a regex character class; also what `re`'s `\s` matches in str patterns. */
const PY_WHITESPACE_CHARS = PY_WHITESPACE.map((entry) => (typeof entry === 'number' ? hex(entry) : `${hex(entry[0])}-${hex(entry[1])}`)).join('');

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

const SPACE_RUN = new RegExp(`${PY_SPACE}+`, 'u');

/** The highest whitespace code point; all of them are in the BMP, so one UTF-16 code unit each. */
const LAST_SPACE = 0x3000;
/** `PY_WHITESPACE` as a table by code unit, so stripping tests each end's characters without running a regex. */
const IS_SPACE = (() => {
  const table = new Uint8Array(LAST_SPACE + 1);
  for (const entry of PY_WHITESPACE) {
    if (typeof entry === 'number') table[entry] = 1;
    else table.fill(1, entry[0], entry[1] + 1);
  }
  return table;
})();
const isSpaceAt = (text: string, index: number) => {
  const code = text.charCodeAt(index);
  return code <= LAST_SPACE && IS_SPACE[code] === 1;
};

/**
 * Python `s.strip()`. Scanned from both ends: the anchored `\s+$` regex tried every position of the text (MCQ tasks
 * strip every prompt of their dataset when they check it is not blank, 14,042 for MMLU).
 */
export function pyStrip(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isSpaceAt(text, start)) start += 1;
  while (end > start && isSpaceAt(text, end - 1)) end -= 1;
  return start === 0 && end === text.length ? text : text.slice(start, end);
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

/** Python `str.strip(chars)`, `lstrip(chars)`, `rstrip(chars)`. */
export function stripChars(text: string, chars: string, side: 'both' | 'left' | 'right' = 'both'): string {
  let start = 0;
  let end = text.length;
  if (side !== 'right') while (start < end && chars.includes(text[start])) start += 1;
  if (side !== 'left') while (end > start && chars.includes(text[end - 1])) end -= 1;
  return text.slice(start, end);
}

/** Python `str.lower()`: full Unicode lowercasing with the final-sigma rule, as JavaScript's. */
export function pyLower(text: string): string {
  return text.toLowerCase();
}

/** Python `str.count(sub)`: non-overlapping occurrences, left to right. */
export function countOccurrences(text: string, sub: string): number {
  if (sub === '') return [...text].length + 1;
  let count = 0;
  for (let at = text.indexOf(sub); at !== -1; at = text.indexOf(sub, at + sub.length)) count += 1;
  return count;
}

/** Number of code points, which is what Python's `len(str)` counts. */
export function pyLen(text: string): number {
  return [...text].length;
}

/** Templates split at their fields: literal text at even indexes, field names at odd ones (bounded: a few are constants). */
const TEMPLATE_PARTS = new Map<string, readonly string[]>();
const MAX_TEMPLATES = 256;

function templateParts(template: string): readonly string[] {
  let parts = TEMPLATE_PARTS.get(template);
  if (parts === undefined) {
    if (TEMPLATE_PARTS.size >= MAX_TEMPLATES) TEMPLATE_PARTS.clear();
    parts = template.split(/\{(\w+)\}/);
    TEMPLATE_PARTS.set(template, parts);
  }
  return parts;
}

/**
 * Python `str.format` for templates whose only braces are `{name}` fields. Each template is split once: an MCQ task
 * formats every question of its dataset before a run starts (14,042 for MMLU), 5–10× faster than a regex replace.
 */
export function pyFormat(template: string, fields: Record<string, string>): string {
  const parts = templateParts(template);
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const value = fields[parts[i]];
    if (value === undefined) throw new Error(`template field {${parts[i]}} has no value`);
    out += value + parts[i + 1];
  }
  return out;
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

/** Python's `string.punctuation`. */
export const PY_PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

/** `text.translate(str.maketrans("", "", string.punctuation))`: every ASCII punctuation character removed. */
export function removePunctuation(text: string): string {
  return text.replace(/[!-/:-@[-`{-~]/g, '');
}

/** Regex source of Python's `\d` for str patterns: any Unicode decimal digit. */
export const PY_DIGIT = '\\p{Nd}';

/** Characters with Unicode Numeric_Type Digit that are not decimal (superscripts, circled digits …), from CPython 3.11. */
const PY_DIGIT_ONLY = '\\u{b2}-\\u{b3}\\u{b9}\\u{1369}-\\u{1371}\\u{19da}\\u{2070}\\u{2074}-\\u{2079}\\u{2080}-\\u{2089}\\u{2460}-\\u{2468}\\u{2474}-\\u{247c}\\u{2488}-\\u{2490}\\u{24ea}\\u{24f5}-\\u{24fd}\\u{24ff}\\u{2776}-\\u{277e}\\u{2780}-\\u{2788}\\u{278a}-\\u{2792}\\u{10a40}-\\u{10a43}\\u{10e60}-\\u{10e68}\\u{11052}-\\u{1105a}\\u{1f100}-\\u{1f10a}';
const ALL_DIGITS = new RegExp(`^[\\p{Nd}${PY_DIGIT_ONLY}]+$`, 'u');

/** Python `str.isdigit()`: non-empty and every character a decimal or other digit. */
export function pyIsDigit(text: string): boolean {
  return ALL_DIGITS.test(text);
}

const SPACE_CHAR = new RegExp(PY_SPACE, 'u');

/** Python `str.isspace()` for one character. */
export function pyIsSpaceChar(char: string): boolean {
  return SPACE_CHAR.test(char);
}

const DECIMAL = /^\p{Nd}$/u;

/**
 * Python `int(text)` for a string of decimal digits (what `\d+` matched). Unicode lays every decimal digit set out as
 * runs of ten consecutive code points valued 0 to 9, so a digit's value is its distance from its run's start mod 10.
 */
export function pyDecimalInt(digits: string): number {
  let value = 0;
  for (const char of digits) {
    let start = char.codePointAt(0) as number;
    while (DECIMAL.test(String.fromCodePoint(start - 1))) start -= 1;
    value = value * 10 + (((char.codePointAt(0) as number) - start) % 10);
  }
  return value;
}

/** The code points of a string, which is what Python indexes and slices. */
export const pyChars = (text: string): string[] => Array.from(text);
