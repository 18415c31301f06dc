/** Wire types of `GET /api/stats/...`: aggregates over the caller's own runs. */

export interface RunStatusCounts {
  queued: number;
  running: number;
  completed: number;
  failed: number;
  canceled: number;
}

export interface StatsSummary {
  /** All your runs, in every status. */
  runs: number;
  by_status: RunStatusCounts;
  /** completed ÷ (completed + failed): canceled runs were stopped by you, not failures. Null before any run ended so. */
  success_rate: number | null;
  /** Tokens of all your runs (the model under test and graders). */
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
  /** Distinct benchmarks and models you ran. */
  benchmarks: number;
  models: number;
  /** ISO-8601 with offset; null without runs. */
  first_run_at: string | null;
  last_run_at: string | null;
}

export interface StatsDay {
  /** UTC day, `YYYY-MM-DD`. */
  date: string;
  /** Runs created that day, by their status now. */
  runs: number;
  by_status: RunStatusCounts;
  success_rate: number | null;
  total_tokens: number;
}

export interface StatsHistory {
  days: number;
  /** One entry per UTC day, oldest first, today last; days without runs have zeros. */
  history: StatsDay[];
}

export type LeaderboardSortBy = 'primary_metric' | 'model' | 'finished_at' | 'total_tokens' | 'runs';
export type SortOrder = 'asc' | 'desc';

export interface LeaderboardEntry {
  /** 1 for the best primary metric on the benchmark; ties share a rank (whatever the sort). */
  rank: number;
  model: string;
  /** The model's best completed run (highest primary metric; the latest on a tie). */
  run_id: string;
  primary_metric_name: string;
  primary_metric: number;
  /** The primary metric's stderr and Wilson 95% interval, as the run detail reports them. */
  stderr: number | null;
  ci_lower: number | null;
  ci_upper: number | null;
  /** (sample, epoch) items the run evaluated. */
  samples: number;
  total_tokens: number | null;
  /** ISO-8601 with offset. */
  finished_at: string | null;
  /** Your completed runs of this model on the benchmark. */
  runs: number;
}

export interface BenchmarkLeaderboard {
  benchmark: string;
  entries: LeaderboardEntry[];
}

export interface LeaderboardResponse {
  /** Benchmarks in name order, each with its models. */
  leaderboards: BenchmarkLeaderboard[];
}
