import { z } from 'zod';

/** How a private dataset is prompted and scored: each kind is one of openbench's prompt templates and scorers. */
export const DATASET_KINDS = ['multiple_choice', 'exact_match', 'f1', 'numeric', 'model_graded'] as const;
export const DatasetKindSchema = z.enum(DATASET_KINDS);
export type DatasetKind = z.infer<typeof DatasetKindSchema>;

/** Upload limits of `POST /api/datasets`. */
export const DATASET_LIMITS = {
  maxBytes: 50 * 1024 * 1024,
  maxRows: 200_000,
  /** Bad rows reported in a refusal; the count of all of them comes with it. */
  reportedErrors: 100,
  previewRows: 20,
} as const;

/** A private dataset runs as the benchmark `custom/<slug>` of its owner. */
export const CUSTOM_BENCHMARK_PREFIX = 'custom/';
export const DATASET_SLUG = /^[a-z0-9](?:[a-z0-9_-]{0,62}[a-z0-9])?$/;

/** The slug of a `custom/<slug>` benchmark name, or undefined for a built-in benchmark. */
export function customBenchmarkSlug(benchmark: string): string | undefined {
  return benchmark.startsWith(CUSTOM_BENCHMARK_PREFIX) ? benchmark.slice(CUSTOM_BENCHMARK_PREFIX.length) : undefined;
}

export function customBenchmarkName(slug: string): string {
  return `${CUSTOM_BENCHMARK_PREFIX}${slug}`;
}

/**
 * One stored row, already normalised from the uploaded columns: what the engine turns into a sample. `answer` is
 * a letter (multiple_choice), the accepted answers (exact_match, f1), a non-negative integer as text (numeric)
 * or the reference answer (model_graded).
 */
export const DatasetRowSchema = z.object({
  question: z.string(),
  choices: z.array(z.string()).optional(),
  answer: z.union([z.string(), z.array(z.string())]),
  group: z.string().optional(),
});
export type DatasetRow = z.infer<typeof DatasetRowSchema>;

/** Which uploaded columns hold each field (the request's column mapping, as stored). */
export const DatasetColumnsSchema = z.object({
  question: z.string(),
  answer: z.string(),
  /** One column holding the list of choices, or … */
  choices: z.string().optional(),
  /** … one column per choice, in letter order (A, B, C, …). */
  choice_columns: z.array(z.string()).optional(),
  group: z.string().optional(),
});
export type DatasetColumns = z.infer<typeof DatasetColumnsSchema>;

/**
 * A stored dataset as the engine runs it: storage (packages/db) produces it, the engine consumes it without
 * knowing where the rows live.
 */
export interface CustomDatasetSource {
  slug: string;
  name: string;
  kind: DatasetKind;
  /** model_graded: the grader when the run names none. */
  graderModel?: string;
  /** model_graded: grading criteria put before the grader's instructions. */
  rubric?: string;
  /** Every row has a `group`: metrics per group, and breakdowns. */
  hasGroups: boolean;
  /** The rows in upload order. */
  loadRows(signal?: AbortSignal): Promise<DatasetRow[]>;
}
