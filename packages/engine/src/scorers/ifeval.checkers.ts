/**
 * openbench's IFEval instruction checkers (`scorers/ifeval.py` `INSTRUCTION_REGISTRY`): openbench's own compact
 * re-implementation of google-research's instruction_following_eval, ported with Python's `str` and `re` semantics.
 * Each checker takes the instruction's kwargs as the dataset gives them (every key of the HF struct, unused ones null,
 * which is why upstream defaults each with `or`). Three checkers detect the language (langdetect) and two count
 * sentences or words with NLTK's tokenizers; those come from `./nlp`.
 */
import { detectLanguage } from './nlp/langdetect';
import { sentTokenize, wordTokenize } from './nlp/nltk-tokenize';
import {
  PY_LINE_END,
  PY_LINE_START,
  PY_SPACE,
  PY_WORD,
  PY_WORD_BOUNDARY,
  pyCaseInsensitiveWord,
  pyIsLower,
  pyIsUpper,
  pyLower,
  pySplitWhitespace,
  pyStrip,
  stripChars,
  countOccurrences,
} from './python-text.util';

export type InstructionKwargs = Record<string, unknown>;

/** One instruction, built from its kwargs: `check(response)` is upstream's `check_following`. */
export interface InstructionChecker {
  check(response: string): boolean;
}

type CheckerFactory = (kwargs: InstructionKwargs) => InstructionChecker;

/** Python's `value or default` for a kwarg: null, missing, 0, "" and [] fall back. */
function or<T>(value: unknown, fallback: T): T {
  if (value === undefined || value === null || value === 0 || value === 0n || value === '' || value === false) return fallback;
  if (Array.isArray(value) && value.length === 0) return fallback;
  return value as T;
}

const num = (value: unknown, fallback: number): number => Number(or(value, fallback));


/** `r"\b" + re.escape(word) + r"\b"` under `re.IGNORECASE`, global (for `findall`). */
function wordPattern(word: string): RegExp {
  return new RegExp(`${PY_WORD_BOUNDARY}${pyCaseInsensitiveWord(word)}${PY_WORD_BOUNDARY}`, 'gu');
}

/** The relation checks upstream repeats: "at least" is >=, "less than" is <, anything else fails. */
function compare(relation: string, count: number, threshold: number): boolean {
  if (relation === 'at least') return count >= threshold;
  if (relation === 'less than') return count < threshold;
  return false;
}

function checkEnglishWithCase(response: string, casePredicate: (text: string) => boolean): boolean {
  if (!pyStrip(response) || !casePredicate(response)) return false;
  const language = detectLanguage(response);
  return language === 'en';
}

/** `re.split(pattern, text)` for a pattern without groups (JavaScript's split agrees then). */
const pySplit = (text: string, pattern: RegExp): string[] => text.split(pattern);

const HIGHLIGHT = /\*[^\n*]+\*/g;
const DOUBLE_HIGHLIGHT = /\*\*[^\n*]+\*\*/g;
const STAR_BULLET = new RegExp(`${PY_LINE_START}${PY_SPACE}*\\*[^*][^\\n]*${PY_LINE_END}`, 'gu');
const DASH_BULLET = new RegExp(`${PY_LINE_START}${PY_SPACE}*-[^\\n]*${PY_LINE_END}`, 'gu');
const PARAGRAPH_SPLIT = new RegExp(`${PY_SPACE}?\\*\\*\\*${PY_SPACE}?`, 'u');
const WORDS = new RegExp(`${PY_WORD}+`, 'gu');
const NON_WORD = new RegExp(`[^\\p{L}\\p{N}_]`, 'gu');

/** Python `json.loads` accepts NaN, Infinity and -Infinity outside strings; JSON.parse does not. */
export function pyJsonLoads(text: string): boolean {
  let rewritten = '';
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (inString) {
      rewritten += char;
      if (char === '\\') {
        rewritten += text[i + 1] ?? '';
        i += 1;
      } else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') {
      inString = true;
      rewritten += char;
      continue;
    }
    const literal = ['-Infinity', 'Infinity', 'NaN'].find((word) => text.startsWith(word, i));
    if (literal) {
      rewritten += '0';
      i += literal.length - 1;
      continue;
    }
    rewritten += char;
  }
  try {
    JSON.parse(rewritten);
    return true;
  } catch {
    return false;
  }
}

const checkers: Record<string, CheckerFactory> = {
  'punctuation:no_comma': () => ({ check: (response) => !response.includes(',') }),

  'length_constraints:number_words': (kwargs) => {
    const relation = or(kwargs.relation, 'at least');
    const numWords = num(kwargs.num_words, 100);
    // nltk RegexpTokenizer(r"\w+").tokenize is re.findall(r"\w+").
    return { check: (response) => compare(relation, (response.match(WORDS) ?? []).length, numWords) };
  },

  'length_constraints:number_sentences': (kwargs) => {
    const relation = or(kwargs.relation, 'at least');
    const numSentences = num(kwargs.num_sentences, 1);
    return { check: (response) => compare(relation, sentTokenize(response).length, numSentences) };
  },

  'keywords:forbidden_words': (kwargs) => {
    const words = or<string[]>(kwargs.forbidden_words, []);
    return { check: (response) => !words.some((word) => wordPattern(word).test(response)) };
  },

  'detectable_format:number_highlighted_sections': (kwargs) => {
    const numHighlights = num(kwargs.num_highlights, 1);
    return {
      check(response) {
        let count = (response.match(HIGHLIGHT) ?? []).filter((h) => pyStrip(stripChars(h, '*'))).length;
        count += (response.match(DOUBLE_HIGHLIGHT) ?? []).filter((h) => pyStrip(h.slice(2, -2))).length;
        return count >= numHighlights;
      },
    };
  },

  'keywords:frequency': (kwargs) => {
    const keyword = or(kwargs.keyword, '');
    const relation = or(kwargs.relation, 'at least');
    const frequency = num(kwargs.frequency, 1);
    return { check: (response) => compare(relation, (response.match(wordPattern(keyword)) ?? []).length, frequency) };
  },

  'startend:quotation': () => ({
    check(response) {
      const stripped = pyStrip(response);
      return [...stripped].length > 1 && stripped.startsWith('"') && stripped.endsWith('"');
    },
  }),

  'combination:repeat_prompt': (kwargs) => {
    const prompt = or(kwargs.prompt_to_repeat, '');
    return { check: (response) => prompt !== '' && pyLower(pyStrip(response)).startsWith(pyLower(pyStrip(prompt))) };
  },

  'keywords:existence': (kwargs) => {
    const keywords = or<string[]>(kwargs.keywords, []);
    return { check: (response) => keywords.every((keyword) => wordPattern(keyword).test(response)) };
  },

  'change_case:english_lowercase': () => ({ check: (response) => checkEnglishWithCase(response, pyIsLower) }),

  'detectable_format:title': () => ({
    check: (response) => (response.match(/<<[^\n]+>>/g) ?? []).some((title) => pyStrip(stripChars(stripChars(title, '<', 'left'), '>', 'right')) !== ''),
  }),

  'keywords:letter_frequency': (kwargs) => {
    const letter = pyLower(or(kwargs.letter, 'a'));
    const relation = or(kwargs.let_relation, 'at least');
    const frequency = num(kwargs.let_frequency, 1);
    return { check: (response) => compare(relation, countOccurrences(pyLower(response), letter), frequency) };
  },

  'language:response_language': (kwargs) => {
    const language = or(kwargs.language, 'en');
    // Upstream counts the instruction as followed when detection fails.
    return { check: (response) => (detectLanguage(response) ?? language) === language };
  },

  'detectable_format:number_bullet_lists': (kwargs) => {
    const numBullets = num(kwargs.num_bullets, 1);
    return { check: (response) => (response.match(STAR_BULLET) ?? []).length + (response.match(DASH_BULLET) ?? []).length === numBullets };
  },

  'length_constraints:number_paragraphs': (kwargs) => {
    const numParagraphs = num(kwargs.num_paragraphs, 1);
    return {
      check(value) {
        const paragraphs = pySplit(value, PARAGRAPH_SPLIT);
        const empty = paragraphs.map((p, i) => (pyStrip(p) ? -1 : i)).filter((i) => i >= 0);
        if (empty.some((i) => i !== 0 && i !== paragraphs.length - 1)) return false;
        return paragraphs.length - empty.length === numParagraphs;
      },
    };
  },

  'detectable_content:number_placeholders': (kwargs) => {
    const numPlaceholders = num(kwargs.num_placeholders, 1);
    return { check: (response) => (response.match(/\[[^\n]*?\]/g) ?? []).length >= numPlaceholders };
  },

  'startend:end_checker': (kwargs) => {
    const endPhrase = or(kwargs.end_phrase, '');
    return {
      check: (response) => !endPhrase || pyLower(stripChars(pyStrip(response), '"')).endsWith(pyLower(pyStrip(endPhrase))),
    };
  },

  'detectable_content:postscript': (kwargs) => {
    const marker = kwargs.postscript_marker;
    // `.` is any character but \n; a `$` outside MULTILINE also matches before a final \n.
    let source: string;
    if (marker === 'P.P.S') source = `${PY_SPACE}*p\\.${PY_SPACE}?p\\.${PY_SPACE}?s[^\\n]*(?=\\n?$)`;
    else if (marker === 'P.S.' || !marker) source = `${PY_SPACE}*p\\.${PY_SPACE}?s\\.[^\\n]*(?=\\n?$)`;
    else source = `${PY_SPACE}*${String(marker)}[^\\n]*(?=\\n?$)`;
    const pattern = new RegExp(source, 'u');
    return { check: (response) => pattern.test(pyLower(response)) };
  },

  'change_case:english_capital': () => ({ check: (response) => checkEnglishWithCase(response, pyIsUpper) }),

  'change_case:capital_word_frequency': (kwargs) => {
    const relation = or(kwargs.capital_relation, 'at least');
    const frequency = num(kwargs.capital_frequency, 1);
    return { check: (response) => compare(relation, wordTokenize(response).filter(pyIsUpper).length, frequency) };
  },

  'combination:two_responses': () => ({
    check(response) {
      const responses = response.split('******');
      if (responses.some((r, i) => !pyStrip(r) && i !== 0 && i !== responses.length - 1)) return false;
      const valid = responses.filter((r) => pyStrip(r));
      return valid.length === 2 && pyStrip(valid[0]) !== pyStrip(valid[1]);
    },
  }),

  'detectable_format:json_format': () => ({
    check(response) {
      let cleaned = pyStrip(response);
      for (const prefix of ['```json', '```Json', '```JSON', '```']) if (cleaned.startsWith(prefix)) cleaned = cleaned.slice(prefix.length);
      if (cleaned.endsWith('```')) cleaned = cleaned.slice(0, -3);
      return pyJsonLoads(pyStrip(cleaned));
    },
  }),

  'detectable_format:multiple_sections': (kwargs) => {
    const splitter = or(kwargs.section_spliter, 'Section');
    const numSections = num(kwargs.num_sections, 2);
    // The splitter goes into the pattern unescaped, as upstream writes it.
    const pattern = new RegExp(`${PY_SPACE}?${splitter}${PY_SPACE}?\\p{Nd}+${PY_SPACE}?`, 'u');
    return { check: (response) => pySplit(response, pattern).length - 1 >= numSections };
  },

  'length_constraints:nth_paragraph_first_word': (kwargs) => {
    const numParagraphs = num(kwargs.num_paragraphs, 1);
    const nth = num(kwargs.nth_paragraph, 1);
    const firstWord = pyLower(or(kwargs.first_word, ''));
    return {
      check(response) {
        const paragraphs = response.split('\n\n').filter((p) => pyStrip(p));
        if (paragraphs.length !== numParagraphs || nth > paragraphs.length) return false;
        const target = paragraphs[nth - 1];
        if (!pyStrip(target)) return false;
        const words = pySplitWhitespace(target);
        if (words.length === 0) return false;
        return pyLower(words[0].replace(NON_WORD, '')) === firstWord;
      },
    };
  },

  'detectable_format:constrained_response': () => ({
    check(response) {
      const stripped = pyStrip(response);
      return ['My answer is yes.', 'My answer is no.', 'My answer is maybe.'].some((option) => stripped.includes(option));
    },
  }),
};

/** Instruction ids openbench's IFEval knows. */
export const IFEVAL_INSTRUCTION_IDS: readonly string[] = Object.keys(checkers);

/** `INSTRUCTION_REGISTRY[instruction_id]` then `build_description(**kwargs)`; an unknown id raises, as upstream's KeyError. */
export function ifevalChecker(instructionId: string, kwargs: InstructionKwargs): InstructionChecker {
  const factory = Object.hasOwn(checkers, instructionId) ? checkers[instructionId] : undefined;
  if (!factory) throw new Error(`unknown IFEval instruction id '${instructionId}'`);
  return factory(kwargs);
}

