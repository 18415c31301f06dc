/**
 * The benchmark catalog served by `GET /api/benchmarks` and `GET /api/benchmarks/{name}`: the entry each registered
 * task carries, plus `benchmark.data.ts` for the openbench benchmarks without a task. Callers mark entries
 * `runnable` with `withRunnable`/`catalogView` against the task registry's names.
 */
import { BENCHMARK_TASKS } from '../tasks/benchmark-tasks';
import { BENCHMARKS_WITHOUT_TASK } from './benchmark.data';
import { benchmarkKey, indexByBenchmarkKey, type BenchmarkEntry } from './benchmark.entry';
import { notRunnableReason } from './not-runnable.reasons';
import type {
  BenchmarkMeta,
  BenchmarkRequirements,
  ListBenchmarksOptions,
  RunnableBenchmarkMeta,
} from './benchmark.types';

const NO_REQUIREMENTS: BenchmarkRequirements = {
  vision: false,
  code_execution: false,
  function_calling: false,
  min_context_length: null,
  grader_model: null,
  judges: null,
  scoring_services: null,
};

const SHORT_DESCRIPTION_MAX = 100;

/**
 * Card text: the first sentence when it fits, otherwise cut at a word boundary before any parenthesis the
 * cut would leave open, with an ellipsis.
 */
function shortDescription(description: string): string {
  const firstSentence = description.split(/(?<=\.)\s/)[0];
  if (firstSentence.length <= SHORT_DESCRIPTION_MAX) return firstSentence;
  let cut = firstSentence.slice(0, SHORT_DESCRIPTION_MAX - 1);
  cut = cut.slice(0, cut.lastIndexOf(' '));
  const open = cut.lastIndexOf('(');
  if (open > cut.lastIndexOf(')')) cut = cut.slice(0, open);
  return `${cut.replace(/[\s,;:-]+$/, '')}…`;
}

/** An entry of a registered task has no reason; one without a task says why it cannot run. */
function toMeta(entry: BenchmarkEntry, reason: string | undefined): BenchmarkMeta {
  const meta: BenchmarkMeta = {
    name: entry.name,
    display_name: entry.display_name,
    category: entry.category,
    description: entry.description,
    description_short: shortDescription(entry.description),
    tags: Object.freeze([...entry.tags]),
    sample_count: entry.sample_count,
    dataset: Object.freeze({ ...entry.dataset }),
    scorer: entry.scorer,
    requirements: Object.freeze({ ...NO_REQUIREMENTS, ...entry.requirements }),
    subtask: entry.subtask ?? false,
    ...(entry.group === undefined ? {} : { group: entry.group }),
    alpha: entry.alpha ?? false,
    featured: entry.featured ?? false,
    ...(reason === undefined ? {} : { reason }),
  };
  return Object.freeze(meta);
}

/** Featured first, then by name in code-point order, so the order does not depend on the server's locale. */
function catalogOrder(a: BenchmarkMeta, b: BenchmarkMeta): number {
  if (a.featured !== b.featured) return a.featured ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

const ENTRIES = indexByBenchmarkKey(
  [...BENCHMARK_TASKS.map((task) => task.benchmark), ...BENCHMARKS_WITHOUT_TASK],
  (entry) => entry.name,
);

const WITHOUT_TASK: ReadonlySet<BenchmarkEntry> = new Set(BENCHMARKS_WITHOUT_TASK);

const CATALOG: readonly BenchmarkMeta[] = [...ENTRIES.values()]
  .map((entry) => toMeta(entry, WITHOUT_TASK.has(entry) ? notRunnableReason(entry) : undefined))
  .sort(catalogOrder);

const BY_LOOKUP_KEY: ReadonlyMap<string, BenchmarkMeta> = new Map(CATALOG.map((meta) => [benchmarkKey(meta.name), meta]));

/** Subtasks listed by default: the ones whose entry says `surfaced`. */
const SURFACED_SUBTASKS: ReadonlySet<string> = new Set(
  [...ENTRIES.values()].filter((entry) => entry.surfaced).map((entry) => entry.name),
);

/** The catalog entry for an openbench name; `mmlu_pro` finds `mmlu-pro`. Undefined when unknown. */
export function getBenchmark(name: string): BenchmarkMeta | undefined {
  return BY_LOOKUP_KEY.get(benchmarkKey(name));
}

/** The name exactly as openbench spells it (`mmlu_pro` gives `mmlu-pro`). Undefined when unknown. */
export function canonicalBenchmarkName(name: string): string | undefined {
  return getBenchmark(name)?.name;
}

/**
 * Catalog entries, featured first and then by name (code-point order). By default: top-level benchmarks
 * plus the subtasks whose entry is `surfaced` (arc_easy, arc_challenge, every mgsm_*, math_500, aime_2024, aime_2025);
 * alpha benchmarks only with `includeAlpha`, the other subtasks only with `includeSubtasks`.
 */
export function listBenchmarks(options: ListBenchmarksOptions = {}): BenchmarkMeta[] {
  const { includeSubtasks = false, includeAlpha = false } = options;
  return CATALOG.filter(
    (meta) =>
      (includeAlpha || !meta.alpha) &&
      (includeSubtasks || !meta.subtask || SURFACED_SUBTASKS.has(meta.name)),
  );
}

/** `meta` plus whether `runnable` (task registry names, spelled with '-' or '_') contains it. */
export function withRunnable(meta: BenchmarkMeta, runnable: ReadonlySet<string>): RunnableBenchmarkMeta {
  const key = benchmarkKey(meta.name);
  let found = false;
  for (const name of runnable) {
    if (benchmarkKey(name) === key) {
      found = true;
      break;
    }
  }
  return { ...meta, runnable: found };
}

/** `listBenchmarks(options)`, each entry marked runnable or not against the task registry's names. */
export function catalogView(
  runnable: ReadonlySet<string>,
  options: ListBenchmarksOptions = {},
): RunnableBenchmarkMeta[] {
  return listBenchmarks(options).map((meta) => withRunnable(meta, runnable));
}
