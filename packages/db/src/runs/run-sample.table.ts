import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** One finished (sample, epoch) of a run. */
export interface RunSampleTable {
  run_id: string;
  sample_id: string;
  epoch: number;
  /** Position in the plan, so samples list in run order. */
  seq: number;
  /** Float score (Inspect value_to_float of the first scorer) for quick aggregates; null when the sample errored. */
  score: number | null;
  /** The sample's error (the record's `error`); null when it finished. */
  error: string | null;
  /** Tokens of the model under test for this sample (the record's `output.usage`); null when it reported none. */
  model_input_tokens: number | null;
  model_output_tokens: number | null;
  model_total_tokens: number | null;
  /** Tokens of every call the sample made, model under test and graders (the record's `usage`). */
  input_tokens: number | null;
  output_tokens: number | null;
  total_tokens: number | null;
  /** The engine's full SampleRecord. */
  record: ColumnType<Record<string, unknown>, string, string>;
  created_at: Generated<Date>;
}

export type RunSampleRow = Selectable<RunSampleTable>;
/** A row to store: every column but `created_at` is given (build it with `newRunSample`). */
export type NewRunSample = Required<Omit<Insertable<RunSampleTable>, 'created_at'>>;
