/**
 * The text-similarity evaluations of openbench's `scorers/ocrbenchv2.py` as they run with its `ocrbenchv2`
 * dependencies installed: `ocr_evaluation` (the mean of NLTK's smoothed sentence BLEU, METEOR, a token-set F1 and
 * 1 − normalised edit distance, best over the answers) and `table_parsing_evaluation` (TEDS on the HTML, best over
 * the answers, and the OCR metric when no answer scores above 0).
 */
import { levenshteinDistance } from './chartqapro.scorer';
import { sentenceBleu } from './nlp/bleu';
import { meteorScore } from './nlp/meteor';
import { pyLen, pySplitWhitespace, pyStrip } from './python-text.util';
import { calculateTeds } from './teds';

/** `len(common) / len(side)` F1 of the two token sets. */
function tokenSetF1(predTokens: readonly string[], truthTokens: readonly string[]): number {
  const pred = new Set(predTokens);
  const truth = new Set(truthTokens);
  const common = [...pred].filter((token) => truth.has(token)).length;
  const precision = pred.size > 0 ? common / pred.size : 0;
  const recall = truth.size > 0 ? common / truth.size : 0;
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

export function ocrEvaluation(predict: string, answers: readonly string[]): number {
  if (answers.length === 0) return 0;
  const pred = pyStrip(predict);
  if (pred === '') return 0;
  let best = 0;
  for (const raw of answers) {
    const truth = pyStrip(raw);
    if (truth === '') continue;
    // Both are non-empty after strip, so both have tokens and upstream always takes its NLTK branch.
    const predTokens = pySplitWhitespace(pred);
    const truthTokens = pySplitWhitespace(truth);
    const maxLen = Math.max(pyLen(pred), pyLen(truth));
    const editScore = 1 - levenshteinDistance(pred, truth) / maxLen;
    const bleu = sentenceBleu([truthTokens], predTokens);
    const meteor = meteorScore([truthTokens], predTokens);
    const score = (bleu + meteor + tokenSetF1(predTokens, truthTokens) + editScore) / 4;
    best = Math.max(best, score);
  }
  return best;
}

/** `table_parsing_evaluation` (and `doc_parsing_evaluation`, the same function). */
export function tableParsingEvaluation(predict: string, answers: readonly string[]): number {
  if (answers.length === 0) return 0;
  let best = 0;
  for (const answer of answers) best = Math.max(best, calculateTeds(predict, answer, false));
  return best === 0 ? ocrEvaluation(predict, answers) : best;
}
