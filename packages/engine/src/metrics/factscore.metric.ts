/**
 * openbench `factscore_metrics()` (`metrics/factscore.py`): the `statistics.mean` of the samples' FActScores, of
 * their unpenalised supported fractions, and of their fact counts, and the share of samples with any fact checked.
 */
import type { Metric } from '../types';
import { meanOf } from './statistics.util';

/** `_mean`: 0.0 for no values. */
const meanOrZero = (values: readonly number[]) => (values.length === 0 ? 0.0 : meanOf(values));

export function factscoreMetrics(): Metric {
  return {
    name: 'factscore_metrics',
    compute(scores) {
      if (scores.length === 0) return { factscore: 0.0, init_score: 0.0, respond_ratio: 0.0, facts_per_response: 0.0 };
      const metadata = scores.map((score) => score.score.metadata ?? {});
      // `metadata.get("factscore", value)`: a score without the key counts its value.
      const factscores = scores.map((score, i) => ('factscore' in metadata[i] ? (metadata[i].factscore as number) : score.value));
      const present = (key: string) => metadata.map((entry) => entry[key]).filter((value) => value !== undefined && value !== null) as number[];
      return {
        factscore: meanOrZero(factscores),
        init_score: meanOrZero(present('init_score')),
        respond_ratio: metadata.filter((entry) => entry.responded).length / scores.length,
        facts_per_response: meanOrZero(present('facts_per_response')),
      };
    },
  };
}
