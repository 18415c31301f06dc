/** openbench `hle_metrics()` (`metrics/hle.py`): `avg_confidence`, the mean of the scores' `confidence` metadata. */
import type { Metric } from '../types';

export function hleMetrics(): Metric {
  return {
    name: 'hle_metrics',
    compute(scores) {
      if (scores.length === 0) return { avg_confidence: 0.0 };
      const confidences = scores
        .map(({ score }) => score.metadata ?? {})
        .filter((md) => 'confidence' in md)
        .map((md) => Number(md.confidence));
      // Integer confidences: their sum is exact, and one division rounds as Python's `int / int`.
      return { avg_confidence: confidences.length > 0 ? confidences.reduce((sum, c) => sum + c, 0) / confidences.length : 100.0 };
    },
  };
}
