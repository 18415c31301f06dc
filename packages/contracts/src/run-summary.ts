/** How a run's results are stored and shown: shared by the engine (producer), db and gateway. */

/** A run as lists show it (`GET /api/runs`) and webhook deliveries carry it. */
export interface RunSummary {
  run_id: string;
  benchmark: string;
  model: string;
  /** Spelled out rather than `RunStatus` (a zod inference), which tsoa cannot document. */
  status: 'queued' | 'running' | 'completed' | 'failed' | 'canceled';
  /** ISO-8601 with offset. */
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  primary_metric: number | null;
  primary_metric_name: string | null;
  /** Standard error of the primary metric, when the benchmark reports one. */
  primary_metric_stderr: number | null;
  /** Wilson 95% interval of the primary metric, for proportions (accuracy-like metrics). */
  primary_metric_ci_lower: number | null;
  primary_metric_ci_upper: number | null;
  tags: string[];
  notes: string | null;
  total_tokens: number | null;
}

export interface MetricSummary {
  name: string;
  value: number;
  /** Standard error reported next to the metric by the task (Inspect `stderr`), if any. */
  stderr: number | null;
  /** Wilson 95% interval; set for accuracy metrics, whose values are proportions. */
  ci_lower: number | null;
  ci_upper: number | null;
}

export interface GroupItem {
  key: string;
  value: number;
  stderr: number | null;
  /** Scored samples in the group, when it could be counted. */
  n: number | null;
  ci_lower: number | null;
  ci_upper: number | null;
}

export interface GroupBreakdown {
  /** Sample metadata field the groups come from (e.g. `category`), or `group` when unknown. */
  name: string;
  items: GroupItem[];
}

export interface TokenUsage {
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
}
