/**
 * Benchmark catalog shapes. Field names are snake_case because these objects are served as-is by
 * `GET /api/benchmarks` and `GET /api/benchmarks/{name}`.
 */
import type { ScoringService } from '@studio/contracts';

/** What a model (or the run) needs for the benchmark to be meaningful. */
export interface BenchmarkRequirements {
  /** Samples carry images. */
  readonly vision: boolean;
  /** The scorer or the agent runs generated code in a sandbox (local or Docker). */
  readonly code_execution: boolean;
  /** The model must call tools (agents, MCP). */
  readonly function_calling: boolean;
  /** Context window, in tokens, below which much of the set overflows; null when ordinary windows suffice. */
  readonly min_context_length: number | null;
  /** openbench's default grader model for model-graded scorers; null when scoring needs no model. */
  readonly grader_model: string | null;
  /** Fixed judge models by role (`provider/model`), called with the run owner's keys; null when there are none. */
  readonly judges: Readonly<Record<string, string>> | null;
  /** Outside scoring services called with the run owner's saved key (`TaskDefinition.services`); null when none. */
  readonly scoring_services: readonly ScoringService[] | null;
}

export interface BenchmarkDataset {
  /** `hf:<repo id>` for Hugging Face datasets, otherwise the URL (or a short note) openbench reads. */
  readonly source: string;
  /** Hugging Face config name, where openbench picks one. */
  readonly subset?: string;
  readonly split?: string;
}

export interface BenchmarkMeta {
  /** openbench registry key, spelled exactly as openbench spells it (`mmlu-pro`, `aime_2023_I`). */
  readonly name: string;
  readonly display_name: string;
  /** openbench category (`core`, `math`, `glue`, ...). */
  readonly category: string;
  /** openbench's own description text. */
  readonly description: string;
  /** At most 100 characters, for cards. */
  readonly description_short: string;
  /** openbench tags. */
  readonly tags: readonly string[];
  /** Size of the split openbench evaluates by default; null when not verified. */
  readonly sample_count: number | null;
  readonly dataset: BenchmarkDataset;
  /** Short scorer label, e.g. "MCQ letter", "numeric Answer:", "LLM-graded". */
  readonly scorer: string;
  readonly requirements: BenchmarkRequirements;
  /** openbench hides subtasks from `bench list` unless `--all`; they are still runnable by name. */
  readonly subtask: boolean;
  /** openbench module family the benchmark belongs to, when it has one. */
  readonly group?: string;
  /** Experimental in openbench (needs `--alpha`). */
  readonly alpha: boolean;
  /** Shown first in Studio's catalogue. */
  readonly featured: boolean;
  /** Why this engine cannot run it (an agent harness, a container, tools, images, not ported yet); only on entries without a task. */
  readonly reason?: string;
}

/** A catalog entry annotated with whether this engine build has a task implementation for it. */
export type RunnableBenchmarkMeta = BenchmarkMeta & { readonly runnable: boolean };

export interface ListBenchmarksOptions {
  /** Also list subtasks that are not surfaced by default. Default false. */
  readonly includeSubtasks?: boolean;
  /** Also list alpha benchmarks. Default false, as `bench list` without `--alpha`. */
  readonly includeAlpha?: boolean;
}
