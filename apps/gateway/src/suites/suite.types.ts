/** Wire types of the Suites API (plain interfaces, so tsoa validates and documents them). */
import type { RunOptions, RunStatusName } from '../runs/run.types';

/**
 * `running` while any of its runs is queued or running; once every run has finished: `completed` (all completed),
 * `failed` (all failed), `canceled` (all canceled), else `partial`.
 */
export type SuiteStatus = 'running' | 'completed' | 'failed' | 'canceled' | 'partial';

export interface SuiteCreate extends RunOptions {
  /**
   * @minLength 1
   * @maxLength 200
   * @example "frontier models, reasoning set"
   */
  name?: string | null;
  /**
   * Benchmarks to run, as `POST /api/runs` takes them; each once. Required unless `group` is given.
   * @minItems 1
   * @maxItems 20
   * @example ["mmlu", "gpqa_diamond"]
   */
  benchmarks?: string[];
  /**
   * An eval group's key (`GET /api/benchmark-groups`) instead of `benchmarks`: the suite runs the group's members and
   * reports the group summary. The group must be runnable (every member is).
   * @minLength 1
   * @maxLength 200
   * @example "anli"
   */
  group?: string | null;
  /**
   * `provider/model` of each model to run every benchmark on; each once.
   * @minItems 1
   * @maxItems 20
   * @example ["openai/gpt-4o", "groq/llama-3.3-70b-versatile"]
   */
  models: string[];
}

export interface SuiteCreated {
  suite_id: string;
  /** One per (model, benchmark) pair, models first, in the order given. */
  run_ids: string[];
}

export interface SuiteProgress {
  runs_total: number;
  /** Runs in each status (statuses without runs are 0). */
  runs: Record<RunStatusName, number>;
  /** Samples done over every run that knows its size (a queued run does not yet). */
  samples_current: number;
  samples_total: number;
  /** 0..1: the mean over its runs of each run's fraction done (a finished run counts as 1). */
  fraction: number;
}

export interface SuiteMetric {
  name: string;
  value: number;
  stderr: number | null;
  /** The 95% interval of the run's primary metric as run detail gives it (Wilson, for accuracy); null when it has none. */
  ci_lower: number | null;
  ci_upper: number | null;
}

export interface SuiteCell {
  benchmark: string;
  run_id: string;
  status: RunStatusName;
  progress_current: number;
  progress_total: number;
  /** The run's primary metric, once it completed. */
  primary_metric: SuiteMetric | null;
  /** Why the run failed, when it did. */
  error: string | null;
}

export interface SuiteMatrixRow {
  model: string;
  /** One per benchmark, in the suite's order. */
  cells: SuiteCell[];
  /** Mean of the primary metric over the benchmarks where the model completed; null when it completed none. */
  mean: number | null;
  /** How many benchmarks the mean is over. */
  mean_over: number;
  /**
   * A group suite's summary for this model, as openbench's `bench eval <group>` prints it, once all the model's runs
   * have finished; null before, and in a suite that is not a group's.
   */
  group_summary: GroupSummary | null;
}

/** openbench's statistics over the members' values (numpy's mean, median, sample std); the interval is clamped to [0, 1]. */
export interface GroupSummaryStats {
  mean: number;
  median: number;
  /** Sample standard deviation (ddof 1); 0 with one member. */
  std: number;
  stderr: number;
  /** mean ± 1.96 × stderr, clamped to [0, 1]. */
  ci_lower: number;
  ci_upper: number;
}

/**
 * openbench's group summary (`display_group_summary`): each member's `accuracy`, `group_score` or `overall` (the first
 * the member's results have) averaged over the members that have one.
 */
export interface GroupSummary {
  /** The group's display name. */
  group: string;
  /** Members with a finished run, failed and canceled ones included ("Total benchmarks"). */
  benchmarks: number;
  /** Samples completed without error over the members the mean is over ("Total samples"). */
  samples: number;
  /** Members the mean is over: completed ones reporting one of the three metrics. */
  scored: number;
  /** Null when no member reported one of the metrics. */
  stats: GroupSummaryStats | null;
  /** openbench's note when members have results but none of those metrics. */
  note: string | null;
}

export interface SuiteSummary {
  suite_id: string;
  name: string | null;
  status: SuiteStatus;
  /** ISO-8601 with offset. */
  created_at: string;
  /** When its last run finished; null while running. */
  finished_at: string | null;
  benchmarks: string[];
  models: string[];
  /** The eval group the suite runs (its members are `benchmarks`); null for a suite of listed benchmarks. */
  group: string | null;
  progress: SuiteProgress;
}

export interface SuiteDetail extends SuiteSummary {
  /** One row per model, in the suite's order. */
  matrix: SuiteMatrixRow[];
}

export interface SuiteListResponse {
  suites: SuiteSummary[];
  total: number;
  page: number;
  per_page: number;
  has_more: boolean;
}

export interface SuiteRetried {
  /** The failed or canceled runs queued again (empty when there was none). */
  retried_run_ids: string[];
}
