/** Core engine types shared by datasets → prompts → solver → scorer → metrics → eval log. */
import type { DatasetContext } from '@studio/datasets';
import type { OperatorFile, ScoringService } from '@studio/contracts';
import type { ChatMessage, GenerateConfig, GenerateResult, ModelUsage } from '@studio/providers';
import type { JinaClient } from './scoring-services/jina.client';
import type { PerspectiveClient } from './scoring-services/perspective.client';
import type { WikipediaKnowledge } from './scoring-services/wikipedia-knowledge.source';
import type { ScicodeTestData } from './scoring-services/operator-files.source';

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

/**
 * What a scorer needs from outside the engine, built by the host: clients of outside scoring services with the run
 * owner's keys (one per `ScoringService`), and the operator's files (`OperatorFile`: FActScore's knowledge base,
 * SciCode's test data).
 */
export interface ScoringServices {
  perspective?: PerspectiveClient;
  jina?: JinaClient;
  factscore_wikipedia?: WikipediaKnowledge;
  scicode_test_data?: ScicodeTestData;
}

/** A `ScoringServices` entry a task may require: an owner-keyed service, or an operator's file. */
export type TaskService = ScoringService | OperatorFile;

export interface ScoreContext {
  sample: Sample;
  /** Final assistant text. */
  completion: string;
  /** Full conversation including the final assistant message. */
  messages: ChatMessage[];
  /** Grader model, for model-graded scorers (SimpleQA, MATH). */
  grader?: Generator;
  /** The task's fixed judges by role (`TaskDefinition.judges`), metered with the sample. */
  judges?: Readonly<Record<string, Generator>>;
  /** The outside services the task declares (`TaskDefinition.services`). */
  services?: ScoringServices;
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

/** The first samples of a dataset, and how many samples the whole dataset has. */
export interface LeadingSamples {
  samples: readonly Sample[];
  total: number;
}

export interface TaskDataset {
  /** Inspect `dataset.name`, e.g. `mmlu`. */
  name: string;
  /** Where it is read from, e.g. the CSV URL or `hf://cais/mmlu`. */
  location: string;
  /** Shared between runs while the file is unchanged: read-only. */
  load(ctx: DatasetContext): Promise<readonly Sample[]>;
  /**
   * The first `count` samples (all, if there are fewer) and how many the dataset has, for a run that uses no more
   * (a limit without shuffle): only the records they come from are read and converted. Unlike Inspect, which converts
   * every record when it loads a dataset, an invalid record after them then does not fail the run. Absent where a
   * record may give other than one sample (the dataset's size is then only known once every record is converted).
   */
  loadLeading?(ctx: DatasetContext, count: number): Promise<LeadingSamples>;
  /** The loader shuffled the samples itself (Inspect's `MemoryDataset(shuffled=True)`, logged as `dataset.shuffled`). */
  shuffled?: boolean;
}

/** What a solver may do with the sample's model: one call per `generate`, metered with the sample's other calls. */
export interface SolverContext {
  sample: Sample;
  /** The sample's prompt (with the task's system message), as Inspect's `state.messages` starts. */
  messages: ChatMessage[];
  generate(messages: ChatMessage[]): Promise<GenerateResult>;
  /** The task's fixed judges by role (`TaskDefinition.judges`), metered with the sample. */
  judges?: Readonly<Record<string, Generator>>;
  /** The outside services the task declares, for a solver that scores as it goes (deep_research_bench). */
  services?: ScoringServices;
  signal?: AbortSignal;
}

export interface SolverResult {
  /** The final output (Inspect `state.output`): usually the last call's, with the completion the solver set. */
  output: GenerateResult;
  /** `state.messages` when the solver is done. */
  messages: ChatMessage[];
  /** What the solver added to `state.metadata`; the scorer and the sample log see it with the sample's own. */
  metadata?: Record<string, unknown>;
}

/**
 * A solver other than Inspect's plain `generate()`, for tasks whose samples need several model calls (political
 * even-handedness' paired prompts, MMStar's with and without the image).
 */
export interface Solver {
  /** The solver step as the log's plan names it, e.g. `paired_prompt_solver`, with its arguments. */
  name: string;
  params: Record<string, unknown>;
  solve(ctx: SolverContext): Promise<SolverResult>;
}

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
  /** Replaces `generate()` when set. */
  solver?: Solver;
  scorer: Scorer;
  metrics: Metric[];
  /** Default grader model for model-graded tasks, `provider/model`. */
  graderModel?: string;
  /**
   * Fixed models the task calls besides the model under test, by role, `provider/model` (deep_research_bench's RACE
   * and FACT judges, which openbench hard-codes). Unlike the grader, no run option changes them; the host opens them
   * with the run owner's keys and a run whose owner has no key for one is refused.
   */
  judges?: Readonly<Record<string, string>>;
  /** What the scorer needs from the host (`ScoringServices`); the run cannot start without them. */
  services?: readonly TaskService[];
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
