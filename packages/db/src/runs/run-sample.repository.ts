/**
 * The `run_samples` table as the worker writes it and the outcome reads it: one row per finished (sample, epoch),
 * the engine's record plus the columns read without it (score, error, token usage). People's reads (filtered
 * pages, verdict counts, comparisons) are in run-sample-read.repository.ts.
 */
import type { TokenUsage } from '@studio/contracts';
import { sql } from 'kysely';
import type { Db, DbOrTrx } from '../database';
import { asStoredJson, postgresJson, postgresText } from '../postgres-text';
import { pagedByKey } from '../query.util';
import type { Fenced, RunHold } from './run-hold';
import type { NewRunSample, RunSampleRow } from './run-sample.table';

/**
 * The fields of the engine's SampleRecord that have columns of their own (db does not depend on the engine, so
 * this is their shape; a SampleRecord is one).
 */
export interface StoredSampleRecord {
  sample_id: string | number;
  epoch: number;
  error: string | null;
  output: { usage: TokenUsage | null } | null;
  usage: TokenUsage | null;
}

/** A token count for a bigint column: counts are whole numbers, anything else is no count. */
function tokens(value: number | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? Math.round(value) : null;
}

/** The row that stores `record` at plan position `seq`, with `score` (value_to_float of its first scorer, or null). */
export function newRunSample(runId: string, seq: number, score: number | null, record: StoredSampleRecord): NewRunSample {
  const model = record.output?.usage ?? undefined;
  const all = record.usage ?? undefined;
  return {
    run_id: runId,
    sample_id: String(record.sample_id),
    epoch: record.epoch,
    seq,
    score,
    error: record.error === null ? null : postgresText(record.error),
    model_input_tokens: tokens(model?.input_tokens),
    model_output_tokens: tokens(model?.output_tokens),
    model_total_tokens: tokens(model?.total_tokens),
    input_tokens: tokens(all?.input_tokens),
    output_tokens: tokens(all?.output_tokens),
    total_tokens: tokens(all?.total_tokens),
    record: postgresJson(record),
  };
}

/** Idempotent: a (run, sample, epoch) already stored is left as is, so a resumed run never counts one twice. */
export async function insertRunSamples(db: DbOrTrx, samples: NewRunSample[]): Promise<number> {
  if (samples.length === 0) return 0;
  const res = await db
    .insertInto('run_samples')
    .values(samples)
    .onConflict((oc) => oc.columns(['run_id', 'sample_id', 'epoch']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0);
}

/**
 * Like insertRunSamples, but a stored record that ended in an error is replaced by the new one: a resumed run
 * re-runs errored samples, and their successful result must win. A stored success is never overwritten.
 * Fenced: the run row is share-locked while the rows go in, so a claim by another attempt waits for this write
 * (and its resume reads these rows), and a write after such a claim stores nothing.
 */
export async function upsertRunSamples(db: Db, hold: RunHold, samples: NewRunSample[]): Promise<Fenced<{ inserted: number }>> {
  return db.transaction().execute(async (trx) => {
    const run = await trx.selectFrom('runs').select(['status', 'attempts']).where('run_id', '=', hold.runId).forShare().executeTakeFirst();
    // A deleted run is left to the foreign key, which fails the write.
    if (run && run.attempts !== hold.attempt) return { held: false, loss: 'taken-over' } as const;
    if (run && run.status !== 'running') return { held: false, loss: 'gone' } as const;
    return { held: true, inserted: await writeRunSamples(trx, samples) } as const;
  });
}

/**
 * The write of upsertRunSamples without its fence, for a caller that holds the run otherwise (the transaction that
 * finishes it): a stored record is replaced only when it ended in an error.
 */
export async function writeRunSamples(trx: DbOrTrx, samples: NewRunSample[]): Promise<number> {
  if (samples.length === 0) return 0;
  const res = await trx
    .insertInto('run_samples')
    .values(samples)
    .onConflict((oc) =>
      oc
        .columns(['run_id', 'sample_id', 'epoch'])
        .doUpdateSet((eb) => ({
          score: eb.ref('excluded.score'),
          error: eb.ref('excluded.error'),
          model_input_tokens: eb.ref('excluded.model_input_tokens'),
          model_output_tokens: eb.ref('excluded.model_output_tokens'),
          model_total_tokens: eb.ref('excluded.model_total_tokens'),
          input_tokens: eb.ref('excluded.input_tokens'),
          output_tokens: eb.ref('excluded.output_tokens'),
          total_tokens: eb.ref('excluded.total_tokens'),
          record: eb.ref('excluded.record'),
          created_at: new Date(),
        }))
        .where('run_samples.error', 'is not', null),
    )
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0);
}

export async function countRunSamples(db: DbOrTrx, runId: string): Promise<number> {
  const r = await db.selectFrom('run_samples').select((eb) => eb.fn.countAll<number>().as('n')).where('run_id', '=', runId).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Per run, its samples that finished without an error (the `completed_samples` of its `.eval` log); runs without any are absent. */
export async function countCompletedRunSamples(db: DbOrTrx, runIds: readonly string[]): Promise<Map<string, number>> {
  if (runIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('run_samples')
    .select(['run_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('run_id', 'in', [...runIds])
    .where('error', 'is', null)
    .groupBy('run_id')
    .execute();
  return new Map(rows.map((r) => [r.run_id, Number(r.n)]));
}

export async function listRunSamples(
  db: DbOrTrx,
  runId: string,
  page: { offset: number; limit: number },
): Promise<RunSampleRow[]> {
  return db
    .selectFrom('run_samples')
    .selectAll()
    .where('run_id', '=', runId)
    .orderBy('seq')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

/** Streams a run's samples in plan order, a page at a time. */
export function iterateRunSamples(db: DbOrTrx, runId: string, pageSize = 500): AsyncGenerator<RunSampleRow> {
  return pagedByKey(pageSize, -1, (row) => row.seq, (after) =>
    db.selectFrom('run_samples').selectAll().where('run_id', '=', runId).where('seq', '>', after).orderBy('seq').limit(pageSize).execute(),
  );
}

/** The token columns of a stored sample. */
const TOKEN_COLUMNS = ['model_input_tokens', 'model_output_tokens', 'model_total_tokens', 'input_tokens', 'output_tokens', 'total_tokens'] as const;

/**
 * What a resumed run and a run's results need of each stored sample: identity, scores, error and token counts,
 * without the transcript.
 */
export type RunSampleOutcome = Pick<RunSampleRow, 'sample_id' | 'epoch' | 'error' | (typeof TOKEN_COLUMNS)[number]> & { scores: Record<string, unknown> };

export async function listRunSampleOutcomes(db: DbOrTrx, runId: string): Promise<RunSampleOutcome[]> {
  return db
    .selectFrom('run_samples')
    .select(['sample_id', 'epoch', sql<Record<string, unknown>>`coalesce(record->'scores', '{}'::jsonb)`.as('scores'), 'error', ...TOKEN_COLUMNS])
    .where('run_id', '=', runId)
    .orderBy('seq')
    .execute();
}

/**
 * The outcome of a row about to be stored, as listRunSampleOutcomes will read it back (`scores` are the record's),
 * so that an attempt computes its run's results from what it wrote without reading it back.
 */
export function runSampleOutcome(row: NewRunSample, scores: Record<string, unknown> | undefined): RunSampleOutcome {
  return {
    sample_id: row.sample_id,
    epoch: row.epoch,
    scores: scores === undefined ? {} : (asStoredJson(scores) as Record<string, unknown>),
    error: row.error,
    model_input_tokens: row.model_input_tokens,
    model_output_tokens: row.model_output_tokens,
    model_total_tokens: row.model_total_tokens,
    input_tokens: row.input_tokens,
    output_tokens: row.output_tokens,
    total_tokens: row.total_tokens,
  };
}

/**
 * Token sums over a run's stored samples: `model` is the model under test, `other` the rest of each sample's
 * usage (grader calls), so resumed attempts count exactly once. A missing count counts nothing.
 */
export function sumRunSampleUsage(outcomes: Iterable<RunSampleOutcome>): { model: TokenUsage; other: TokenUsage } {
  const sum = { model_input_tokens: 0, model_output_tokens: 0, model_total_tokens: 0, input_tokens: 0, output_tokens: 0, total_tokens: 0 };
  for (const o of outcomes) for (const column of TOKEN_COLUMNS) sum[column] += o[column] ?? 0;
  return {
    model: { input_tokens: sum.model_input_tokens, output_tokens: sum.model_output_tokens, total_tokens: sum.model_total_tokens },
    other: {
      input_tokens: sum.input_tokens - sum.model_input_tokens,
      output_tokens: sum.output_tokens - sum.model_output_tokens,
      total_tokens: sum.total_tokens - sum.model_total_tokens,
    },
  };
}
