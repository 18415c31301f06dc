/** openbench `hle_metrics()` (`metrics/hle.py`): the mean confidence over the scores that carry one (100 when none do). */
import type { Metric } from '../types';

export function hleMetrics(): Metric {
  return {
    name: 'hle_metrics',
    compute(scores) {
      if (scores.length === 0) return { avg_confidence: 0.0 };
      const confidences = scores.flatMap(({ score }) => (score.metadata && 'confidence' in score.metadata ? [Number(score.metadata.confidence)] : []));
      return { avg_confidence: confidences.length > 0 ? confidences.reduce((sum, c) => sum + c, 0) / confidences.length : 100.0 };
    },
  };
}
