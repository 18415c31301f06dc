/**
 * NLTK's English tokenizers as openbench's IFEval checkers call them: `sentTokenize` is NLTK 3.9's
 * `PunktTokenizer("english").tokenize` (what `nltk.data.load("tokenizers/punkt/english.pickle")` returns since 3.8.2),
 * `wordTokenize` is `nltk.word_tokenize` (Punkt sentences, then `NLTKWordTokenizer` on each). Ported from
 * `nltk/tokenize/punkt.py` and `nltk/tokenize/destructive.py` with Python's `re` semantics.
 *
 * Not exact: the English model's `ortho_context` table (how often each word was seen capitalised or not, 236 kB)
 * is not shipped, so every word has an empty orthographic context. That only matters after an abbreviation, an
 * initial, an ellipsis or a number ending in a period, where NLTK consults the table (see SOURCE.md beside this file).
 */
import { PY_SPACE, PY_WORD, PY_WORD_BOUNDARY, pyIsLower, pyIsUpper, pySplitWhitespace } from '../python-text.util';
import { PUNKT_ENGLISH_ABBREV_TYPES, PUNKT_ENGLISH_COLLOCATIONS, PUNKT_ENGLISH_SENT_STARTERS } from './punkt-english.data';

const lines = (text: string) => text.split('\n').map((line) => line.trim());
const ABBREV_TYPES = new Set(lines(PUNKT_ENGLISH_ABBREV_TYPES));
const SENT_STARTERS = new Set(lines(PUNKT_ENGLISH_SENT_STARTERS));
const COLLOCATIONS = new Set(lines(PUNKT_ENGLISH_COLLOCATIONS));
const isCollocation = (first: string, second: string) => COLLOCATIONS.has(`${first}\t${second}`);

const ORTHO_MID_UC = 1 << 2;
const ORTHO_BEG_LC = 1 << 4;
const ORTHO_UC = (1 << 1) | (1 << 2) | (1 << 3);
const ORTHO_LC = (1 << 4) | (1 << 5) | (1 << 6);
/** The omitted `ortho_context.tab`: every type reads as never seen (a defaultdict(int) lookup of a missing key). */
const orthoContext = (_type: string): number => 0;

const NOT_SPACE = `[^${PY_SPACE.slice(1, -1)}]`;
/** `(?:[)\";}\]\*:@\'\({\[!?])`: characters that cannot appear within words. */
const NON_WORD = `(?:[)";}\\]*:@'({\\[?!])`;
const MULTI_CHAR = `(?:-{2,}|\\.{2,}|(?:\\.${PY_SPACE}){2,}\\.)`;
const WORD_START = `[^("\`{\\[:;&#*@)}\\]\\-,]`;
/** `PunktLanguageVars._word_tokenize_fmt` (VERBOSE layout removed); applied to one line, so `$` is its end. */
const WORD_TOKENIZER = new RegExp(
  `${MULTI_CHAR}|(?=${WORD_START})${NOT_SPACE}+?(?=${PY_SPACE}|$|${NON_WORD}|${MULTI_CHAR}|,(?=$|${PY_SPACE}|${NON_WORD}|${MULTI_CHAR}))|${NOT_SPACE}`,
  'gu',
);
/** `period_context_re`: a sentence-end character, then punctuation or whitespace and the next token. */
const PERIOD_CONTEXT = new RegExp(`[.?!](?=(?<after_tok>${NON_WORD}|${PY_SPACE}+(?<next_tok>${NOT_SPACE}+)))`, 'gdu');
const BOUNDARY_REALIGNMENT = new RegExp(`^["')\\]}]+?(?:${PY_SPACE}+|(?=--)|(?=\\n|$))`, 'u');
const RE_NUMERIC = /^-?[.,]?\p{Nd}[\p{Nd},.-]*\.?$/u;
const LETTER = `(?:(?!\\p{Nd})${PY_WORD})`;
const RE_INITIAL = new RegExp(`^${LETTER}\\.$`, 'u');
const SENT_END_CHARS = ['.', '?', '!'];
const PUNCTUATION = [';', ':', ',', '.', '!', '?'];
/** Python's `string.whitespace`. */
const ASCII_WHITESPACE = ' \t\n\r\x0b\x0c';

class PunktToken {
  readonly type: string;
  readonly periodFinal: boolean;
  sentbreak = false;
  abbr = false;
  ellipsis = false;
  constructor(readonly tok: string) {
    this.type = RE_NUMERIC.test(tok.toLowerCase()) ? '##number##' : tok.toLowerCase();
    this.periodFinal = tok.endsWith('.');
  }
  get typeNoPeriod(): string {
    return [...this.type].length > 1 && this.type.endsWith('.') ? this.type.slice(0, -1) : this.type;
  }
  get typeNoSentperiod(): string {
    return this.sentbreak ? this.typeNoPeriod : this.type;
  }
  private get firstChar(): string {
    return String.fromCodePoint(this.tok.codePointAt(0) as number);
  }
  get firstUpper(): boolean {
    return pyIsUpper(this.firstChar);
  }
  get firstLower(): boolean {
    return pyIsLower(this.firstChar);
  }
  get isInitial(): boolean {
    return RE_INITIAL.test(this.tok);
  }
}

/** `_tokenize_words`: each non-blank line's tokens (the line and paragraph flags are unused by the tokenizer). */
function tokenizeWords(text: string): PunktToken[] {
  const tokens: PunktToken[] = [];
  for (const line of text.split('\n')) {
    if (!pySplitWhitespace(line).length) continue;
    for (const match of line.matchAll(WORD_TOKENIZER)) tokens.push(new PunktToken(match[0]));
  }
  return tokens;
}

function firstPass(token: PunktToken): void {
  const { tok } = token;
  if (SENT_END_CHARS.includes(tok)) token.sentbreak = true;
  else if (/\.\.+$/.test(tok)) token.ellipsis = true;
  else if (token.periodFinal && !tok.endsWith('..')) {
    const stem = tok.slice(0, -1).toLowerCase();
    if (ABBREV_TYPES.has(stem) || ABBREV_TYPES.has(stem.split('-').at(-1) as string)) token.abbr = true;
    else token.sentbreak = true;
  }
}

function orthoHeuristic(token: PunktToken): boolean | 'unknown' {
  if (PUNCTUATION.includes(token.tok)) return false;
  const context = orthoContext(token.typeNoSentperiod);
  if (token.firstUpper && context & ORTHO_LC && !(context & ORTHO_MID_UC)) return true;
  if (token.firstLower && (context & ORTHO_UC || !(context & ORTHO_BEG_LC))) return false;
  return 'unknown';
}

function secondPass(first: PunktToken, second: PunktToken | undefined): void {
  if (!second || !first.periodFinal) return;
  const typ = first.typeNoPeriod;
  const nextTyp = second.typeNoSentperiod;
  const initial = first.isInitial;
  if (isCollocation(typ, nextTyp)) {
    first.sentbreak = false;
    first.abbr = true;
    return;
  }
  if ((first.abbr || first.ellipsis) && !initial) {
    if (orthoHeuristic(second) === true || (second.firstUpper && SENT_STARTERS.has(nextTyp))) {
      first.sentbreak = true;
      return;
    }
  }
  if (initial || typ === '##number##') {
    const starter = orthoHeuristic(second);
    if (starter === false || (starter === 'unknown' && initial && second.firstUpper && !(orthoContext(nextTyp) & ORTHO_LC))) {
      first.sentbreak = false;
      first.abbr = true;
    }
  }
}

/** `text_contains_sentbreak`: a sentence break on any token but the last. */
function containsSentbreak(text: string): boolean {
  const tokens = tokenizeWords(text);
  tokens.forEach(firstPass);
  for (let i = 0; i < tokens.length; i += 1) {
    secondPass(tokens[i], tokens[i + 1]);
    if (tokens[i].sentbreak && i + 1 < tokens.length) return true;
  }
  return false;
}

function lastWhitespaceIndex(text: string): number {
  for (let i = text.length - 1; i >= 0; i -= 1) if (ASCII_WHITESPACE.includes(text[i])) return i;
  return 0;
}

interface EndContext {
  end: number;
  nextTokStart: number | null;
  context: string;
}

/** `_match_potential_end_contexts`: each candidate end with the word before it and the token after it. */
function potentialEndContexts(text: string): EndContext[] {
  const contexts: EndContext[] = [];
  let previousSlice = { start: 0, stop: 0 };
  let previous: RegExpExecArray | null = null;
  const emit = (match: RegExpExecArray, slice: { start: number; stop: number }) =>
    contexts.push({
      end: match.index + match[0].length,
      nextTokStart: match.indices?.groups?.next_tok?.[0] ?? null,
      context: text.slice(slice.start, slice.stop) + match[0] + (match.groups?.after_tok ?? ''),
    });
  for (const match of text.matchAll(PERIOD_CONTEXT)) {
    const before = text.slice(previousSlice.stop, match.index);
    let afterLastSpace = lastWhitespaceIndex(before);
    afterLastSpace = afterLastSpace ? afterLastSpace + previousSlice.stop + 1 : previousSlice.start;
    const wordSlice = { start: afterLastSpace, stop: match.index };
    if (previous && previousSlice.stop <= wordSlice.start) emit(previous, previousSlice);
    previous = match;
    previousSlice = wordSlice;
  }
  if (previous) emit(previous, previousSlice);
  return contexts;
}

/** `PunktSentenceTokenizer.tokenize(text)` with realigned boundaries. */
export function sentTokenize(text: string): string[] {
  const slices: { start: number; stop: number }[] = [];
  let lastBreak = 0;
  for (const candidate of potentialEndContexts(text)) {
    if (!containsSentbreak(candidate.context)) continue;
    slices.push({ start: lastBreak, stop: candidate.end });
    lastBreak = candidate.nextTokStart ?? candidate.end;
  }
  slices.push({ start: lastBreak, stop: text.replace(new RegExp(`${PY_SPACE}+$`, 'u'), '').length });

  const sentences: string[] = [];
  let realign = 0;
  for (let i = 0; i < slices.length; i += 1) {
    const first = { start: slices[i].start + realign, stop: slices[i].stop };
    const second = slices[i + 1];
    const firstText = text.slice(first.start, Math.max(first.start, first.stop));
    if (!second) {
      if (firstText) sentences.push(firstText);
      continue;
    }
    const match = BOUNDARY_REALIGNMENT.exec(text.slice(second.start, Math.max(second.start, second.stop)));
    if (match) {
      sentences.push(text.slice(first.start, second.start + match[0].replace(new RegExp(`${PY_SPACE}+$`, 'u'), '').length));
      realign = match[0].length;
    } else {
      realign = 0;
      if (firstText) sentences.push(firstText);
    }
  }
  return sentences;
}

const B = PY_WORD_BOUNDARY;
const S = PY_SPACE;
/** `NLTKWordTokenizer`'s substitutions, in order. */
const STARTING_QUOTES: [RegExp, string][] = [
  [/([«“‘„]|[`]+)/gu, ' $1 '],
  [/^"/u, '``'],
  [/(``)/gu, ' $1 '],
  [/([ ([{<])("|'{2})/gu, '$1 `` '],
  [new RegExp(`(')(?!re|ve|ll|m|t|s|d|n)(${PY_WORD})${B}`, 'giu'), '$1 $2'],
];
const PUNCTUATION_RULES: [RegExp, string][] = [
  [new RegExp(`([^.])(\\.)([\\])}>"'»”’ ]*)${S}*$`, 'gu'), '$1 $2 $3 '],
  [/([:,])([^\p{Nd}])/gu, ' $1 $2'],
  [/([:,])(?=\n?$)/gu, ' $1 '],
  [/\.{2,}/gu, ' $& '],
  [/[;@#$%&]/gu, ' $& '],
  [new RegExp(`([^.])(\\.)([\\])}>"']*)${S}*$`, 'gu'), '$1 $2$3 '],
  [/[?!]/gu, ' $& '],
  [/([^'])' /gu, "$1 ' "],
  [/[*]/gu, ' $& '],
];
const PARENS_BRACKETS: [RegExp, string] = [/[\][(){}<>]/gu, ' $& '];
const DOUBLE_DASHES: [RegExp, string] = [/--/gu, ' -- '];
const ENDING_QUOTES: [RegExp, string][] = [
  [/([»”’])/gu, ' $1 '],
  [/''/gu, " '' "],
  [/"/gu, " '' "],
  [/([^' ])('[sS]|'[mM]|'[dD]|') /gu, '$1 $2 '],
  [/([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) /gu, '$1 $2 '],
];
const CONTRACTIONS: RegExp[] = [
  new RegExp(`${B}(can)(not)${B}`, 'giu'),
  new RegExp(`${B}(d)('ye)${B}`, 'giu'),
  new RegExp(`${B}(gim)(me)${B}`, 'giu'),
  new RegExp(`${B}(gon)(na)${B}`, 'giu'),
  new RegExp(`${B}(got)(ta)${B}`, 'giu'),
  new RegExp(`${B}(lem)(me)${B}`, 'giu'),
  new RegExp(`${B}(more)('n)${B}`, 'giu'),
  new RegExp(`${B}(wan)(na)(?=${S})`, 'giu'),
  new RegExp(` ('t)(is)${B}`, 'giu'),
  new RegExp(` ('t)(was)${B}`, 'giu'),
];

/** `NLTKWordTokenizer().tokenize(sentence)`. */
export function treebankWordTokenize(sentence: string): string[] {
  let text = sentence;
  for (const [pattern, replacement] of STARTING_QUOTES) text = text.replace(pattern, replacement);
  for (const [pattern, replacement] of PUNCTUATION_RULES) text = text.replace(pattern, replacement);
  text = text.replace(...PARENS_BRACKETS).replace(...DOUBLE_DASHES);
  text = ` ${text} `;
  for (const [pattern, replacement] of ENDING_QUOTES) text = text.replace(pattern, replacement);
  for (const pattern of CONTRACTIONS) text = text.replace(pattern, ' $1 $2 ');
  return pySplitWhitespace(text);
}

/** `nltk.word_tokenize(text)`: Punkt sentences, each split by the Treebank-style tokenizer. */
export function wordTokenize(text: string): string[] {
  return sentTokenize(text).flatMap(treebankWordTokenize);
}
