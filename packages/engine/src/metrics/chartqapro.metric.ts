/**
 * openbench `chartqapro_metrics()` (`metrics/chartqapro.py`): the mean score overall and per question type (the
 * score metadata's `question_type`, "unknown" when absent), the types in sorted order.
 */
import { pySum } from '../scorers/python-float.util';
import type { Metric } from '../types';

export function chartqaproMetrics(): Metric {
  return {
    name: 'chartqapro_metrics',
    compute(scores) {
      const byType = new Map<string, number[]>();
      for (const { score, value } of scores) {
        const questionType = String(score.metadata?.question_type ?? 'unknown');
        byType.set(questionType, [...(byType.get(questionType) ?? []), value]);
      }
      const all = scores.map(({ value }) => value);
      const results: Record<string, number> = { overall: all.length > 0 ? pySum(all) / all.length : 0 };
      for (const questionType of [...byType.keys()].sort()) {
        const values = byType.get(questionType) as number[];
        results[questionType] = pySum(values) / values.length;
      }
      return results;
    },
  };
}
