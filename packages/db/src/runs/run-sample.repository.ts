/**
 * The `run_samples` table as the worker writes it and the outcome reads it: one row per finished (sample, epoch),
 * the engine's record plus the columns read without it (score, error, token usage). People's reads (filtered
 * pages, verdict counts, comparisons) are in run-sample-read.repository.ts.
 */
import type { TokenUsage } from '@studio/contracts';
import { sql } from 'kysely';
import type { Db, DbOrTrx } from '../database';
import { postgresJson, postgresText } from '../postgres-text';
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
    if (samples.length === 0) return { held: true, inserted: 0 } as const;
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
    return { held: true, inserted: Number(res.numInsertedOrUpdatedRows ?? 0) } as const;
  });
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

/** What a resumed run needs of each stored sample: identity, scores and error, without the transcript. */
export interface RunSampleOutcome {
  sample_id: string;
  epoch: number;
  scores: Record<string, unknown>;
  error: string | null;
}

export async function listRunSampleOutcomes(db: DbOrTrx, runId: string): Promise<RunSampleOutcome[]> {
  return db
    .selectFrom('run_samples')
    .select(['sample_id', 'epoch', sql<Record<string, unknown>>`coalesce(record->'scores', '{}'::jsonb)`.as('scores'), 'error'])
    .where('run_id', '=', runId)
    .orderBy('seq')
    .execute();
}

/**
 * Token sums over a run's stored samples: `model` is the model under test, `other` the rest of each sample's
 * usage (grader calls), so resumed attempts count exactly once.
 */
export async function sumRunSampleUsage(db: DbOrTrx, runId: string): Promise<{ model: TokenUsage; other: TokenUsage }> {
  const row = await db
    .selectFrom('run_samples')
    .select((eb) => [
      eb.fn.coalesce(eb.fn.sum<number>('model_input_tokens'), sql<number>`0`).as('model_in'),
      eb.fn.coalesce(eb.fn.sum<number>('model_output_tokens'), sql<number>`0`).as('model_out'),
      eb.fn.coalesce(eb.fn.sum<number>('model_total_tokens'), sql<number>`0`).as('model_total'),
      eb.fn.coalesce(eb.fn.sum<number>('input_tokens'), sql<number>`0`).as('all_in'),
      eb.fn.coalesce(eb.fn.sum<number>('output_tokens'), sql<number>`0`).as('all_out'),
      eb.fn.coalesce(eb.fn.sum<number>('total_tokens'), sql<number>`0`).as('all_total'),
    ])
    .where('run_id', '=', runId)
    .executeTakeFirstOrThrow();
  const n = (v: unknown) => Number(v);
  return {
    model: { input_tokens: n(row.model_in), output_tokens: n(row.model_out), total_tokens: n(row.model_total) },
    other: {
      input_tokens: n(row.all_in) - n(row.model_in),
      output_tokens: n(row.all_out) - n(row.model_out),
      total_tokens: n(row.all_total) - n(row.model_total),
    },
  };
}
