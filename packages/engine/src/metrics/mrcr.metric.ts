/** openbench `mrcr_metrics()` (`metrics/mrcr.py`): the mean score per token-count bin, 0.0 for an empty bin. */
import { OPENAI_MRCR_BINS } from '../scorers/mrcr.scorer';
import type { Metric } from '../types';

export function mrcrMetrics(): Metric {
  return {
    name: 'mrcr_metrics',
    compute(scores) {
      const sums = OPENAI_MRCR_BINS.map(() => 0);
      const counts = OPENAI_MRCR_BINS.map(() => 0);
      for (const score of scores) {
        const index = score.score.metadata?.bin_index;
        if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= OPENAI_MRCR_BINS.length) continue;
        sums[index] += score.value;
        counts[index] += 1;
      }
      return Object.fromEntries(OPENAI_MRCR_BINS.map(([left, right], i) => [`${left}-${right}`, counts[i] > 0 ? sums[i] / counts[i] : 0.0]));
    },
  };
}
