/**
 * openbench's open-answer scorer (`src/openbench/scorers/open_answer.py`, `create_open_answer_scorer`, taken from
 * MMMU's evaluation): key phrases of the response, normalised as strings and numbers, matched against the gold answer.
 */
import type { Score, Scorer } from '../types';
import { parsePythonFloat } from './python-float.util';
import { PY_SPACE, pyLen, pyStrip } from './python-text.util';
import { targetText } from './target.util';

/** A prediction or a gold answer after normalisation: text, or a number where Python's `float()` parsed it. */
export type OpenAnswerValue = string | number;

/** Python `str.strip(chars)`. */
function stripChars(text: string, chars: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && chars.includes(text[start])) start++;
  while (end > start && chars.includes(text[end - 1])) end--;
  return text.slice(start, end);
}

/** `_extract_numbers`: `-?\d+(?:\.\d+)?` over the text without commas (Python's `\d` is any decimal digit). */
export function extractNumbers(text: string): number[] {
  const numbers: number[] = [];
  for (const match of text.replaceAll(',', '').matchAll(/-?\p{Nd}+(?:\.\p{Nd}+)?/gu)) {
    const value = parsePythonFloat(match[0]);
    if (value !== null) numbers.push(value);
  }
  return numbers;
}

const SPACE_RUNS = new RegExp(`${PY_SPACE}+`, 'gu');

/** `_normalize_str`: a number stays a number; text is stripped, lower-cased, spaces collapsed, plus its float if it parses. */
export function normalizeOpenAnswer(value: OpenAnswerValue): OpenAnswerValue[] {
  if (typeof value === 'number') return [value];
  const s = pyStrip(stripChars(pyStrip(value), '.'))
    .toLowerCase()
    .replace(SPACE_RUNS, ' ');
  const out: OpenAnswerValue[] = [];
  const number = parsePythonFloat(s.replaceAll(',', ''));
  if (number !== null) out.push(number);
  if (s) out.push(s);
  return out;
}

const INDICATORS = ['could be ', 'so ', 'is ', 'thus ', 'therefore ', 'final ', 'answer ', 'result '];
const PUNCTUATION_ONLY = new Set([':', ',', '.', '!', '?', ';', "'"]);

/** `get_key_subresponses`: per line, the shortest tail after an indicator phrase (`=` too on the last line). */
function keySubresponses(response: string): string[] {
  const resp = stripChars(pyStrip(response), '.').toLowerCase();
  // Upstream splits on `\.\s(?=[A-Z])` too, which cannot match once the text is lower-cased.
  const subResponses = resp.split(/\.\s(?=[A-Z])|\n/);
  const keys: string[] = [];
  subResponses.forEach((sub, index) => {
    const indicators = index === subResponses.length - 1 ? [...INDICATORS, '='] : INDICATORS;
    let shortest: string | null = null;
    for (const indicator of indicators) {
      if (!sub.includes(indicator)) continue;
      const parts = sub.split(indicator);
      const candidate = pyStrip(parts[parts.length - 1]);
      if (!shortest || pyLen(candidate) < pyLen(shortest)) shortest = candidate;
    }
    if (shortest && !PUNCTUATION_ONLY.has(shortest)) keys.push(shortest);
  });
  return keys.length > 0 ? keys : [resp];
}

/** `_parse_open_response`: key phrases, the numbers in them, all normalised, duplicates dropped in order. */
export function parseOpenResponse(response: string): OpenAnswerValue[] {
  const keys = keySubresponses(response);
  const predictions: OpenAnswerValue[] = [...keys, ...keys.flatMap(extractNumbers)];
  const seen = new Set<string>();
  const out: OpenAnswerValue[] = [];
  for (const value of predictions.flatMap(normalizeOpenAnswer)) {
    // `dict.fromkeys`: a float and a str never collide; NaN objects are distinct keys; 0.0 == -0.0.
    if (typeof value === 'number' && Number.isNaN(value)) {
      out.push(value);
      continue;
    }
    const key = typeof value === 'number' ? `n:${value === 0 ? 0 : value}` : `s:${value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(value);
  }
  return out;
}

/** `_eval_open`: a text prediction containing a text gold form, or a number equal to a numeric gold form. */
export function evalOpen(gold: unknown, predictions: readonly OpenAnswerValue[]): boolean {
  const golds: OpenAnswerValue[] = Array.isArray(gold)
    ? gold.flatMap((answer) => normalizeOpenAnswer(typeof answer === 'string' || typeof answer === 'number' ? answer : String(answer)))
    : normalizeOpenAnswer(typeof gold === 'number' ? gold : String(gold));
  return predictions.some((prediction) =>
    typeof prediction === 'string'
      ? golds.some((answer) => typeof answer === 'string' && prediction.includes(answer))
      : golds.some((answer) => typeof answer === 'number' && answer === prediction),
  );
}

/** The scorer `create_open_answer_scorer()` builds: 1.0/0.0, the completion as the answer, the parsed predictions. */
export function createOpenAnswerScorer(answerKey = 'answer'): Scorer {
  return {
    name: 'open_answer_scorer',
    async score({ sample, completion }): Promise<Score> {
      const predictions = parseOpenResponse(completion || '');
      const metadata = sample.metadata ?? {};
      const gold = Object.hasOwn(metadata, answerKey) ? metadata[answerKey] : targetText(sample.target);
      return {
        value: evalOpen(gold, predictions) ? 1.0 : 0.0,
        answer: completion,
        metadata: { open_eval: true, pred_list: predictions },
      };
    },
  };
}
