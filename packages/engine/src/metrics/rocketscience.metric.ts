/**
 * openbench `rocketscience_metrics()` (`metrics/rocketscience.py`): per dataset item (its four samples share a
 * `tuple_id`), the text score is 1 when both caption choices are right, the image score when both image choices are,
 * the group score when all four are; each is averaged over the items that have all four samples.
 */
import type { Metric } from '../types';

export function rocketscienceMetrics(): Metric {
  return {
    name: 'rocketscience_metrics',
    compute(scores) {
      const byTuple = new Map<unknown, { image: unknown[]; text: unknown[] }>();
      for (const { sample_metadata: metadata, score } of scores) {
        if (!metadata) continue;
        const group = byTuple.get(metadata.tuple_id) ?? { image: [], text: [] };
        byTuple.set(metadata.tuple_id, group);
        if (metadata.type === 'imagescore') group.image.push(score.value);
        else if (metadata.type === 'textscore') group.text.push(score.value);
      }
      const image: number[] = [];
      const text: number[] = [];
      const all: number[] = [];
      for (const group of byTuple.values()) {
        if (group.image.length !== 2 || group.text.length !== 2) continue;
        // Upstream compares the reduced values with 1.0 (the epoch mean of C/I).
        const [i0, i1] = group.image.map((v) => v === 1);
        const [t0, t1] = group.text.map((v) => v === 1);
        image.push(i0 && i1 ? 1 : 0);
        text.push(t0 && t1 ? 1 : 0);
        all.push(t0 && t1 && i0 && i1 ? 1 : 0);
      }
      const mean = (values: number[]) => (values.length > 0 ? values.reduce((sum, v) => sum + v, 0) / values.length : 0.0);
      return { image_score: mean(image), text_score: mean(text), group_score: mean(all) };
    },
  };
}
