/** Wire types of the Datasets API (plain interfaces, so tsoa documents and validates them). */

/** `multiple_choice`, `exact_match`, `f1`, `numeric` or `model_graded`: the prompt and scorer a run uses. */
export type DatasetKindName = 'multiple_choice' | 'exact_match' | 'f1' | 'numeric' | 'model_graded';

/** Which uploaded columns (CSV header names, JSON Lines keys) hold each field. */
export interface DatasetColumnMapping {
  question: string;
  answer: string;
  /** The column holding the list of choices (a JSON list; in CSV its JSON text). */
  choices?: string;
  /** One column per choice, in letter order (A, B, C, …). */
  choice_columns?: string[];
  group?: string;
}

/** One field of the stored rows: which columns it came from and what it holds. */
export interface DatasetSchemaField {
  field: 'question' | 'choices' | 'answer' | 'group';
  columns: string[];
  /** `text`, `texts` (a list), `letter` (the correct choice), `integer`. */
  type: 'text' | 'texts' | 'letter' | 'integer';
}

/** A stored row as a run reads it. */
export interface DatasetPreviewRow {
  /** Line of the uploaded file where the row ends. */
  line: number;
  question: string;
  choices?: string[];
  /** The correct letter (multiple_choice), the accepted answers (exact_match, f1), the integer (numeric) or the reference answer (model_graded). */
  answer: string | string[];
  group?: string;
}

export interface DatasetSummary {
  dataset_id: string;
  /** Unique among your datasets; the dataset runs as the benchmark `custom/<slug>`. */
  slug: string;
  /** `custom/<slug>`: the `benchmark` of `POST /api/runs`. */
  benchmark: string;
  name: string;
  kind: DatasetKindName;
  format: 'csv' | 'jsonl';
  row_count: number;
  /** Rows carry a `group`: runs report metrics per group. */
  has_groups: boolean;
  size_bytes: number;
  /** model_graded: the grader when a run names none. */
  grader_model: string | null;
  /** model_graded: criteria put before the grader's instructions. */
  rubric: string | null;
  created_at: string;
}

export interface DatasetDetail extends DatasetSummary {
  columns: DatasetColumnMapping;
  schema: DatasetSchemaField[];
  /** The first 20 rows. */
  preview: DatasetPreviewRow[];
}

export interface DatasetListResponse {
  datasets: DatasetSummary[];
}
