/**
 * A catalog entry as it is written: in a task file for a benchmark the engine runs, in `benchmark.data.ts` for the
 * others. The catalog fills in the defaults and `description_short`.
 *
 * Sources (openbench v0.5.x), wherever an entry is written:
 * - name, display_name, description, category, tags: `_BUILTIN_BENCHMARKS` in `src/openbench/config.py`
 *   and its generated copy `docs/snippets/benchmarks.data.mdx`.
 * - dataset, scorer, default grader: `src/openbench/evals/*.py` as summarised in
 *   shared/reference/openbench-engine.md §2.4.1-§2.4.3 and §2.5.
 * - sample_count: the size of the split openbench evaluates by default. Numbers come from the local copies
 *   in shared/datasets (gsm8k, humaneval, math500, mgsm, ifeval, mmlu, aime), openbench's own descriptions and
 *   task docstrings, or the dataset card; the source is noted beside each number that is not self-evident.
 *   Where the split openbench loads was not verified the count is null.
 */
import type { BenchmarkDataset, BenchmarkRequirements } from './benchmark.types';

export interface BenchmarkEntry {
  readonly name: string;
  readonly display_name: string;
  readonly category: string;
  readonly description: string;
  readonly tags: readonly string[];
  readonly sample_count: number | null;
  readonly dataset: BenchmarkDataset;
  readonly scorer: string;
  readonly requirements?: Partial<BenchmarkRequirements>;
  readonly subtask?: boolean;
  readonly group?: string;
  readonly alpha?: boolean;
  readonly featured?: boolean;
  /** A subtask listed by default next to the top-level benchmarks (Studio surfaces it); others need `includeSubtasks`. */
  readonly surfaced?: boolean;
}

/** The catalog's short scorer labels. */
export const SCORER = {
  mcq: 'MCQ letter',
  numericAnswer: 'numeric Answer:',
  llmGraded: 'LLM-graded',
  llmJudge: 'LLM judge',
  boxedInteger: 'boxed integer',
  codeExecution: 'code execution',
  emF1: 'EM / token F1',
  instructionCheckers: 'instruction checkers',
} as const;

/** Where simple-evals' dataset files live; openbench reads many of its sets from there. */
export const SIMPLE_EVALS = 'https://openaipublic.blob.core.windows.net/simple-evals';

export const MULTIPLE_CHOICE_KNOWLEDGE = ['multiple-choice', 'knowledge', 'reasoning', 'multitask'];

/** openbench treats `-` and `_` as the same character in benchmark names and is otherwise case-sensitive. */
export function benchmarkKey(name: string): string {
  return name.replaceAll('-', '_');
}

/**
 * Items by `benchmarkKey` of their name. A name given twice (a task and a `benchmark.data.ts` entry, or two tasks) is
 * refused, and so are two names that differ only by '-' vs '_', which openbench refuses too (config.py
 * `_build_normalized_lookup`).
 */
export function indexByBenchmarkKey<T>(items: readonly T[], nameOf: (item: T) => string): ReadonlyMap<string, T> {
  const index = new Map<string, T>();
  for (const item of items) {
    const name = nameOf(item);
    const clash = index.get(benchmarkKey(name));
    if (clash !== undefined && nameOf(clash) === name) throw new Error(`benchmark catalog: ${name} is written twice`);
    if (clash !== undefined) throw new Error(`benchmark catalog: ${name} and ${nameOf(clash)} differ only by '-' vs '_'`);
    index.set(benchmarkKey(name), item);
  }
  return index;
}

/** A subtask shares its family's dataset, scorer and requirements unless it says otherwise. */
export function subtaskOf(
  family: BenchmarkEntry,
  entry: Omit<BenchmarkEntry, 'dataset' | 'scorer' | 'subtask'> & Partial<Pick<BenchmarkEntry, 'dataset' | 'scorer'>>,
): BenchmarkEntry {
  return {
    dataset: family.dataset,
    scorer: family.scorer,
    requirements: family.requirements,
    group: family.name,
    ...entry,
    subtask: true,
  };
}

/**
 * MathArena competitions (src/openbench/evals/matharena/<key>/<key>.py). Each task file names its dataset and
 * `n_problems`; aime_2024 is not a MathArena set but AarushSah/aime2024, the two 2024 exams concatenated.
 */
export function matharena(
  name: string,
  display_name: string,
  description: string,
  tags: readonly string[],
  problems: number,
  options: { source?: string; surfaced?: boolean } = {},
): BenchmarkEntry {
  return {
    name,
    display_name,
    category: 'math',
    description,
    tags,
    sample_count: problems,
    dataset: { source: options.source ?? `hf:MathArena/${name}`, split: 'train' },
    scorer: SCORER.boxedInteger,
    subtask: true,
    group: 'matharena',
    ...(options.surfaced ? { surfaced: true } : {}),
  };
}
