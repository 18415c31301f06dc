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
   * Benchmarks to run, as `POST /api/runs` takes them; each once.
   * @minItems 1
   * @maxItems 20
   * @example ["mmlu", "gpqa_diamond"]
   */
  benchmarks: string[];
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
