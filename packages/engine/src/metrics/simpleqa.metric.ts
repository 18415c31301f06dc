/**
 * openbench `simpleqa_metrics()` (`scorers/simpleqa.py`): grade fractions from `metadata.grade`. `sealqa_metrics()`
 * (`metrics/sealqa.py`) is the same computation under its own name.
 */
import type { Metric } from '../types';

export function simpleqaMetrics(name: 'simpleqa_metrics' | 'sealqa_metrics' = 'simpleqa_metrics'): Metric {
  return {
    name,
    compute(scores) {
      const counts = { correct: 0, incorrect: 0, not_attempted: 0 };
      for (const { score } of scores) {
        const grade = typeof score.metadata?.grade === 'string' ? score.metadata.grade.toLowerCase() : '';
        if (Object.hasOwn(counts, grade)) counts[grade as keyof typeof counts] += 1;
      }
      const total = scores.length;
      if (total === 0) {
        return { is_correct: 0, is_incorrect: 0, is_not_attempted: 0, is_given_attempted: 0, accuracy_given_attempted: 0, f1: 0 };
      }
      const isCorrect = counts.correct / total;
      const isIncorrect = counts.incorrect / total;
      const isGivenAttempted = isCorrect + isIncorrect;
      const accuracyGivenAttempted = isGivenAttempted > 0 ? isCorrect / isGivenAttempted : 0;
      const f1Denominator = accuracyGivenAttempted + isCorrect;
      return {
        is_correct: isCorrect,
        is_incorrect: isIncorrect,
        is_not_attempted: counts.not_attempted / total,
        is_given_attempted: isGivenAttempted,
        accuracy_given_attempted: accuracyGivenAttempted,
        f1: f1Denominator > 0 ? (2 * accuracyGivenAttempted * isCorrect) / f1Denominator : 0,
      };
    },
  };
}
