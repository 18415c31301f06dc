/** Wire types of `GET /api/runs/compare`. */
import type { MetricSummary } from '@studio/contracts';
import type { RunStatusName } from '../runs/run.types';

export interface CompareRun {
  run_id: string;
  benchmark: string;
  model: string;
  status: RunStatusName;
  /** ISO-8601 with offset. */
  created_at: string;
  primary_metric_name: string | null;
  primary_metric: number | null;
  /** As in the run detail: every metric with its stderr and, for accuracies, the Wilson 95% interval. */
  metrics: MetricSummary[];
  /** Stored samples with a score (errored samples have none). */
  scored_samples: number;
}

/** A sample of the dataset in one epoch: what runs are aligned by. */
export interface SampleRef {
  /** The sample id as text, as `GET /api/runs/{run_id}/samples?ids=` takes it. */
  id: string;
  epoch: number;
}

/** One group of a breakdown (e.g. MMLU `category` → `STEM`), as each run measured it. */
export interface CompareGroup {
  /** The breakdown, e.g. `category`. */
  breakdown: string;
  key: string;
  /** One entry per run, in the order of `runs`; `value` is null when that run has no such group. */
  values: CompareGroupValue[];
}

export interface CompareGroupValue {
  run_id: string;
  value: number | null;
  stderr: number | null;
  /** Scored samples in the group. */
  n: number | null;
  ci_lower: number | null;
  ci_upper: number | null;
}

/** The bootstrap behind `difference_ci_*`: percentile interval of mean(b) − mean(a) over resampled pairs. */
export interface BootstrapSettings {
  resamples: number;
  seed: number;
  confidence: number;
}

/**
 * Two runs over the samples both scored (same id and epoch; samples that errored in either run are left
 * out, as metrics leave them out). A sample is right with full credit (score 1).
 */
export interface ComparePair {
  run_a: string;
  run_b: string;
  /** Samples (× epochs) both runs scored. */
  shared_samples: number;
  both_correct: number;
  both_incorrect: number;
  /** Right in run A, wrong in run B. */
  a_correct_b_incorrect: number;
  /** Right in run B, wrong in run A. */
  b_correct_a_incorrect: number;
  /** The samples right in A and wrong in B, in A's plan order. */
  flipped_to_incorrect: SampleRef[];
  /** The samples right in B and wrong in A, in A's plan order. */
  flipped_to_correct: SampleRef[];
  /**
   * McNemar's exact test (two-sided binomial test of the discordant pairs against 1/2): the chance of a split
   * at least this uneven if both models were equally good on these samples. 1 without discordant pairs.
   */
  mcnemar_p_value: number;
  /** Mean score over the shared samples (the fraction right for right/wrong scorers); null without shared samples. */
  accuracy_a: number | null;
  accuracy_b: number | null;
  /** `accuracy_b - accuracy_a`. */
  difference: number | null;
  /** Paired bootstrap 95% interval of `difference`. */
  difference_ci_lower: number | null;
  difference_ci_upper: number | null;
}

export interface CompareResponse {
  /** In the order of `ids`. */
  runs: CompareRun[];
  /** Why the numbers may not mean what they seem: different benchmarks, sample sets or epochs, unfinished runs. */
  warnings: string[];
  /** Samples (× epochs) scored by every run. */
  shared_samples: number;
  /** Every group of every run's breakdowns, breakdown by breakdown. */
  groups: CompareGroup[];
  /** Every pair of runs (i < j in the order of `runs`): run A is the earlier one in `ids`. */
  pairs: ComparePair[];
  bootstrap: BootstrapSettings;
}
