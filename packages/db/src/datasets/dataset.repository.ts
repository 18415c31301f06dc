import { customBenchmarkName, customBenchmarkSlug, type CustomDatasetSource, type DatasetColumns, type DatasetRow } from '@studio/contracts';
import type { Db, DbOrTrx } from '../database';
import type { DatasetRecord, NewDatasetRow } from './dataset.table';

export interface NewDatasetFields {
  user_id: string;
  slug: string;
  name: string;
  kind: DatasetRecord['kind'];
  format: DatasetRecord['format'];
  columns: DatasetColumns;
  grader_model: string | null;
  rubric: string | null;
}

/** The dataset's row with zero counts; the upload fills them in with `finishDatasetUpload` in the same transaction. */
export async function insertDataset(db: DbOrTrx, fields: NewDatasetFields): Promise<DatasetRecord> {
  return db
    .insertInto('datasets')
    .values({ ...fields, columns: JSON.stringify(fields.columns), row_count: 0, has_groups: false, size_bytes: 0 })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertDatasetRows(db: DbOrTrx, rows: readonly NewDatasetRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('dataset_rows')
    .values(rows.map((row) => ({ ...row, data: JSON.stringify(row.data) })))
    .execute();
}

export async function finishDatasetUpload(
  db: DbOrTrx,
  datasetId: string,
  counts: { row_count: number; has_groups: boolean; size_bytes: number },
): Promise<DatasetRecord> {
  return db.updateTable('datasets').set(counts).where('dataset_id', '=', datasetId).returningAll().executeTakeFirstOrThrow();
}

export async function listDatasets(db: DbOrTrx, userId: string): Promise<DatasetRecord[]> {
  return db.selectFrom('datasets').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('slug').execute();
}

/** The user's dataset; undefined for another user's, as for one that does not exist. */
export async function findDataset(db: DbOrTrx, userId: string, datasetId: string): Promise<DatasetRecord | undefined> {
  return db.selectFrom('datasets').selectAll().where('dataset_id', '=', datasetId).where('user_id', '=', userId).executeTakeFirst();
}

export async function findDatasetBySlug(db: DbOrTrx, userId: string, slug: string): Promise<DatasetRecord | undefined> {
  return db.selectFrom('datasets').selectAll().where('user_id', '=', userId).where('slug', '=', slug).executeTakeFirst();
}

/** Rows in upload order, `limit` of them from `offset`. */
export async function listDatasetRows(db: DbOrTrx, datasetId: string, page: { offset: number; limit: number }): Promise<NewDatasetRow[]> {
  return db
    .selectFrom('dataset_rows')
    .select(['dataset_id', 'idx', 'line', 'data'])
    .where('dataset_id', '=', datasetId)
    .where('idx', '>=', page.offset)
    .orderBy('idx')
    .limit(page.limit)
    .execute();
}

export type DatasetDeletion = 'deleted' | 'not_found' | 'in_use';

/**
 * Deletes the user's dataset with its rows, unless a run of it (`custom/<slug>`) is queued or running. The
 * dataset row is locked for the check, so two deletes cannot both pass it.
 */
export async function deleteDatasetUnlessInUse(db: Db, userId: string, datasetId: string): Promise<DatasetDeletion> {
  return db.transaction().execute(async (trx) => {
    const dataset = await trx
      .selectFrom('datasets')
      .select(['dataset_id', 'slug'])
      .where('dataset_id', '=', datasetId)
      .where('user_id', '=', userId)
      .forUpdate()
      .executeTakeFirst();
    if (!dataset) return 'not_found';
    const active = await trx
      .selectFrom('runs')
      .select('run_id')
      .where('user_id', '=', userId)
      .where('benchmark', '=', customBenchmarkName(dataset.slug))
      .where('status', 'in', ['queued', 'running'])
      .limit(1)
      .executeTakeFirst();
    if (active) return 'in_use';
    await trx.deleteFrom('datasets').where('dataset_id', '=', datasetId).execute();
    return 'deleted';
  });
}

const ROWS_PAGE = 5000;

/**
 * The dataset of a `custom/<slug>` run as the engine reads it: the owner's dataset, its rows read back a page at a
 * time when the run loads its data (any worker on any machine). Undefined when the owner has no such dataset.
 */
export async function customDatasetSource(db: DbOrTrx, userId: string | null, benchmark: string): Promise<CustomDatasetSource | undefined> {
  const slug = customBenchmarkSlug(benchmark);
  const dataset = slug === undefined || userId === null ? undefined : await findDatasetBySlug(db, userId, slug);
  if (!dataset) return undefined;
  return {
    slug: dataset.slug,
    name: dataset.name,
    kind: dataset.kind,
    ...(dataset.grader_model === null ? {} : { graderModel: dataset.grader_model }),
    ...(dataset.rubric === null ? {} : { rubric: dataset.rubric }),
    hasGroups: dataset.has_groups,
    async loadRows(signal) {
      const rows: DatasetRow[] = [];
      for (;;) {
        signal?.throwIfAborted();
        const page = await listDatasetRows(db, dataset.dataset_id, { offset: rows.length, limit: ROWS_PAGE });
        for (const row of page) rows.push(row.data);
        if (page.length < ROWS_PAGE) return rows;
      }
    },
  };
}
