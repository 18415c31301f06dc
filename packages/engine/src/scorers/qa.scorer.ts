/** openbench `qa_scorer` (`scorers/qa.py`): NaturalQuestions, TriviaQA and SQuAD v2. */
import type { Scorer } from '../types';
import { extractAnswer, normalizeAnswer } from './answer-text.util';
import { pySplitWhitespace, pyStrip } from './python-text.util';
import { targetText } from './target.util';

/** `compute_exact_match`: 1.0 when both sides normalise to the same text. */
export function computeExactMatch(prediction: string, groundTruth: string): number {
  return normalizeAnswer(prediction) === normalizeAnswer(groundTruth) ? 1.0 : 0.0;
}

function countTokens(tokens: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
  return counts;
}

/** `compute_f1`: bag-of-tokens F1; 1.0 when both sides normalise to nothing, 0.0 when one does. */
export function computeF1(prediction: string, groundTruth: string): number {
  const predTokens = pySplitWhitespace(normalizeAnswer(prediction));
  const goldTokens = pySplitWhitespace(normalizeAnswer(groundTruth));
  if (predTokens.length === 0 && goldTokens.length === 0) return 1.0;
  if (predTokens.length === 0 || goldTokens.length === 0) return 0.0;
  const predCounts = countTokens(predTokens);
  const goldCounts = countTokens(goldTokens);
  let numSame = 0;
  for (const [token, count] of predCounts) numSame += Math.min(count, goldCounts.get(token) ?? 0);
  if (numSame === 0) return 0.0;
  const precision = numSame / predTokens.length;
  const recall = numSame / goldTokens.length;
  return (2 * precision * recall) / (precision + recall);
}

/** `score_qa`: the best exact match and the best F1 over the non-empty gold answers. */
export function scoreQa(prediction: string, groundTruths: readonly string[]): { em: number; f1: number } {
  let em = 0.0;
  let f1 = 0.0;
  for (const truth of groundTruths) {
    if (!truth) continue;
    em = Math.max(em, computeExactMatch(prediction, truth));
    f1 = Math.max(f1, computeF1(prediction, truth));
  }
  return { em, f1 };
}

/**
 * `qa_scorer`'s extraction and comparison, valued by `value` (`qa_scorer` itself: EM when it is 1, else F1). Gold
 * answers are pipe-separated in the target; blank pieces are dropped.
 */
function qaScorer(name: string, value: (scores: { em: number; f1: number }) => number): Scorer {
  return {
    name,
    async score({ sample, completion }) {
      const prediction = extractAnswer(completion);
      const groundTruths = targetText(sample.target)
        .split('|')
        .map(pyStrip)
        .filter((truth) => truth !== '');
      const scores = scoreQa(prediction, groundTruths);
      return {
        value: value(scores),
        answer: prediction,
        metadata: { exact_match: scores.em, f1: scores.f1, prediction, ground_truths: groundTruths },
      };
    },
  };
}

export function createQaScorer(): Scorer {
  return qaScorer('qa_scorer', ({ em, f1 }) => (em === 1.0 ? em : f1));
}

/** `qa_scorer`'s comparison valued by its exact match only (the exact_match kind of private datasets). */
export function createExactMatchScorer(): Scorer {
  return qaScorer('exact_match_scorer', ({ em }) => em);
}
