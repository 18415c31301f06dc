// RunSummary is shared with webhook deliveries, which carry it.
import type { RunSummary } from '@studio/contracts';
/**
 * Wire types of the Runs API. They are plain interfaces (not zod inferences) so tsoa can validate
 * requests against them and document them in /openapi.json.
 */
import type { GroupBreakdown, MetricSummary, TokenUsage } from '@studio/contracts';

/** `queued` → `running` → `completed` | `failed` | `canceled` (a queued run can also go straight to `canceled`). */
export type RunStatusName = 'queued' | 'running' | 'completed' | 'failed' | 'canceled';

export interface RunCreate extends RunOptions {
  /**
   * openbench benchmark key of a runnable benchmark (`GET /api/benchmarks?runnable_only=true`).
   * @minLength 1
   * @maxLength 200
   * @example "mmlu"
   */
  benchmark: string;
  /**
   * `provider/model`. You need a stored key for the provider (`POST /api/api-keys`) unless it needs none
   * (local servers, the built-in `mockllm`).
   * @minLength 3
   * @maxLength 300
   * @example "openai/gpt-4o"
   */
  model: string;
}

/** The options of a run (everything of `POST /api/runs` but what is run): a suite applies them to each of its runs. */
export interface RunOptions {
  /**
   * Evaluate only the first N samples.
   * @isInt
   * @minimum 1
   * @maximum 9007199254740991
   * @example 10
   */
  limit?: number | null;
  /**
   * @minimum 0
   * @maximum 2
   */
  temperature?: number | null;
  /**
   * @minimum 0
   * @maximum 1
   */
  top_p?: number | null;
  /**
   * @isInt
   * @minimum 1
   * @maximum 9007199254740991
   */
  max_tokens?: number | null;
  /**
   * Timeout of each model request, in seconds, at most a day: Node fires longer timers (over 2^31-1 ms) at
   * once, which would time every model call out immediately.
   * @isInt
   * @minimum 1
   * @maximum 86400
   */
  timeout?: number | null;
  /**
   * @isInt
   * @minimum 1
   * @maximum 100
   */
  epochs?: number | null;
  /**
   * Model calls in flight at once, up to the server's `MAX_CONNECTIONS_LIMIT` (default 500).
   * @isInt
   * @minimum 1
   * @maximum 9007199254740991
   */
  max_connections?: number | null;
  /**
   * Passed to the model as the `seed` of its generation config (reproducible sampling, for providers that
   * support it). Samples are never shuffled: a run evaluates the dataset in its order.
   * @isInt
   * @minimum -9007199254740991
   * @maximum 9007199254740991
   */
  seed?: number | null;
  /**
   * Grader of a model-graded benchmark (`provider/model`), instead of the benchmark's default. Refused for
   * benchmarks that are not model-graded.
   * @minLength 3
   * @maxLength 300
   */
  grader_model?: string | null;
  /**
   * When samples that still fail after the provider's retries fail the run, as openbench's `--fail-on-error`:
   * `true` (the default) on the first one, `false` never, a number below 1 once that fraction of the planned
   * samples failed, 1 or more once that many did. Errored samples are stored with their error and left out of
   * the metrics, as Inspect leaves them out.
   * @minimum 0
   * @example 0.05
   */
  // null first: tsoa tries the members in order, and its boolean member would take null as false.
  fail_on_error?: null | number | boolean;
  /**
   * openbench's `--epochs-reducer`: how each sample's epochs reduce to one score, one metric set per reducer:
   * `mean`, `median`, `mode`, `max`, `pass_at_<k>`, `at_least_<k>`, `pass_hat_<k>` (expanded to
   * `pass_hat_1 … pass_hat_<k>`). Absent or null: the benchmark's own (usually `mean`).
   * @minItems 1
   * @maxItems 20
   * @example ["mean", "pass_at_2"]
   */
  epochs_reducer?: string[] | null;
  /** openbench's `--reasoning-effort`, for reasoning models (mapped per provider as Inspect maps it). */
  reasoning_effort?: 'minimal' | 'low' | 'medium' | 'high' | null;
  /**
   * openbench's `-T key=value`: arguments of the benchmark's task (e.g. a split or a number of few-shot examples),
   * as strings the task parses. An argument the task does not take is refused (422 naming `task_args.<name>`, with
   * the arguments it takes), and so is a value the task refuses at setup. At most 32, named like Python identifiers
   * (at most 64 characters), values of at most 10,000 characters. Absent, null or `{}`: the task's defaults.
   * @example {"split": "test"}
   */
  task_args?: { [key: string]: string } | null;
  /** Normalised like `PATCH /api/runs/{run_id}/tags`. */
  tags?: string[];
  /** @maxLength 10000 */
  notes?: string | null;
}

export interface RunCreated {
  /** UUID v4; also the id of the run's queue job. */
  run_id: string;
}

/** The stored run configuration (`config.json`); unset options are null. */
export interface RunConfigView {
  schema_version: number;
  benchmark: string;
  model: string;
  limit: number | null;
  temperature: number | null;
  top_p: number | null;
  max_tokens: number | null;
  timeout: number | null;
  epochs: number | null;
  max_connections: number | null;
  seed: number | null;
  grader_model: string | null;
  /** Absent when the run fails on the first sample error (the default). */
  fail_on_error?: number | boolean | null;
  /** Absent when the run keeps the benchmark's reducers. */
  epochs_reducer?: string[] | null;
  /** Absent when the run leaves it to the model. */
  reasoning_effort?: 'minimal' | 'low' | 'medium' | 'high' | null;
  /** Absent when the run passes no task arguments (the task's defaults). */
  task_args?: { [key: string]: string } | null;
}


export interface RunListResponse {
  runs: RunSummary[];
  total: number;
  page: number;
  per_page: number;
  /** `page * per_page < total`. */
  has_more: boolean;
}

export interface TagsResponse {
  tags: string[];
}

export interface NotesUpdate {
  /**
   * Free text about the run; empty or null clears it. Trimmed.
   * @maxLength 10000
   */
  notes: string | null;
}

export interface NotesResponse {
  notes: string | null;
}

export interface TagsUpdate {
  /** Trimmed, lower-cased, empty ones dropped, de-duplicated and sorted; at most 50 of at most 64 characters. */
  tags: string[];
}

export interface SummaryValue {
  name: string;
  value: number;
  unit: string | null;
}

/** Summary v1 (`summary.json`), the original Studio's result shape. */
export interface SummaryV1 {
  schema_version: 1;
  primary_metric: SummaryValue | null;
  metrics: SummaryValue[];
  breakdowns: { name: string; items: { key: string; value: number; unit: string | null }[] }[];
  notes: string[];
  token_usage: TokenUsage | null;
  raw: { source: string; hint: string };
}

export interface RunProgress {
  /** Finished (sample, epoch) items. */
  current: number;
  /** Planned items (samples after the limit × epochs); 0 until the worker has planned the run. */
  total: number;
  /** 0..100, one decimal. */
  percentage: number;
}

export interface RunDetail {
  run_id: string;
  /** The owner's user id, shown to the owner only (null for anyone else holding the run id). */
  user_id: string | null;
  benchmark: string;
  model: string;
  status: RunStatusName;
  /** ISO-8601 with offset. */
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  /** 0 completed, 1 failed, 130 canceled; null until the run ends. */
  exit_code: number | null;
  error: string | null;
  config: RunConfigView;
  progress: RunProgress;
  primary_metric: number | null;
  primary_metric_name: string | null;
  metrics: MetricSummary[];
  breakdowns: GroupBreakdown[];
  /** Null until the run has finished. */
  summary: SummaryV1 | null;
  input_tokens: number | null;
  output_tokens: number | null;
  total_tokens: number | null;
  /** Usage per model (`provider/model`), the model under test and graders. */
  model_usage: { [model: string]: TokenUsage } | null;
  tags: string[];
  notes: string | null;
  /** Paths for `GET /api/runs/{run_id}/artifacts/{path}`: exactly the artifacts the run has in its current state. */
  artifacts: string[];
  /** The equivalent openbench command line, shell-quoted. */
  command: string;
  /** The last `log_lines` lines of the run's output, newline-separated. */
  stdout_tail: string;
  stderr_tail: string;
}

export interface RunStatusResponse {
  /** The run's status after the request: normally `canceled`; `running` while the worker is still stopping it. */
  status: RunStatusName;
}

export interface BulkDeleteRequest {
  /** @maxItems 1000 */
  run_ids: string[];
}

export interface BulkDeleteIds {
  deleted: string[];
  failed: string[];
  running: string[];
  not_found: string[];
  forbidden: string[];
}

export interface BulkDeleteResponse {
  status: 'completed';
  summary: { total: number; deleted: number; failed: number; running: number; not_found: number; forbidden: number };
  details: BulkDeleteIds;
}

export interface EvalDataScore {
  /** Inspect `value_to_float` of the raw value ("C" → 1, "I" → 0, "P" → 0.5); null for list and dict values. */
  value: number | null;
  /** The score value as the scorer produced it. */
  raw: string | number | boolean | (string | number | boolean)[] | { [key: string]: string | number | boolean | null };
  /** Scorer name, e.g. `mcq_scorer`. */
  name: string;
  explanation: string | null;
}

export interface EvalDataSample {
  id: string | number;
  epoch: number;
  /** The prompt; a chat input is rendered as its messages' text, one per paragraph. */
  input: string;
  /** Several acceptable targets are joined with `, `. */
  target: string;
  /** The model's final answer text. */
  output: string;
  score: EvalDataScore | null;
  answer: string | null;
  explanation: string | null;
  error: string | null;
}

export interface EvalDataMetric {
  value: number | null;
  name: string;
  reducer: string | null;
}

export interface EvalDataResponse {
  /** Inspect log status: `started`, `success`, `cancelled` or `error`. */
  status: string;
  eval_name: string;
  model: string;
  dataset: string | null;
  created: string | null;
  completed: string | null;
  /** Samples (× epochs) stored for the run, over all pages. */
  total_samples: number;
  /**
   * Flattened `results.scores[*].metrics`; a name that several scores (reducers) share is keyed
   * `<reducer>/<name>` after its first occurrence.
   */
  metrics: { [name: string]: EvalDataMetric };
  samples: EvalDataSample[];
  config: { limit: number | null; epochs: number | null };
  page: number;
  per_page: number;
  has_more: boolean;
}
