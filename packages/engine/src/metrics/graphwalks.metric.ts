/** openbench `graphwalks_metrics()` and `graphwalks_token_counts()` (`metrics/graphwalks.py`): F1 and samples per token bin. */
import { GRAPHWALKS_BINS } from '../scorers/graphwalks.scorer';
import type { Metric, ReducedScore } from '../types';

const label = ([left, right]: readonly [number, number]) => `${left}-${right}`;

/** The score's bin, when its metadata holds a valid one. */
function binOf(score: ReducedScore): number | null {
  const index = score.score.metadata?.bin_index;
  return typeof index === 'number' && Number.isInteger(index) && index >= 0 && index < GRAPHWALKS_BINS.length ? index : null;
}

export function graphwalksMetrics(): Metric {
  return {
    name: 'graphwalks_metrics',
    compute(scores) {
      const sums = GRAPHWALKS_BINS.map(() => 0);
      const counts = GRAPHWALKS_BINS.map(() => 0);
      for (const score of scores) {
        const index = binOf(score);
        if (index === null) continue;
        sums[index] += score.value;
        counts[index] += 1;
      }
      return Object.fromEntries(GRAPHWALKS_BINS.map((bin, i) => [label(bin), counts[i] > 0 ? sums[i] / counts[i] : 0.0]));
    },
  };
}

export function graphwalksTokenCounts(): Metric {
  return {
    name: 'graphwalks_token_counts',
    compute(scores) {
      const counts = GRAPHWALKS_BINS.map(() => 0);
      for (const score of scores) {
        const index = binOf(score);
        if (index !== null) counts[index] += 1;
      }
      return Object.fromEntries(GRAPHWALKS_BINS.map((bin, i) => [`samples_per_bin[${label(bin)}]`, counts[i]]));
    },
  };
}
