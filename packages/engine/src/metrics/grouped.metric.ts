/** openbench `grouped()` (`src/openbench/metrics/grouped.py`, forked from Inspect's grouped metric). */
import { pyStr } from '../scorers/python-str.util';
import type { Metric, ReducedScore } from '../types';
import { numpyMean } from './statistics.util';

export interface GroupedOptions {
  /**
   * `"samples"` (upstream default) adds each metric over all samples, `"groups"` the mean of the
   * group values, `false` (what openbench's MCQ scorers use) only the per-group values.
   */
  all?: 'samples' | 'groups' | false;
  /** Key of the aggregate when there is a single metric; upstream then uses the metric's name. */
  allLabel?: string;
}

function scalar(metric: Metric, scores: ReducedScore[]): number {
  const value = metric.compute(scores);
  if (typeof value !== 'number') throw new Error(`grouped() needs scalar metrics; ${metric.name} returns a dict`);
  return value;
}

/**
 * Applies each metric per value of `sample_metadata[groupKey]`, keyed `<group>_<metric>`,
 * groups in first-seen order and metrics in the given order within a group. Every sample must
 * carry the key. The aggregate (if any) comes first, keyed by the metric name (or `allLabel`).
 */
export function grouped(groupKey: string, metrics: Metric | readonly Metric[], options: GroupedOptions = {}): Metric {
  const list = Array.isArray(metrics) ? (metrics as readonly Metric[]) : [metrics as Metric];
  const all = options.all ?? 'samples';
  const allLabel = options.allLabel ?? 'all';
  const aggregateKey = (metric: Metric) => (list.length === 1 ? (allLabel === 'all' ? metric.name : allLabel) : metric.name);
  return {
    name: 'grouped',
    compute(scores) {
      const byGroup = new Map<string, ReducedScore[]>();
      for (const score of scores) {
        if (!score.sample_metadata || !(groupKey in score.sample_metadata)) {
          throw new Error(
            `Sample ${score.sample_id} has no '${groupKey}' in metadata. All samples must include this key to compute grouped metrics.`,
          );
        }
        const group = pyStr(score.sample_metadata[groupKey]);
        const members = byGroup.get(group);
        if (members) members.push(score);
        else byGroup.set(group, [score]);
      }
      const aggregate: Record<string, number> = {};
      if (all === 'samples') for (const metric of list) aggregate[aggregateKey(metric)] = scalar(metric, scores);
      const perGroup: Record<string, number> = {};
      for (const [group, members] of byGroup) {
        for (const metric of list) perGroup[`${group}_${metric.name}`] = scalar(metric, members);
      }
      if (all === 'groups') {
        for (const metric of list) {
          const values = [...byGroup.keys()].map((group) => perGroup[`${group}_${metric.name}`]);
          aggregate[aggregateKey(metric)] = values.length > 0 ? numpyMean(values) : 0;
        }
      }
      return all === false ? perGroup : { ...aggregate, ...perGroup };
    },
  };
}
