/**
 * Characters and character references as libxml2 2.14.6's HTML tokenizer reads them (htmlFindEntityPrefix,
 * the numeric-reference branch of htmlParseCharData/htmlParseData, htmlCodePointToUtf8).
 */
import { HTML5_ENTITIES, HTML5_LEGACY_ENTITIES } from './html-entities.data';

export const REPLACEMENT = '\uFFFD';
export const HTML_PARSER_BUFFER_SIZE = 100;
/** htmlC1Remap: numeric references to 0x80-0x9F mean windows-1252. */
const C1_REMAP = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d,
  0x017d, 0x008f, 0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0x009d, 0x017e, 0x0178,
];
const MAX_ENTITY_NAME = Math.max(...Object.keys(HTML5_ENTITIES).map((name) => name.length));

export const isWs = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\f' || c === '\r';
export const isLetter = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
const isDigit = (c: string) => c >= '0' && c <= '9';
const isAlnum = (c: string) => isLetter(c) || isDigit(c);
const isHex = (c: string) => isDigit(c) || ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));

/** htmlCodePointToUtf8's code point repairs. */
function codePointText(cp: number): string {
  if (cp >= 0x80 && cp < 0xa0) return String.fromCodePoint(C1_REMAP[cp - 0x80]);
  if (cp <= 0 || (cp >= 0xd800 && cp < 0xe000) || cp > 0x10ffff) return REPLACEMENT;
  return String.fromCodePoint(cp);
}

/**
 * htmlFindEntityPrefix: the longest entity name the text starts with that may end here — followed by `;`, or a
 * legacy name not followed (in an attribute) by a letter, digit or `=`. Returns [consumed length, replacement].
 */
export function findEntity(input: string, at: number, isAttr: boolean): [number, string] | null {
  const avail = input.length - at;
  if (avail < 2 || !isLetter(input[at])) return null;
  for (let len = Math.min(MAX_ENTITY_NAME, avail); len >= 2; len -= 1) {
    const candidate = input.slice(at, at + len);
    const value = HTML5_ENTITIES[candidate];
    if (value === undefined) continue;
    const term = input[at + len] ?? '';
    if (term === ';') return [len + 1, value];
    if (HTML5_LEGACY_ENTITIES.has(candidate) && (!isAttr || (!isAlnum(term) && term !== '='))) return [len, value];
  }
  return null;
}

/** A `&#...;` reference at `at` (pointing at `&`): [consumed length, text], or null if it is not one. */
export function numericRef(input: string, at: number): [number, string] | null {
  let j = at + 2;
  let radix = 10;
  if ((input[j] ?? '').toLowerCase() === 'x') {
    if (!isHex(input[j + 1] ?? '')) return null;
    radix = 16;
    j += 1;
  } else if (!isDigit(input[j] ?? '')) return null;
  let cp = 0;
  while (j < input.length && (radix === 16 ? isHex(input[j]) : isDigit(input[j]))) {
    cp = Math.min(cp * radix + parseInt(input[j], 16), 0x110000);
    j += 1;
  }
  if (input[j] === ';') j += 1;
  return [j - at, codePointText(cp)];
}
