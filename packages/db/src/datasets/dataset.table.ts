import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { DatasetColumns, DatasetKind, DatasetRow } from '@studio/contracts';

export interface DatasetTable {
  dataset_id: Generated<string>;
  user_id: string;
  /** The benchmark name is `custom/<slug>`; unique per user. */
  slug: string;
  name: string;
  kind: DatasetKind;
  format: 'csv' | 'jsonl';
  columns: ColumnType<DatasetColumns, string, string>;
  /** model_graded only: the default grader (a run's `grader_model` overrides it) and the rubric it grades by. */
  grader_model: string | null;
  rubric: string | null;
  row_count: number;
  /** Some row has a `group`: runs get per-group metrics. */
  has_groups: boolean;
  size_bytes: number;
  created_at: Generated<Date>;
}

export interface DatasetRowTable {
  dataset_id: string;
  /** Position in the upload, from 0. */
  idx: number;
  /** Line of the uploaded file where the row starts. */
  line: number;
  data: ColumnType<DatasetRow, string, string>;
}

export type DatasetRecord = Selectable<DatasetTable>;
export type NewDataset = Insertable<DatasetTable>;
export type NewDatasetRow = Omit<Insertable<DatasetRowTable>, 'data'> & { data: DatasetRow };
