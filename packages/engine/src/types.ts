/** Core engine types shared by datasets → prompts → solver → scorer → metrics → eval log. */
import type { DatasetContext } from '@studio/datasets';
import type { ChatMessage, GenerateConfig, GenerateResult, ModelUsage } from '@studio/providers';

export type SampleId = string | number;

/** One dataset record turned into a prompt; mirrors Inspect's `Sample`. */
export interface Sample {
  id: SampleId;
  /** The prompt: a user message text, or a full chat. */
  input: string | ChatMessage[];
  target: string | string[];
  choices?: string[];
  metadata?: Record<string, unknown>;
}

/** Inspect `Score.value`: "C"/"I"/"P"/"N", a number, a boolean, or a dict of those. */
export type ScoreValue = string | number | boolean | Record<string, string | number | boolean | null>;

export interface Score {
  value: ScoreValue;
  answer?: string | null;
  explanation?: string | null;
  metadata?: Record<string, unknown>;
}

/** The part of a model client that solvers and grading scorers need. */
export interface Generator {
  /** Full `provider/model` id: usage is keyed by it, as Inspect keys `model_usage`. */
  readonly model: string;
  generate(messages: ChatMessage[], config: GenerateConfig, signal?: AbortSignal): Promise<GenerateResult>;
}

export interface ScoreContext {
  sample: Sample;
  /** Final assistant text. */
  completion: string;
  /** Full conversation including the final assistant message. */
  messages: ChatMessage[];
  /** Grader model, for model-graded scorers (SimpleQA, MATH). */
  grader?: Generator;
  signal?: AbortSignal;
}

export interface Scorer {
  /** Registry name as in openbench/Inspect logs, e.g. `mcq_scorer`. */
  name: string;
  score(ctx: ScoreContext): Promise<Score>;
}

/** A score after epoch reduction, as metrics see it (Inspect `SampleScore`). */
export interface ReducedScore {
  sample_id: SampleId;
  /** Float value (Inspect `value_to_float`) used by scalar metrics. */
  value: number;
  /** The raw score, for metrics that read dict values or metadata (SimpleQA grades, DROP). */
  score: Score;
  sample_metadata?: Record<string, unknown>;
}

/**
 * A metric over reduced scores. Returns a number, or a dict that Inspect flattens into one
 * entry per key (grouped metrics, simpleqa_metrics).
 */
export interface Metric {
  name: string;
  compute(scores: ReducedScore[]): number | Record<string, number>;
}

/** Epoch reducer (Inspect: mean, median, mode, max, pass_at_k, at_least_k). */
export interface Reducer {
  name: string;
  reduce(scores: Score[]): Score;
}

/** Where task datasets are read from: the datasets package's cache and network settings, passed through as they are. */
export type { DatasetContext };

export interface TaskDataset {
  /** Inspect `dataset.name`, e.g. `mmlu`. */
  name: string;
  /** Where it is read from, e.g. the CSV URL or `hf://cais/mmlu`. */
  location: string;
  /** Shared between runs while the file is unchanged: read-only. */
  load(ctx: DatasetContext): Promise<readonly Sample[]>;
}

/** What a task's own solver gets: the sample, its prompt messages and `generate` on the model under test (metered). */
export interface SolverContext {
  sample: Sample;
  /** The prompt as Inspect's default plan would send it (system message first, when the task has one). */
  messages: ChatMessage[];
  generate(messages: ChatMessage[]): Promise<GenerateResult>;
  signal?: AbortSignal;
}

/** A solver's result: the conversation as the log shows it and the output the scorer reads. */
export interface SolverResult {
  messages: ChatMessage[];
  output: { model: string; completion: string; stop_reason: string; usage: ModelUsage | null; time_ms: number };
}

/**
 * A solver of openbench's own (several model calls per sample, e.g. MMStar's with and without the image) in place
 * of Inspect's default `generate()`.
 */
export type Solver = (ctx: SolverContext) => Promise<SolverResult>;

export interface TaskDefinition {
  /** openbench registry key, e.g. `mmlu`, `mgsm_en`. */
  name: string;
  displayName: string;
  dataset: TaskDataset;
  /** Prepended as a system message when set. */
  systemMessage?: string;
  /** Task-level generation defaults (run config overrides them). */
  config: GenerateConfig;
  /** Default epochs and reducers (Inspect `Epochs`). */
  epochs?: number;
  reducers?: string[];
  /** Replaces the default plan's single `generate()`. */
  solver?: Solver;
  scorer: Scorer;
  metrics: Metric[];
  /** Default grader model for model-graded tasks, `provider/model`. */
  graderModel?: string;
  /** Score field that holds the primary metric, normally `accuracy`. */
  primaryMetric?: string;
}

/** What the runner emits for each finished (sample, epoch): the unit stored, resumed and logged. */
export interface SampleRecord {
  sample_id: SampleId;
  epoch: number;
  input: string | ChatMessage[];
  target: string | string[];
  choices?: string[];
  metadata: Record<string, unknown>;
  messages: ChatMessage[];
  output: {
    model: string;
    completion: string;
    stop_reason: string;
    usage: ModelUsage | null;
    time_ms: number;
  } | null;
  /** Keyed by scorer name, as in Inspect sample logs. */
  scores: Record<string, Score>;
  /** Grader calls and the model call both count. */
  usage: ModelUsage | null;
  started_at: string;
  completed_at: string;
  total_time: number;
  working_time: number;
  retries: number;
  error: string | null;
}

/** Final numbers of a run, in Inspect's `results.scores[*].metrics` shape. */
export interface EvalScoreResult {
  name: string;
  scorer: string;
  reducer?: string;
  scored_samples: number;
  unscored_samples: number;
  metrics: Record<string, { name: string; value: number }>;
}
