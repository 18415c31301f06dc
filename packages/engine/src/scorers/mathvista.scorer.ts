/**
 * openbench's `mathvista_scorer` (`src/openbench/scorers/mathvista.py`): the answer is pulled out of the response by
 * choice matching, number extraction, letter patterns, `difflib` closeness and answer indicators, with a grader model
 * asked only for text answers that reached the last line; prediction and target are normalised by answer type and
 * compared with `safe_equal`.
 *
 * Python values keep their Python type here, because `==`, `str()` and `float()` on them decide the verdict:
 * a Python `int` is a `bigint`, a `float` a `number`, a `str` a `string`.
 */
import type { Score, Scorer, ScoreContext } from '../types';
import { requireGrader } from './grader.util';
import { formatPythonFloat, parsePythonFloat, pyRound } from './python-float.util';
import { PY_SPACE, pySplitWhitespace, pyStrip, pyStripChars } from './python-text.util';
import { getCloseMatches } from './sequence-matcher.util';
import { targetText } from './target.util';

export type PyValue = string | bigint | number;

/** Python `str()` of an extracted or normalised answer. */
export function pyStrOf(value: PyValue): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint') return value.toString();
  return formatPythonFloat(value);
}

/** Python's `\d` in a str pattern is any Unicode decimal digit. */
const NUMBER_WITH_GROUPS = /-?\p{Nd}+(?:,\p{Nd}{3})*(?:\.\p{Nd}+)?/gu;
const NUMBER = /-?\p{Nd}+(?:\.\p{Nd}+)?/gu;

/** `int(x)` of a float: truncation, with Python's errors for the values it refuses. */
function intOfFloat(value: number): bigint {
  if (Number.isNaN(value)) throw new Error('ValueError: cannot convert float NaN to integer');
  if (!Number.isFinite(value)) throw new Error('OverflowError: cannot convert float infinity to integer');
  return BigInt(Math.trunc(value));
}

/**
 * `float(s)` of a regex-matched number (always accepted: `\d` runs with an optional `-` and fraction); a number too
 * long for a double is `inf`, which `int()` refuses with the OverflowError upstream does not catch.
 */
function floatOfNumber(text: string): number {
  return parsePythonFloat(text) as number;
}

function numberAs(text: string, answerType: string): PyValue {
  const value = floatOfNumber(text);
  return answerType === 'integer' ? intOfFloat(value) : value;
}

const LETTER_PATTERNS = [
  new RegExp(`[Aa]nswer${PY_SPACE}*:${PY_SPACE}*([A-Z])`, 'u'),
  new RegExp(`[Aa]nswer${PY_SPACE}*is${PY_SPACE}*\\(?([A-Z])\\)?`, 'u'),
  /\(?([A-Z])\)/u,
  /^([A-Z])[.)]/u,
  new RegExp(`option${PY_SPACE}*([A-Z])`, 'u'),
];

const INDICATORS = ['answer is', 'answer:', 'result is', 'result:', '=', 'equals'];

export interface MathvistaQuestion {
  questionType: string;
  answerType: string;
  choices: readonly string[] | null;
  question: string;
}

/** `extract_with_llm`'s prompt. */
export function mathvistaExtractionPrompt(response: string, q: MathvistaQuestion): string {
  const parts = [
    'Please extract the final answer from the following response.',
    `Question type: ${q.questionType}`,
    `Answer type: ${q.answerType}`,
  ];
  if (q.questionType === 'multi_choice' && q.choices && q.choices.length > 0) parts.push(`Choices: ${q.choices.join(', ')}`);
  parts.push(
    `\nQuestion: ${q.question}`,
    `\nModel response: ${response}`,
    '\nExtract ONLY the final answer without any explanation.',
    'For multiple choice, return the exact choice text.',
    'For numbers, return just the number.',
    'For text, return just the answer word or phrase.',
  );
  return parts.join('\n');
}

/**
 * The grader's extraction, as `extract_with_llm` asks for it (temperature 0, 100 tokens, one text part), or null
 * where the call failed: upstream swallows any exception from it and keeps the last line.
 */
export type LlmExtractor = (prompt: string) => Promise<string | null>;

/**
 * `extract_answer(..., use_llm_fallback=True)`: the stages in upstream's order. `extractWithLlm` is only called for a
 * text answer whose response ended in a non-empty line none of the earlier stages resolved.
 */
export async function extractMathvistaAnswer(response: string, q: MathvistaQuestion, extractWithLlm: LlmExtractor): Promise<PyValue> {
  const choices = q.choices && q.choices.length > 0 ? q.choices : null;
  // Stage 1: the response is one of the choices.
  if (q.questionType === 'multi_choice' && choices) {
    for (const choice of choices) if (choice.toLowerCase() === response.toLowerCase()) return choice;
  }
  // Stage 2: the last number, for numeric answers.
  if (q.answerType === 'integer' || q.answerType === 'float') {
    const numbers = response.replaceAll(',', '').match(NUMBER_WITH_GROUPS);
    if (numbers) return numberAs(numbers[numbers.length - 1], q.answerType);
  }
  // Stage 3: a choice letter, else the closest choice text.
  if (q.questionType === 'multi_choice') {
    for (const pattern of LETTER_PATTERNS) {
      const match = pattern.exec(response);
      if (!match) continue;
      const letter = match[1].toUpperCase();
      if (choices) {
        const index = letter.charCodeAt(0) - 'A'.charCodeAt(0);
        if (index >= 0 && index < choices.length) return choices[index];
      }
      return letter;
    }
    if (choices) {
      const lowered = choices.map((choice) => choice.toLowerCase());
      const [closest] = getCloseMatches(response.toLowerCase(), lowered, 1, 0.6);
      if (closest !== undefined) return choices[lowered.indexOf(closest)];
    }
  }
  // Stage 4: what follows the last occurrence of an answer indicator.
  const lower = response.toLowerCase();
  for (const indicator of INDICATORS) {
    if (!lower.includes(indicator)) continue;
    const parts = lower.split(indicator);
    const candidate = pyStrip(parts[parts.length - 1]);
    if (q.answerType === 'integer' || q.answerType === 'float') {
      const numbers = candidate.replaceAll(',', '').match(NUMBER);
      if (numbers) return numberAs(numbers[0], q.answerType);
    }
    const tokens = pySplitWhitespace(candidate);
    if (tokens.length > 0) return pyStripChars(tokens[0], '.,!?;:');
  }
  // Last resort: the last non-empty line (its last number for numeric answers), or the grader's extraction.
  const lines = response.split('\n').map(pyStrip).filter((line) => line !== '');
  if (lines.length === 0) return response;
  const lastLine = lines[lines.length - 1];
  if (q.answerType === 'integer' || q.answerType === 'float') {
    const numbers = lastLine.replaceAll(',', '').match(NUMBER);
    if (numbers) return numberAs(numbers[numbers.length - 1], q.answerType);
  }
  if (q.question !== '' && q.answerType === 'text') {
    const extracted = await extractWithLlm(mathvistaExtractionPrompt(response, q));
    if (extracted !== null) return extracted;
  }
  return lastLine;
}

/** `normalize_answer(answer, answer_type, precision)`. */
export function normalizeMathvistaAnswer(answer: PyValue, answerType: string, precision: number | null): PyValue {
  if (answerType === 'integer' || answerType === 'float') {
    const value = parsePythonFloat(pyStrOf(answer).replaceAll(',', ''));
    if (value === null) return pyStrOf(answer);
    if (answerType === 'integer') {
      // `int(nan)` is a ValueError, which falls back to the text; `int(inf)` an OverflowError, which fails the sample.
      return Number.isNaN(value) ? pyStrOf(answer) : intOfFloat(value);
    }
    return precision === null ? value : pyRound(value, Math.trunc(precision));
  }
  return pyStrip(pyStrOf(answer)).toLowerCase();
}

/** Python `==` between two answers: numbers compare by value across int and float, strings only with strings. */
function pyEquals(a: PyValue, b: PyValue): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  // `==` between a bigint and a number compares their exact values, as Python does for int and float.
  return a == b;
}

/** `safe_equal(pred, gold)`. */
export function mathvistaSafeEqual(pred: PyValue, gold: PyValue): boolean {
  if (pyEquals(pred, gold)) return true;
  if (pyStrip(pyStrOf(pred)).toLowerCase() === pyStrip(pyStrOf(gold)).toLowerCase()) return true;
  const predNumber = parsePythonFloat(pyStrOf(pred).replaceAll(',', ''));
  const goldNumber = parsePythonFloat(pyStrOf(gold).replaceAll(',', ''));
  if (predNumber === null || goldNumber === null) return false;
  return Math.abs(predNumber - goldNumber) < 1e-6;
}

function metadataString(metadata: Record<string, unknown>, key: string, fallback: string): string {
  const value = metadata[key];
  return value === undefined ? fallback : String(value);
}

function llmExtractor(ctx: ScoreContext): LlmExtractor {
  const grader = requireGrader(ctx, 'mathvista_scorer');
  return async (prompt) => {
    try {
      const result = await grader.generate([{ role: 'user', content: [{ type: 'text', text: prompt }] }], { temperature: 0.0, max_tokens: 100 }, ctx.signal);
      return pyStrip(result.completion);
    } catch (error) {
      // A cancelled run still stops; any other failure is swallowed as upstream's `except Exception` does.
      if (ctx.signal?.aborted) throw error;
      return null;
    }
  };
}

export function createMathvistaScorer(): Scorer {
  return {
    name: 'mathvista_scorer',
    async score(ctx): Promise<Score> {
      const metadata = ctx.sample.metadata ?? {};
      const answerType = metadataString(metadata, 'answer_type', 'text');
      const precision = typeof metadata.precision === 'number' ? metadata.precision : null;
      const question: MathvistaQuestion = {
        questionType: metadataString(metadata, 'question_type', 'free_form'),
        answerType,
        choices: Array.isArray(metadata.choices) ? metadata.choices.map(String) : null,
        question: metadataString(metadata, 'question', ''),
      };
      const response = ctx.completion;
      const extracted = await extractMathvistaAnswer(response, question, llmExtractor(ctx));
      const normalizedPred = normalizeMathvistaAnswer(extracted, answerType, precision);
      const normalizedGold = normalizeMathvistaAnswer(targetText(ctx.sample.target), answerType, precision);
      const correct = mathvistaSafeEqual(normalizedPred, normalizedGold);
      return {
        value: correct ? 1.0 : 0.0,
        answer: response,
        explanation: `Predicted: ${pyStrOf(normalizedPred)}, Gold: ${pyStrOf(normalizedGold)}`,
        // Upstream writes these into the sample's metadata for debugging; here they travel with the score.
        metadata: {
          extracted_answer: pyStrOf(extracted),
          normalized_pred: pyStrOf(normalizedPred),
          normalized_gold: pyStrOf(normalizedGold),
        },
      };
    },
  };
}
