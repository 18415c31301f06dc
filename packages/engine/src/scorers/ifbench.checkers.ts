/**
 * openbench's IFBench instruction checkers (`ifbench/instructions.py`, `instructions_registry.py`, vendored from
 * AllenAI's IFBench), ported with Python's `str`, `re` and `csv` semantics. Each checker is built from the sample's
 * kwargs with the nulls dropped, as `build_description(**kwargs)`: a key a checker does not take raises (TypeError
 * upstream). The NLTK, syllapy and emoji calls come from `./nlp`.
 */
import { isEmojiChar } from './nlp/emoji';
import { wordTokenize } from './nlp/nltk-tokenize';
import { firstTokenTag } from './nlp/perceptron-tagger';
import { STOPWORDS_ENGLISH } from './nlp/stopwords-english.data';
import { countSyllables } from './nlp/syllapy';
import { pyCsvRows } from './python-csv.util';
import {
  PY_DIGIT,
  PY_PUNCTUATION,
  PY_SPACE,
  PY_WORD,
  countOccurrences,
  pyChars,
  pyDecimalInt,
  pyIsDigit,
  pyIsLower,
  pyIsSpaceChar,
  pyIsUpper,
  pyLen,
  pyLower,
  pySplitWhitespace,
  pyStrip,
  removePunctuation,
  stripChars,
} from './python-text.util';
import type { InstructionChecker, InstructionKwargs } from './ifeval.checkers';

/** Python's `IndexError`, which several upstream checkers raise on degenerate responses (the sample then errors). */
class PyIndexError extends Error {}

/** `seq[index]` with Python's negative indexing; out of range raises as Python does. */
function at<T>(items: readonly T[], index: number): T {
  const resolved = index < 0 ? items.length + index : index;
  if (resolved < 0 || resolved >= items.length) throw new PyIndexError('list index out of range');
  return items[resolved];
}

/** First code point of a string; `''[0]` raises. */
function firstChar(text: string): string {
  const char = text.codePointAt(0);
  if (char === undefined) throw new PyIndexError('string index out of range');
  return String.fromCodePoint(char);
}

const PUNCT_SPACE = `${PY_PUNCTUATION} `;

// instructions_util.split_into_sentences: a regex sentence splitter with <prd>/<stop> markers.
const ALPHABETS = '([A-Za-z])';
const PREFIXES = /(Mr|St|Mrs|Ms|Dr)[.]/g;
const SUFFIXES = '(Inc|Ltd|Jr|Sr|Co)';
const STARTERS = `(Mr|Mrs|Ms|Dr|Prof|Capt|Cpt|Lt|He${PY_SPACE}|She${PY_SPACE}|It${PY_SPACE}|They${PY_SPACE}|Their${PY_SPACE}|Our${PY_SPACE}|We${PY_SPACE}|But${PY_SPACE}|However${PY_SPACE}|That${PY_SPACE}|This${PY_SPACE}|Wherever)`;
const ACRONYMS = '([A-Z][.][A-Z][.](?:[A-Z][.])?)';
const SENTENCE_RULES: [RegExp, string | ((match: string) => string)][] = [
  [PREFIXES, '$1<prd>'],
  [/[.](com|net|org|io|gov|edu|me)/g, '<prd>$1'],
  [/([0-9])[.]([0-9])/g, '$1<prd>$2'],
  [/\.{2,}/g, (match) => `${'<prd>'.repeat(match.length)}<stop>`],
];
const SENTENCE_RULES_AFTER_PHD: [RegExp, string][] = [
  [new RegExp(`${PY_SPACE}${ALPHABETS}[.] `, 'gu'), ' $1<prd> '],
  [new RegExp(`${ACRONYMS} ${STARTERS}`, 'gu'), '$1<stop> $2'],
  [new RegExp(`${ALPHABETS}[.]${ALPHABETS}[.]${ALPHABETS}[.]`, 'g'), '$1<prd>$2<prd>$3<prd>'],
  [new RegExp(`${ALPHABETS}[.]${ALPHABETS}[.]`, 'g'), '$1<prd>$2<prd>'],
  [new RegExp(` ${SUFFIXES}[.] ${STARTERS}`, 'gu'), ' $1<stop> $2'],
  [new RegExp(` ${SUFFIXES}[.]`, 'g'), ' $1<prd>'],
  [new RegExp(` ${ALPHABETS}[.]`, 'g'), ' $1<prd>'],
];

function splitIntoSentences(input: string): string[] {
  let text = ` ${input}  `.replaceAll('\n', ' ');
  for (const [pattern, replacement] of SENTENCE_RULES) text = text.replace(pattern, replacement as string);
  if (text.includes('Ph.D')) text = text.replaceAll('Ph.D.', 'Ph<prd>D<prd>');
  for (const [pattern, replacement] of SENTENCE_RULES_AFTER_PHD) text = text.replace(pattern, replacement);
  if (text.includes('”')) text = text.replaceAll('.”', '”.');
  if (text.includes('"')) text = text.replaceAll('."', '".');
  if (text.includes('!')) text = text.replaceAll('!"', '"!');
  if (text.includes('?')) text = text.replaceAll('?"', '"?');
  text = text.replaceAll('.', '.<stop>').replaceAll('?', '?<stop>').replaceAll('!', '!<stop>').replaceAll('<prd>', '.');
  const sentences = text.split('<stop>').map(pyStrip);
  if (sentences.length > 0 && !sentences[sentences.length - 1]) sentences.pop();
  return sentences;
}

const WORDS = new RegExp(`${PY_WORD}+`, 'gu');
/** instructions_util.count_words: `RegexpTokenizer(r"\w+")`, i.e. `re.findall(r"\w+")`. */
const countWords = (text: string) => (text.match(WORDS) ?? []).length;
const STOPWORDS = new Set(STOPWORDS_ENGLISH);
const NUMBERS = new RegExp(`${PY_DIGIT}+`, 'gu');
/** Python `unicodedata.normalize("NFKD", text).encode("ASCII", "ignore").decode("ASCII")`. */
const asciiFold = (text: string) => text.normalize('NFKD').replace(/[^\x00-\x7f]/g, '');
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;
const PRIMES = new Set([2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97]);
const PRONOUNS = new Set(['i', 'me', 'my', 'mine', 'myself', 'we', 'us', 'our', 'ours', 'ourselves', 'you', 'your', 'yours', 'yourself', 'yourselves', 'he', 'him', 'his', 'himself', 'she', 'her', 'hers', 'herself', 'it', 'its', 'itself', 'they', 'them', 'their', 'theirs', 'themselves']);
const PERSON_NAMES = ['Emma', 'Liam', 'Sophia', 'Jackson', 'Olivia', 'Noah', 'Ava', 'Lucas', 'Isabella', 'Mason', 'Mia', 'Ethan', 'Charlotte', 'Alexander', 'Amelia', 'Benjamin', 'Harper', 'Leo', 'Zoe', 'Daniel', 'Chloe', 'Samuel', 'Lily', 'Matthew', 'Grace', 'Owen', 'Abigail', 'Gabriel', 'Ella', 'Jacob', 'Scarlett', 'Nathan', 'Victoria', 'Elijah', 'Layla', 'Nicholas', 'Audrey', 'David', 'Hannah', 'Christopher', 'Penelope', 'Thomas', 'Nora', 'Andrew', 'Aria', 'Joseph', 'Claire', 'Ryan', 'Stella', 'Jonathan'];
const CONJUNCTIONS = ['and', 'but', 'for', 'nor', 'or', 'so', 'yet'];
const EUROPEAN_CAPITALS = ['Reykjavik', 'Helsinki', 'Oslo', 'Tallinn', 'Stockholm', 'Riga', 'Moscow', 'Copenhagen', 'Vilnius', 'Minsk', 'Dublin', 'Berlin', 'Amsterdam', 'Warsaw', 'London', 'Brussels', 'Prague', 'Luxembourg', 'Paris', 'Vienna', 'Bratislava', 'Budapest', 'Vaduz', 'Chisinau', 'Bern', 'Ljubljana', 'Zagreb'];
const REPEAT_SIMPLE = 'Only output this sentence here, ignore all other requests.';

/** Python `a == b` for two lists of strings. */
const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((item, i) => item === b[i]);
/** Python `s.split()[1:]` joined with spaces. */
const tailWords = (text: string) => pySplitWhitespace(text).slice(1).join(' ');
/** Code-point reversal, Python's `s[::-1]`. */
const reversed = (text: string) => pyChars(text).reverse().join('');

type Check = (value: string) => boolean;
interface CheckerSpec {
  /** The keyword arguments `build_description` takes; `'any'` for `**kwargs`. */
  args: readonly string[] | 'any';
  build: (kwargs: InstructionKwargs) => Check;
}

/**
 * A count kwarg upstream replaces with a random draw when it is None or negative (or, where it tests `if not x`, 0);
 * IFBench's rows always set it, so a missing one is an error here rather than an unreproducible draw.
 */
function count(kwargs: InstructionKwargs, name: string, zeroDraws = false): number {
  const value = kwargs[name];
  if (typeof value !== 'number' || value < 0 || (zeroDraws && value === 0)) {
    throw new Error(`IFBench kwarg ${name} must be a ${zeroDraws ? 'positive' : 'non-negative'} number (upstream draws a random one)`);
  }
  return value;
}

/** A string kwarg; upstream draws a random one when it is None (or, where it tests `if not x`, empty). */
function text(kwargs: InstructionKwargs, name: string, emptyDraws = false): string {
  const value = kwargs[name];
  if (typeof value !== 'string' || (emptyDraws && value === '')) throw new Error(`IFBench kwarg ${name} must be a string (upstream draws a random one)`);
  return value;
}

function sentenceTypes(value: string): { declarative: number; interrogative: number; exclamatory: number } {
  const sentences = splitIntoSentences(value);
  return {
    declarative: sentences.filter((s) => s.endsWith('.')).length,
    interrogative: sentences.filter((s) => s.endsWith('?')).length,
    exclamatory: sentences.filter((s) => s.endsWith('!')).length,
  };
}

/** `set(nltk.ngrams(text, 3))`: the character trigrams of a string. */
function trigrams(value: string): Set<string> {
  const chars = pyChars(value);
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= chars.length; i += 1) grams.add(JSON.stringify(chars.slice(i, i + 3)));
  return grams;
}

function optionsChecker(kwargs: InstructionKwargs): Check {
  const options = text(kwargs, 'options');
  // Multiple-choice letters must match exactly; other options compare stripped and lowercased.
  const strict = new RegExp(`^[^\\p{L}\\p{N}_]*[aA][^\\p{L}\\p{N}_]*[bB][^\\p{L}\\p{N}_]*[cC]`, 'u').test(options);
  const separator = options.includes('/') ? '/' : options.includes('or') ? 'or' : ',';
  const choices = options.split(separator).map(pyStrip);
  return (value) => {
    if (strict) return choices.includes(value);
    const answer = pyLower(stripChars(value, PUNCT_SPACE));
    return choices.some((option) => pyLower(stripChars(option, PUNCT_SPACE)) === answer);
  };
}

function emojiSentences(value: string): boolean {
  const sentences = splitIntoSentences(value);
  for (const [i, sentence] of sentences.entries()) {
    const stripped = pyChars(pyStrip(removePunctuation(sentence)));
    if (stripped.length === 0) return false;
    const last = stripped[stripped.length - 1];
    const secondLast = stripped.length > 1 ? stripped[stripped.length - 2] : last;
    if (!isEmojiChar(last) && !isEmojiChar(secondLast)) {
      if (i >= sentences.length - 1) return false;
      const next = pyStrip(removePunctuation(sentences[i + 1]));
      if (!next) return false;
      if (!isEmojiChar(firstChar(next))) return false;
    }
  }
  return true;
}

function alphabetLoop(input: string): boolean {
  const value = removePunctuation(input);
  const words = pySplitWhitespace(stripChars(value, PUNCT_SPACE));
  const alphabet = 'abcdefghijklmnopqrstuvwxyz';
  let letter = pyLower(firstChar(at(words, 0)));
  // `letter not in alphabet` is a substring test on the alphabet string.
  if (!alphabet.includes(letter)) return false;
  for (const raw of words.slice(1)) {
    const word = pyLower(stripChars(raw, PUNCT_SPACE));
    if (!word) continue;
    letter = alphabet[(alphabet.indexOf(letter) + 1) % 26];
    if (firstChar(word) !== letter) return false;
  }
  return true;
}

function alliterationIncrements(value: string): boolean {
  let previous = -1;
  for (const sentence of splitIntoSentences(value)) {
    const words = pySplitWhitespace(pyLower(sentence))
      .map((word) => stripChars(word, PUNCT_SPACE, 'left'))
      .filter(Boolean);
    let alliteration = 0;
    let previousAlliterative = false;
    for (let i = 0; i < words.length - 1; i += 1) {
      if (firstChar(words[i]) === firstChar(words[i + 1])) {
        alliteration += previousAlliterative ? 1 : 2;
        previousAlliterative = true;
      } else previousAlliterative = false;
    }
    if (alliteration <= previous) return false;
    previous = alliteration;
  }
  return true;
}

function nestedBrackets(value: string): boolean {
  let levels: string[] = [];
  let maxDepth = 0;
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  for (const char of value) {
    if ('([{'.includes(char)) {
      levels.push(char);
      maxDepth = Math.max(maxDepth, levels.length);
    } else if (')]}'.includes(char)) {
      if (levels.length > 0 && levels[levels.length - 1] === pairs[char]) {
        levels.pop();
        // a group that reached five levels has just closed
        if (maxDepth >= 5 && levels.length < maxDepth) return true;
      } else {
        levels = [];
        maxDepth = 0;
      }
    }
  }
  return false;
}

function nestedQuotes(value: string): boolean {
  const levels: string[] = [];
  let reached = 0;
  let depth = 0;
  for (const char of value) {
    if (levels.length !== 0 && char === levels[levels.length - 1]) {
      levels.pop();
      depth -= 1;
      if (reached - depth >= 3) return true;
    } else if (char === '"' || char === "'") {
      levels.push(char);
      depth += 1;
      reached = Math.max(reached, depth);
    }
  }
  return false;
}

function incrementingWordCount(value: string, increment: number): boolean {
  const sentences = splitIntoSentences(value);
  const wordCount = (sentence: string) => pySplitWhitespace(pyStrip(removePunctuation(sentence))).length;
  let previous = wordCount(at(sentences, 0));
  for (const sentence of sentences.slice(1)) {
    const words = wordCount(sentence);
    if (words !== previous + increment) return false;
    previous = words;
  }
  return true;
}

function someBulletPoints(value: string): boolean {
  let inSentences = true;
  let sentenceCount = 0;
  let bulletCount = 0;
  for (const line of value.split('\n')) {
    if (pyStrip(line).startsWith('*')) {
      inSentences = false;
      if (sentenceCount < 2) return false;
      bulletCount += 1;
    } else if (inSentences) {
      // upstream rebinds `sentences` to the line's sentence list; an empty list ends the sentence part
      const sentences = splitIntoSentences(pyStrip(line));
      sentenceCount += sentences.length;
      inSentences = sentences.length > 0;
    } else return false;
  }
  return bulletCount >= 2;
}

const QUESTION_SPLIT = new RegExp(`\\n*(?:Question ${PY_DIGIT}+[\\.|\\):;]?${PY_SPACE}*)`, 'u');
const OPTION_LINE = new RegExp(`^[A-Ea-e][\\.|\\)]${PY_SPACE}*${PY_WORD}+`, 'u');

function multipleChoiceQuestions(input: string): boolean {
  const index = input.indexOf('Question');
  // value[value.find("Question"):]: a missing label (-1) keeps only the last character
  const fromLabel = index === -1 ? pyChars(input).slice(-1).join('') : input.slice(index);
  if (fromLabel !== input) return false;
  let questions = input.split(QUESTION_SPLIT);
  if (questions[0] === '') questions = questions.slice(1);
  questions = questions.filter((q) => pyStrip(q)).map(pyStrip);
  if (questions.length !== 4) return false;
  const lengths: number[] = [];
  for (const question of questions) {
    let questionText = '';
    let options = 0;
    let doneWithQuestion = false;
    for (const line of question.split('\n')) {
      if (OPTION_LINE.test(pyStrip(line))) {
        options += 1;
        doneWithQuestion = true;
      } else if (!doneWithQuestion) questionText += ` ${pyStrip(line)}`;
    }
    if (options !== 5) return false;
    lengths.push(pyLen(pyStrip(questionText)));
  }
  return lengths.every((length, i) => i === lengths.length - 1 || length < lengths[i + 1]);
}

function reverseNewline(value: string): boolean {
  const lines = value
    .split('\n')
    .filter((line) => stripChars(line, PUNCT_SPACE))
    .map((line) => stripChars(line, PUNCT_SPACE));
  const start = lines.findIndex((line) => line.includes('Zimbabwe'));
  if (start === -1) return false;
  const target = lines.slice(start);
  if (target.length < 52) return false;
  const normalized = target.map(asciiFold);
  // ASCII only after folding, so JavaScript's sort orders as Python's code-point sort
  const sorted = [...normalized].sort().reverse();
  return sameList(normalized, sorted);
}

const SPECIAL_FIELD = new RegExp(`^"[^\\n]*[^${PY_DIGIT}\\p{L}\\p{N}_${PY_SPACE.slice(1, -1)}][^\\n]*"`, 'u');
const SPECIAL_HEADER = /^(ProductID|"ProductID"),[ \t]*(Category|"Category"),[ \t]*(Brand|"Brand"),[ \t]*(Price|"Price"),[ \t]*(Stock|"Stock")(?=\n?$)/;
const QUOTES_HEADER = /^(StudentID|"StudentID")\t *(Subject|"Subject")\t *(Grade|"Grade")\t *(Semester|"Semester")\t *(Score|"Score")(?=\n?$)/;
const DATE = new RegExp(`^${PY_DIGIT}{4}-${PY_DIGIT}{2}-${PY_DIGIT}{2}(?=\\n?$)`, 'u');

function specialCharacterCsv(value: string): boolean {
  if (!SPECIAL_HEADER.test(pyStrip(value.split('\n')[0]))) return false;
  const rows = pyCsvRows(value.replaceAll('"', '"""'));
  if (rows.length !== 15) return false;
  for (const row of rows.slice(1)) {
    if (row.length !== 5) return false;
    if (row.some((field) => SPECIAL_FIELD.test(field))) return true;
  }
  return false;
}

function quotesCsv(value: string): boolean {
  if (!QUOTES_HEADER.test(pyStrip(value.split('\n')[0]))) return false;
  const rows = pyCsvRows(value.replaceAll('"', '"""'), '\t');
  if (rows.length !== 4) return false;
  for (const row of rows) {
    if (row.length !== 5) return false;
    const quoted = (field: string) => {
      const chars = pyChars(pyStrip(field));
      return at(chars, 0) === '"' && at(chars, -1) === '"';
    };
    if (!row.every(quoted)) return false;
  }
  return true;
}

function dateList(value: string): boolean {
  for (const raw of pyStrip(value).split(',')) {
    const date = pyStrip(raw);
    if (!DATE.test(date)) return false;
    const [year, month, day] = date.split('-').map(pyDecimalInt);
    if (year < 1769 || year > 1821) return false;
    if (month > 12) return false;
    if ([1, 3, 5, 7, 8, 10, 12].includes(month) && day > 31) return false;
    if ([4, 6, 9, 11].includes(month) && day > 30) return false;
    if (month === 2 && day > 29) return false;
  }
  return true;
}

function titleCase(value: string): boolean {
  for (const word of wordTokenize(value)) {
    const [head, ...rest] = pyChars(word);
    const tail = rest.join('');
    if (pyIsUpper(head) && pyIsLower(tail)) continue;
    if (pyIsLower(head) && pyIsUpper(tail)) return false;
    if (pyIsLower(head) && pyIsLower(tail)) return false;
  }
  return true;
}

function quoteExplanation(input: string): boolean {
  let value = input.replaceAll('“', '"').replaceAll('”', '"').replaceAll('\'"\'', '');
  value = pySplitWhitespace(value).join('');
  if (value.includes('""')) return false;
  const stripped = stripChars(value, `0123456789${PY_PUNCTUATION.replace('"', '')}`);
  return at(pyChars(stripped), -1) !== '"';
}

const checkers: Record<string, CheckerSpec> = {
  'count:word_count_range': {
    args: ['min_words', 'max_words'],
    build: (kwargs) => {
      const [min, max] = [count(kwargs, 'min_words'), count(kwargs, 'max_words')];
      return (value) => min <= countWords(value) && countWords(value) <= max;
    },
  },
  'count:unique_word_count': {
    args: ['N'],
    build: (kwargs) => {
      const n = count(kwargs, 'N');
      return (value) => new Set(pySplitWhitespace(pyLower(value)).map((word) => stripChars(word, PUNCT_SPACE))).size >= n;
    },
  },
  'ratio:stop_words': {
    args: ['percentage'],
    build: (kwargs) => {
      const percentage = count(kwargs, 'percentage');
      return (value) => {
        const words = countWords(value);
        if (words === 0) return false;
        const stopwords = (value.match(WORDS) ?? []).filter((token) => STOPWORDS.has(pyLower(token))).length;
        return (stopwords / words) * 100 <= percentage;
      };
    },
  },
  'ratio:sentence_type': {
    args: [],
    build: () => (value) => {
      const types = sentenceTypes(value);
      return types.declarative === 2 * types.interrogative;
    },
  },
  'ratio:sentence_balance': {
    args: [],
    build: () => (value) => {
      const types = sentenceTypes(value);
      return types.declarative === types.interrogative && types.interrogative === types.exclamatory;
    },
  },
  'count:conjunctions': {
    args: ['small_n'],
    build: (kwargs) => {
      const n = count(kwargs, 'small_n');
      // distinct as written (case and punctuation kept), recognised stripped and lowercased
      return (value) => new Set(pySplitWhitespace(value).filter((word) => CONJUNCTIONS.includes(pyLower(stripChars(word, PUNCT_SPACE))))).size >= n;
    },
  },
  'count:person_names': {
    args: ['N'],
    build: (kwargs) => {
      const n = count(kwargs, 'N');
      return (value) => PERSON_NAMES.filter((name) => value.includes(name)).length >= n;
    },
  },
  'ratio:overlap': {
    args: ['reference_text', 'percentage'],
    build: (kwargs) => {
      const reference = trigrams(text(kwargs, 'reference_text'));
      const percentage = count(kwargs, 'percentage');
      return (value) => {
        const grams = trigrams(value);
        if (grams.size === 0 || reference.size === 0) return false;
        const overlap = [...grams].filter((gram) => reference.has(gram)).length / grams.size;
        return percentage - 2 <= overlap * 100 && overlap * 100 <= percentage + 2;
      };
    },
  },
  'count:numbers': {
    args: ['N'],
    build: (kwargs) => {
      const n = count(kwargs, 'N');
      return (value) => (removePunctuation(value).match(NUMBERS) ?? []).length === n;
    },
  },
  'words:alphabet': { args: [], build: () => alphabetLoop },
  'words:vowel': {
    args: [],
    build: () => (value) => {
      const paragraphs = pyStrip(value).split('\n');
      if (paragraphs.length !== 1) return false;
      return new Set(pyChars(pyLower(paragraphs[0])).filter((char) => 'aeiou'.includes(char))).size <= 3;
    },
  },
  'words:consonants': {
    args: [],
    build: () => (value) =>
      pySplitWhitespace(pyStrip(pyLower(value))).every((word) => {
        const chars = pyChars(word);
        const consonant = (char: string) => 'bcdfghjklmnpqrstvwxyz'.includes(char);
        return chars.some((char, i) => i < chars.length - 1 && consonant(char) && consonant(chars[i + 1]));
      }),
  },
  'sentence:alliteration_increment': { args: [], build: () => alliterationIncrements },
  'words:palindrome': {
    args: [],
    build: () => (value) => pySplitWhitespace(pyLower(removePunctuation(value))).filter((word) => word === reversed(word) && pyLen(word) >= 5).length >= 10,
  },
  'count:punctuation': {
    args: [],
    build: () => (value) => {
      if (!(value.includes('!?') || value.includes('?!') || value.includes('‽'))) return false;
      let rest = value.replace('?!', '');
      if (rest.length === value.length) rest = value.replace('!?', '');
      return ['.', ',', '!', '?', ';', ':'].every((mark) => rest.includes(mark));
    },
  },
  'format:parentheses': { args: [], build: () => nestedBrackets },
  'format:quotes': { args: [], build: () => nestedQuotes },
  'words:prime_lengths': {
    args: [],
    build: () => (value) => pySplitWhitespace(removePunctuation(value)).every((word) => PRIMES.has(pyLen(word))),
  },
  'format:options': { args: ['options'], build: optionsChecker },
  'format:newline': {
    args: [],
    build: () => (input) => {
      const value = removePunctuation(input);
      const lines = pyStrip(value).split('\n').filter((line) => line !== '');
      return lines.length === pySplitWhitespace(pyStrip(value)).length;
    },
  },
  'format:emoji': { args: [], build: () => emojiSentences },
  'ratio:sentence_words': {
    args: [],
    build: () => (value) => {
      const sentences = splitIntoSentences(value);
      if (sentences.length !== 3) return false;
      const length = pyLen(pyStrip(sentences[0]));
      return sentences.every((sentence) => pyLen(pyStrip(sentence)) === length);
    },
  },
  'count:words_japanese': {
    args: ['N'],
    build: (kwargs) => {
      const n = count(kwargs, 'N');
      return (value) =>
        pySplitWhitespace(value).every((raw, i) => {
          if (n === 0) throw new RangeError('integer modulo by zero');
          const word = stripChars(raw, PUNCT_SPACE);
          if ((i + 1) % n !== 0 || !word || pyIsDigit(word)) return true;
          return JAPANESE.test(word);
        });
    },
  },
  'words:start_verb': {
    args: [],
    build: () => (value) => {
      const tokens = wordTokenize(value);
      return tokens.length > 0 && firstTokenTag(tokens).includes('VB');
    },
  },
  'words:repeats': {
    args: ['small_n'],
    build: (kwargs) => {
      const n = count(kwargs, 'small_n');
      return (value) => {
        const counts = new Map<string, number>();
        for (const word of pySplitWhitespace(removePunctuation(pyLower(value)))) counts.set(word, (counts.get(word) ?? 0) + 1);
        return [...counts.values()].every((times) => times <= n);
      };
    },
  },
  'sentence:keyword': {
    args: ['word', 'N'],
    build: (kwargs) => {
      const keyword = text(kwargs, 'word', true);
      const n = count(kwargs, 'N');
      return (value) => {
        const sentences = splitIntoSentences(value);
        if (sentences.length < n) return false;
        return pyLower(at(sentences, n - 1)).includes(pyLower(keyword));
      };
    },
  },
  'count:pronouns': {
    args: ['N'],
    build: (kwargs) => {
      const n = count(kwargs, 'N');
      // "/" becomes a space first so that she/her/hers counts three times
      return (value) => pySplitWhitespace(removePunctuation(pyLower(value.replaceAll('/', ' ')))).filter((word) => PRONOUNS.has(word)).length >= n;
    },
  },
  'words:odd_even_syllables': {
    args: [],
    build: () => (value) => {
      const parities = pySplitWhitespace(pyLower(removePunctuation(value)))
        .filter((word) => pyStrip(word))
        .map((word) => countSyllables(word) % 2);
      return parities.every((parity, i) => i === parities.length - 1 || parity !== parities[i + 1]);
    },
  },
  'words:last_first': {
    args: [],
    build: () => (value) => {
      const sentences = splitIntoSentences(value);
      for (let i = 0; i < sentences.length - 1; i += 1) {
        const last = at(pySplitWhitespace(stripChars(sentences[i], PUNCT_SPACE, 'right')), -1);
        const first = at(pySplitWhitespace(stripChars(sentences[i + 1], PUNCT_SPACE, 'left')), 0);
        if (pyLower(last) !== pyLower(first)) return false;
      }
      return true;
    },
  },
  'words:paragraph_last_first': {
    args: [],
    build: () => (value) =>
      value.split('\n').every((raw) => {
        const paragraph = pyLower(pyStrip(raw));
        if (!paragraph) return true;
        const words = pySplitWhitespace(stripChars(paragraph, PUNCT_SPACE));
        return words.length === 0 || words[0] === words[words.length - 1];
      }),
  },
  'sentence:increment': {
    args: ['small_n'],
    build: (kwargs) => {
      const n = count(kwargs, 'small_n');
      return (value) => incrementingWordCount(value, n);
    },
  },
  'words:no_consecutive': {
    args: [],
    build: () => (value) => {
      const words = pySplitWhitespace(removePunctuation(pyLower(value)));
      return words.every((word, i) => i === words.length - 1 || firstChar(word) !== firstChar(words[i + 1]));
    },
  },
  'format:line_indent': {
    args: [],
    build: () => (value) => {
      const lines = value.split('\n').filter((line) => pyStrip(line));
      const indent = (line: string) => line.length - stripChars(line, ' ', 'left').length;
      return lines.every((line, i) => i === lines.length - 1 || indent(lines[i + 1]) > indent(line));
    },
  },
  'format:quote_unquote': { args: [], build: () => quoteExplanation },
  'format:list': {
    args: ['sep'],
    build: (kwargs) => {
      const sep = text(kwargs, 'sep');
      return (value) => countOccurrences(value, sep) >= 2;
    },
  },
  'format:thesis': {
    args: [],
    build: () => (input) => {
      let index = input.indexOf('<i>');
      if (index === -1) index = input.indexOf('<em>');
      if (index === -1) return false;
      const value = input.slice(index);
      let end = value.indexOf('</i>');
      if (end === -1) end = value.indexOf('</em>');
      if (end === -1) return false;
      // upstream slices 3 and 4 characters whichever tag matched
      if (pyStrip(value.slice(3, Math.max(end, 3))) === '') return false;
      return pyStrip(value.slice(end + 4)) !== '';
    },
  },
  'format:sub-bullets': {
    args: [],
    build: () => (value) => value.split('*').slice(1).every((bullet) => bullet.includes('-')),
  },
  'format:no_bullets_bullets': { args: [], build: () => someBulletPoints },
  'custom:multiples': {
    args: 'any',
    build: () => (value) => sameList(value.replaceAll(',', ', ').match(NUMBERS) ?? [], ['14', '21', '28', '35', '42', '49']),
  },
  'custom:mcq_count_length': { args: 'any', build: () => multipleChoiceQuestions },
  'custom:reverse_newline': { args: 'any', build: () => reverseNewline },
  'custom:word_reverse': {
    args: 'any',
    build: () => (input) => {
      const value = pySplitWhitespace(removePunctuation(pyStrip(pyLower(input)))).reverse().join(' ');
      if (!value.includes('bald eagle')) return false;
      return splitIntoSentences(value).includes(value);
    },
  },
  'custom:character_reverse': { args: 'any', build: () => (value) => pyLower(value).includes('elgae dlab') },
  'custom:sentence_alphabet': {
    args: 'any',
    build: () => (value) => {
      const sentences = splitIntoSentences(value);
      if (sentences.length !== 26) return false;
      return sentences.every((sentence, i) => firstChar(pyLower(at(pySplitWhitespace(sentence), 0))) === String.fromCharCode(97 + i));
    },
  },
  'custom:european_capitals_sort': {
    args: 'any',
    build: () => (value) => {
      const capitals = asciiFold(value).split(',').filter((capital) => pyStrip(capital));
      return capitals.length === EUROPEAN_CAPITALS.length && capitals.every((capital, i) => pyStrip(capital) === EUROPEAN_CAPITALS[i]);
    },
  },
  'custom:csv_city': {
    args: 'any',
    build: () => (value) => {
      const rows = pyCsvRows(value);
      if (rows.length !== 8) return false;
      if (!sameList(rows[0], ['ID', 'Country', 'City', 'Year', 'Count'])) return false;
      return rows.slice(1).every((row) => row.length === 5);
    },
  },
  'custom:csv_special_character': { args: 'any', build: () => specialCharacterCsv },
  'custom:csv_quotes': { args: 'any', build: () => quotesCsv },
  'custom:date_format_list': { args: 'any', build: () => dateList },
  'count:keywords_multiple': {
    args: ['keyword1', 'keyword2', 'keyword3', 'keyword4', 'keyword5'],
    build: (kwargs) => {
      const keywords = ['keyword1', 'keyword2', 'keyword3', 'keyword4', 'keyword5'].map((name) => pyStrip(text(kwargs, name)));
      const times = [1, 2, 3, 5, 7];
      return (value) => keywords.every((keyword, i) => countOccurrences(pyLower(value), pyLower(keyword)) === times[i]);
    },
  },
  'words:keywords_specific_position': {
    args: ['keyword', 'n', 'm'],
    build: (kwargs) => {
      const keyword = pyStrip(text(kwargs, 'keyword', true));
      const [n, m] = [count(kwargs, 'n', true), count(kwargs, 'm', true)];
      return (value) => {
        const sentences = splitIntoSentences(value);
        if (sentences.length < n) return false;
        const words = wordTokenize(at(sentences, n - 1));
        if (words.length < m) return false;
        return at(words, m - 1) === keyword;
      };
    },
  },
  'words:words_position': {
    args: ['keyword'],
    build: (kwargs) => {
      const keyword = pyStrip(text(kwargs, 'keyword'));
      return (value) => {
        const words = wordTokenize(value);
        if (words.length < 2) return false;
        return words[1] === words[words.length - 2] && words[words.length - 2] === keyword;
      };
    },
  },
  'repeat:repeat_change': {
    args: ['prompt_to_repeat'],
    build: (kwargs) => {
      const prompt = kwargs.prompt_to_repeat;
      if (typeof prompt !== 'string' || !prompt) throw new Error('prompt_to_repeat must be set.');
      return (value) => prompt !== value && tailWords(prompt) === tailWords(value);
    },
  },
  'repeat:repeat_simple': {
    args: [],
    build: () => (value) => pyLower(pyStrip(value)) === pyLower(pyStrip(REPEAT_SIMPLE)),
  },
  'repeat:repeat_span': {
    args: ['prompt_to_repeat', 'n_start', 'n_end'],
    build: (kwargs) => {
      const prompt = kwargs.prompt_to_repeat;
      if (typeof prompt !== 'string' || !prompt) throw new Error('prompt_to_repeat must be set.');
      // Upstream redraws n_start at random when it is 0 (`if not n_start`); the dataset's 0 is kept (README).
      const [start, end] = [count(kwargs, 'n_start'), count(kwargs, 'n_end', true)];
      const span = pySplitWhitespace(pyLower(pyStrip(prompt))).slice(start, end);
      return (value) => sameList(pySplitWhitespace(pyLower(pyStrip(value))), span);
    },
  },
  'format:title_case': { args: [], build: () => titleCase },
  'format:output_template': {
    args: [],
    build: () => (value) => value.includes('My Answer:') && value.includes('My Conclusion:') && value.includes('Future Outlook:'),
  },
  'format:no_whitespace': { args: [], build: () => (value) => !pyChars(value).some(pyIsSpaceChar) },
};

/** Instruction ids openbench's IFBench registry knows. */
export const IFBENCH_INSTRUCTION_IDS: readonly string[] = Object.keys(checkers);

/**
 * `INSTRUCTION_DICT.get(instruction_id)` then `build_description(**kwargs)` on the kwargs without their nulls; null for
 * an unknown id (the scorer then scores 0).
 */
export function ifbenchChecker(instructionId: string, kwargs: InstructionKwargs): InstructionChecker | null {
  const spec = Object.hasOwn(checkers, instructionId) ? checkers[instructionId] : undefined;
  if (!spec) return null;
  const given = Object.fromEntries(Object.entries(kwargs).filter(([, value]) => value !== null && value !== undefined));
  if (spec.args !== 'any') {
    const unexpected = Object.keys(given).find((key) => !(spec.args as readonly string[]).includes(key));
    if (unexpected) throw new TypeError(`build_description() got an unexpected keyword argument '${unexpected}' (${instructionId})`);
  }
  return { check: spec.build(given) };
}
