/**
 * openbench `mmstar_metrics()` (`metrics/mmstar.py`): the accuracy with the image (Sv) and without it (Swv), their
 * difference, the multi-modal gain (MG), and Sv per category. The text-only base model's score (St) and the
 * multi-modal leakage (ML) need a `base_model` flag that upstream's scorer never writes into the score metadata, so
 * they are always None there and left out of the results, as Inspect leaves out a metric's None entries.
 */
import type { Metric } from '../types';

export function mmstarMetrics(): Metric {
  return {
    name: 'mmstar_metrics',
    compute(scores) {
      const byCategory = new Map<string, { withVision: number; withoutVision: number; total: number }>();
      for (const { score } of scores) {
        const metadata = score.metadata ?? {};
        const category = metadata.category ? String(metadata.category) : 'unknown';
        const counts = byCategory.get(category) ?? { withVision: 0, withoutVision: 0, total: 0 };
        byCategory.set(category, counts);
        counts.total += 1;
        if (metadata.with_vision_score === 1) counts.withVision += 1;
        if (metadata.without_vision_score === 1) counts.withoutVision += 1;
      }
      let total = 0;
      let withVision = 0;
      let withoutVision = 0;
      for (const counts of byCategory.values()) {
        total += counts.total;
        withVision += counts.withVision;
        withoutVision += counts.withoutVision;
      }
      const sv = withVision / total;
      const swv = withoutVision / total;
      const perCategory = Object.fromEntries([...byCategory].map(([category, counts]) => [category, counts.withVision / counts.total]));
      return { 'visual_score(sv)': sv, 'without_visual_score(swv)': swv, 'multi-modal_gain(mg)': sv - swv, ...perCategory };
    },
  };
}
