/**
 * The rule-based OCRBench v2 evaluations of openbench's `scorers/ocrbenchv2.py` that compare text, numbers and
 * boxes: VQA (substring or ANLS), Chinese VQA, counting, text grounding/spotting (IoU), the handwritten
 * multiple-choice patterns and the default `<no answer>` rule. Strings are compared by code point, as Python does.
 */
import { levenshteinDistance } from './chartqapro.scorer';
import { parsePythonInt } from './python-float.util';
import { PY_DIGIT, pyDecimalInt, pyLen, pyLower, pySplitWhitespace, pyStrip } from './python-text.util';

const DIGIT_RUNS = new RegExp(`${PY_DIGIT}+`, 'gu');

/** `re.findall(r"\d+", text)` (Unicode digits, as Python's `\d` on str). */
const digitRuns = (text: string): string[] => text.match(DIGIT_RUNS) ?? [];

/** `str(x).replace("\n", " ").strip()`, the normalisation the VQA evaluations share. */
const flatten = (text: string) => pyStrip(text.replaceAll('\n', ' '));

/** `anls_score` of one pair: 1 − normalised distance below the threshold, else 0 (1 for two empty strings). */
export function anlsPair(prediction: string, truth: string, threshold = 0.5): number {
  const maxLen = Math.max(pyLen(prediction), pyLen(truth));
  if (maxLen === 0) return 1;
  const normalized = levenshteinDistance(prediction, truth) / maxLen;
  return normalized < threshold ? 1 - normalized : 0;
}

/** `vqa_evaluation`: an answer of fewer than 5 words matches as a substring, a longer one by ANLS. */
export function vqaEvaluation(predict: string, answers: readonly string[], caseSensitive = false): number {
  let prediction = flatten(predict);
  if (!caseSensitive) prediction = pyLower(prediction);
  let best = 0;
  for (const raw of answers) {
    let answer = flatten(raw);
    if (!caseSensitive) answer = pyLower(answer);
    if (pySplitWhitespace(answer).length < 5) {
      if (prediction.includes(answer)) return 1;
    } else best = Math.max(best, anlsPair(prediction, answer));
  }
  return best;
}

/** `cn_vqa_evaluation`: spaces removed, fewer than 4 comma-separated parts match as a substring, else ANLS. */
export function cnVqaEvaluation(predict: string, answers: readonly string[]): number {
  const squeeze = (text: string) => pyLower(pyStrip(text.replaceAll('\n', ' ').replaceAll(' ', '')));
  const prediction = squeeze(predict);
  let best = 0;
  for (const raw of answers) {
    const answer = squeeze(raw);
    if (answer.split(',').length < 4) {
      if (prediction.includes(answer)) return 1;
    } else best = Math.max(best, anlsPair(prediction, answer));
  }
  return best;
}

/** The number words `counting_evaluation` tries, in its dict's order (the first contained one wins: "none" is 1). */
const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** `int(str(answer).strip())` (sign, `_` separators, any script's digits), or null where Python raises. */
function answerInt(answer: string): number | null {
  const value = parsePythonInt(pyStrip(answer));
  return value === null ? null : Number(value);
}

/** `counting_evaluation`: 1 − |pred − gt| / gt for the first number, kept when above 0.5 and 0 < pred < 2·gt. */
export function countingEvaluation(predict: string, answers: readonly string[]): number {
  let numbers = digitRuns(predict);
  if (numbers.length === 0) {
    const lower = pyLower(pyStrip(predict));
    const word = NUMBER_WORDS.findIndex((text) => lower.includes(text));
    if (word >= 0) numbers = [String(word)];
  }
  if (numbers.length === 0) return 0;
  const predicted = pyDecimalInt(numbers[0]);
  let best = 0;
  for (const answer of answers) {
    const expected = answerInt(answer);
    if (expected === null || expected === 0 || predicted <= 0 || predicted >= 2 * expected) continue;
    const iou = 1 - Math.abs(predicted - expected) / expected;
    if (iou > 0.5) best = Math.max(best, iou);
  }
  return best;
}

/** `text_grounding_evaluation`: the first four numbers of the prediction and of the answers as boxes; 1 above IoU 0.5. */
export function textGroundingEvaluation(predict: string, answers: readonly string[]): number {
  if (answers.length === 0) return 0;
  const predicted = digitRuns(predict).slice(0, 4).map(pyDecimalInt);
  if (predicted.length < 4) return 0;
  const expected = answers.flatMap(digitRuns).slice(0, 4).map(pyDecimalInt);
  if (expected.length < 4) return 0;
  const [ax1, ay1, ax2, ay2] = predicted;
  const [bx1, by1, bx2, by2] = expected;
  const inter = Math.max(0, Math.min(ax2, bx2) - Math.max(ax1, bx1)) * Math.max(0, Math.min(ay2, by2) - Math.max(ay1, by1));
  const union = (ax2 - ax1) * (ay2 - ay1) + (bx2 - bx1) * (by2 - by1) - inter;
  if (union === 0) return 0;
  const iou = inter / union;
  return iou > 0.5 ? 1 : iou;
}

/** The separators of the handwritten multiple-choice patterns (`"".join(chars)`, `".".join(chars)`, …). */
const CHOICE_SEPARATORS = ['', '.', '. ', ',', ', ', '、', ';', '; ', ' ', '和'];

/** The multiple-choice path of "handwritten answer extraction cn": the first answer's letters in any listed format. */
export function handwrittenChoiceEvaluation(predict: string, answers: readonly string[]): number {
  const target = answers[0];
  if (target === undefined || target === '') return 0;
  const chars = Array.from(target);
  if (chars.length > 1) return CHOICE_SEPARATORS.some((separator) => predict.includes(chars.join(separator))) ? 1 : 0;
  return predict.includes(target) ? 1 : 0;
}

const NO_ANSWER_PHRASES = ['no answer', 'not applicable', 'n/a', 'none', 'cannot', 'not visible', 'not shown'];

/** The router's default: `<no answer>` wants a refusal phrase; any other answer equal to or inside the prediction. */
export function defaultEvaluation(predict: string, answers: readonly string[]): number {
  const prediction = pyLower(pyStrip(predict));
  for (const raw of answers) {
    const answer = pyLower(pyStrip(raw));
    if (answer === '<no answer>') return NO_ANSWER_PHRASES.some((phrase) => prediction.includes(phrase)) ? 1 : 0;
    if (prediction === answer || prediction.includes(answer)) return 1;
  }
  return 0;
}
