import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { GroupBreakdown, MetricSummary, RunStatus, TokenUsage } from '@studio/contracts';

type Json<T> = ColumnType<T, string | T, string | T>;

export interface RunTable {
  run_id: string;
  user_id: string | null;
  benchmark: string;
  model: string;
  status: Generated<RunStatus>;
  /** The validated RunConfig (schema_version 1). */
  config: Json<Record<string, unknown>>;
  created_at: Generated<Date>;
  started_at: Date | null;
  finished_at: Date | null;
  exit_code: number | null;
  error: string | null;
  progress_current: Generated<number>;
  progress_total: Generated<number>;
  primary_metric: number | null;
  primary_metric_name: string | null;
  metrics: Json<MetricSummary[]> | null;
  breakdowns: Json<GroupBreakdown[]> | null;
  /** Inspect-shaped `results.scores` (one entry per reducer), kept for the .eval log. */
  results: Json<unknown[]> | null;
  /** Token usage per model (`provider/model` → usage), model under test and graders. */
  model_usage: Json<Record<string, TokenUsage>> | null;
  input_tokens: number | null;
  output_tokens: number | null;
  total_tokens: number | null;
  tags: Generated<string[]>;
  notes: string | null;
  /** Identifiers for the Inspect log of this run. */
  eval_id: string;
  task_id: string;
  /** Set when a user asks to cancel; the worker holding the run stops at once. */
  cancel_requested_at: Date | null;
  /** Times a worker has started (or resumed) this run; each claim's value fences its writes (RunHold). */
  attempts: Generated<number>;
  /** Times the reconciler re-enqueued the run after its queue job failed. */
  requeues: Generated<number>;
  /** Fingerprint of the data the first attempt planned; null until a worker has loaded the dataset. */
  dataset_fingerprint: string | null;
  worker_id: string | null;
  /** The suite the run was submitted in, if any. */
  suite_id: Generated<string | null>;
  /** The schedule whose tick made the run, if any (null again once the schedule is deleted). */
  schedule_id: Generated<string | null>;
  updated_at: Generated<Date>;
}

export type RunRow = Selectable<RunTable>;
export type NewRun = Insertable<RunTable>;
export type RunUpdate = Updateable<RunTable>;
