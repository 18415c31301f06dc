/** openbench `healthbench_metrics()` (`metrics/healthbench.py`): the mean of every `tag_*` score metadata value, clipped to [0, 1]. */
import type { Metric } from '../types';
import { numpyMean } from './statistics.util';

export function healthbenchMetrics(): Metric {
  return {
    name: 'healthbench_metrics',
    compute(scores) {
      const byTag = new Map<string, number[]>();
      for (const { score } of scores) {
        for (const [key, value] of Object.entries(score.metadata ?? {})) {
          if (key.startsWith('tag_') && typeof value === 'number') byTag.set(key, [...(byTag.get(key) ?? []), value]);
        }
      }
      return Object.fromEntries([...byTag].map(([key, values]) => [key, Math.min(Math.max(numpyMean(values), 0), 1)]));
    },
  };
}
