import { sql, type Transaction } from 'kysely';
import type { RunStatus } from '@studio/contracts';
import type { Database, Db } from '../database';
import { postgresText } from '../postgres-text';
import type { NewRun, NewRunSample, RunLogRow, RunRow, RunSampleRow, RunUpdate } from './run.table';

type DbOrTrx = Db | Transaction<Database>;

export async function insertRun(db: DbOrTrx, run: NewRun): Promise<RunRow> {
  return db.insertInto('runs').values(run).returningAll().executeTakeFirstOrThrow();
}

export async function findRun(db: DbOrTrx, runId: string): Promise<RunRow | undefined> {
  if (!isUuid(runId)) return undefined;
  return db.selectFrom('runs').selectAll().where('run_id', '=', runId).executeTakeFirst();
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/** The update of a run that applies only while it is in one of `from`. */
function transition(db: DbOrTrx, runId: string, from: readonly RunStatus[], update: RunUpdate) {
  // Error texts quote provider and dataset messages, which may carry characters text columns reject.
  const error = typeof update.error === 'string' ? postgresText(update.error) : update.error;
  return db
    .updateTable('runs')
    .set({ ...update, ...(error === undefined ? {} : { error }), updated_at: new Date() })
    .where('run_id', '=', runId)
    .where('status', 'in', [...from]);
}

/** Updates a run only while it is in one of `from`; returns the row when the transition happened. */
export async function transitionRun(
  db: DbOrTrx,
  runId: string,
  from: readonly RunStatus[],
  update: RunUpdate,
): Promise<RunRow | undefined> {
  return transition(db, runId, from, update).returningAll().executeTakeFirst();
}

export async function updateRun(db: DbOrTrx, runId: string, update: RunUpdate): Promise<void> {
  await db.updateTable('runs').set({ ...update, updated_at: new Date() }).where('run_id', '=', runId).execute();
}

/** Runs by id (malformed ids are skipped); order is not guaranteed. */
export async function findRuns(db: DbOrTrx, runIds: readonly string[]): Promise<RunRow[]> {
  const ids = runIds.filter(isUuid);
  if (ids.length === 0) return [];
  return db.selectFrom('runs').selectAll().where('run_id', 'in', ids).execute();
}

/**
 * Deletes the runs that are still in one of `from` (samples and logs cascade), so a run that a worker
 * started in the meantime survives. Returns the runs actually deleted, with the status each had.
 */
export async function deleteRunRows(
  db: DbOrTrx,
  runIds: readonly string[],
  from: readonly RunStatus[],
): Promise<Pick<RunRow, 'run_id' | 'status'>[]> {
  const ids = runIds.filter(isUuid);
  if (ids.length === 0) return [];
  return db.deleteFrom('runs').where('run_id', 'in', ids).where('status', 'in', [...from]).returning(['run_id', 'status']).execute();
}

export type RunSortField = 'created_at' | 'benchmark' | 'model' | 'status' | 'primary_metric' | 'finished_at';

export interface RunListQuery {
  /** null: anonymous caller, who sees no private runs. */
  viewerId: string | null;
  page: number;
  perPage: number;
  search?: string;
  status?: RunStatus;
  benchmark?: string;
  model?: string;
  tag?: string;
  startedAfter?: Date;
  startedBefore?: Date;
  sortBy: RunSortField;
  sortOrder: 'asc' | 'desc';
}

/** Runs visible to the viewer: their own (runs always belong to their creator). */
function visible(db: DbOrTrx, viewerId: string | null) {
  const q = db.selectFrom('runs');
  return viewerId ? q.where('user_id', '=', viewerId) : q.where(sql<boolean>`false`);
}

export async function listRuns(db: DbOrTrx, q: RunListQuery): Promise<{ rows: RunRow[]; total: number }> {
  let base = visible(db, q.viewerId);
  if (q.status) base = base.where('status', '=', q.status);
  if (q.benchmark) base = base.where('benchmark', '=', q.benchmark);
  if (q.model) base = base.where('model', '=', q.model);
  if (q.tag) base = base.where(sql<boolean>`${q.tag} = any(tags)`);
  if (q.startedAfter) base = base.where('created_at', '>=', q.startedAfter);
  if (q.startedBefore) base = base.where('created_at', '<=', q.startedBefore);
  if (q.search) {
    const like = `%${q.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where((eb) =>
      eb.or([
        eb('benchmark', 'ilike', like),
        eb('model', 'ilike', like),
        eb('notes', 'ilike', like),
        eb(sql<string>`array_to_string(tags, ' ')`, 'ilike', like),
      ]),
    );
  }
  const [{ total }] = await base.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await base
    .selectAll()
    .orderBy(q.sortBy, (ob) => (q.sortOrder === 'asc' ? ob.asc() : ob.desc()).nullsLast())
    .orderBy('run_id')
    .limit(q.perPage)
    .offset((q.page - 1) * q.perPage)
    .execute();
  return { rows, total: Number(total) };
}

export async function listTags(db: DbOrTrx, viewerId: string | null): Promise<string[]> {
  const rows = await visible(db, viewerId)
    .select(sql<string>`unnest(tags)`.as('tag'))
    .distinct()
    .orderBy('tag')
    .execute();
  return rows.map((r) => r.tag);
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

export async function countRunSamples(db: DbOrTrx, runId: string): Promise<number> {
  const r = await db.selectFrom('run_samples').select((eb) => eb.fn.countAll<number>().as('n')).where('run_id', '=', runId).executeTakeFirstOrThrow();
  return Number(r.n);
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

/**
 * Keyset pagination: yields `page(after)` page after page, each page (at most `pageSize` rows, ascending by key)
 * starting after the last key of the one before, so large runs never sit in memory at once.
 */
async function* pagedByKey<R>(pageSize: number, start: number, keyOf: (row: R) => number, page: (after: number) => Promise<R[]>): AsyncGenerator<R> {
  let after = start;
  for (;;) {
    const rows = await page(after);
    for (const r of rows) yield r;
    if (rows.length < pageSize) return;
    after = keyOf(rows[rows.length - 1]);
  }
}

/** Streams a run's samples in plan order, a page at a time. */
export function iterateRunSamples(db: DbOrTrx, runId: string, pageSize = 500): AsyncGenerator<RunSampleRow> {
  return pagedByKey(pageSize, -1, (row) => row.seq, (after) =>
    db.selectFrom('run_samples').selectAll().where('run_id', '=', runId).where('seq', '>', after).orderBy('seq').limit(pageSize).execute(),
  );
}

export async function appendRunLogs(db: DbOrTrx, runId: string, lines: { stream: 'stdout' | 'stderr'; line: string }[]): Promise<void> {
  if (lines.length === 0) return;
  await db.insertInto('run_logs').values(lines.map((l) => ({ run_id: runId, stream: l.stream, line: postgresText(l.line) }))).execute();
}

export async function listRunLogs(db: DbOrTrx, runId: string, tail?: number): Promise<RunLogRow[]> {
  if (tail === undefined) return db.selectFrom('run_logs').selectAll().where('run_id', '=', runId).orderBy('id').execute();
  const rows = await db.selectFrom('run_logs').selectAll().where('run_id', '=', runId).orderBy('id', 'desc').limit(tail).execute();
  return rows.reverse();
}

/** The last `tail` lines of one stream, oldest first. */
export async function listRunLogTail(db: DbOrTrx, runId: string, stream: 'stdout' | 'stderr', tail: number): Promise<string[]> {
  if (tail <= 0) return [];
  const rows = await db
    .selectFrom('run_logs')
    .select('line')
    .where('run_id', '=', runId)
    .where('stream', '=', stream)
    .orderBy('id', 'desc')
    .limit(tail)
    .execute();
  return rows.reverse().map((r) => r.line);
}

/** Streams a run's log lines in order, a page at a time. */
export function iterateRunLogs(db: DbOrTrx, runId: string, pageSize = 1000): AsyncGenerator<RunLogRow> {
  return pagedByKey(pageSize, 0, (row) => row.id, (after) =>
    db.selectFrom('run_logs').selectAll().where('run_id', '=', runId).where('id', '>', after).orderBy('id').limit(pageSize).execute(),
  );
}

/** Runs in the given states last touched before `before`, for the reconciler. */
export async function listRunsByStatus(db: DbOrTrx, statuses: RunStatus[], before: Date, limit: number): Promise<RunRow[]> {
  return db
    .selectFrom('runs')
    .selectAll()
    .where('status', 'in', statuses)
    .where('updated_at', '<', before)
    .orderBy('updated_at')
    .limit(limit)
    .execute();
}

/**
 * A worker takes (or resumes) a run: queued/running → running, counting the attempt. Undefined when the run is
 * gone, finished, or has a cancel request, so the caller never starts work nobody wants. The returned `attempts`
 * is the claim's fencing token (see RunHold): a later claim, by any worker, fences this one out.
 */
export async function claimRun(db: DbOrTrx, runId: string, workerId: string): Promise<RunRow | undefined> {
  return db
    .updateTable('runs')
    .set((eb) => ({
      status: 'running',
      started_at: eb.fn.coalesce('started_at', sql<Date>`now()`),
      attempts: eb('attempts', '+', 1),
      worker_id: workerId,
      updated_at: new Date(),
    }))
    .where('run_id', '=', runId)
    .where('status', 'in', ['queued', 'running'])
    .where('cancel_requested_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/**
 * A worker's hold on a run: the `attempts` value its claim produced. Two workers can hold the same run for a
 * while (a lost queue lock hands the job to a second worker before the first notices), so every write a worker
 * makes for its run is fenced by its attempt and refused once a later claim has counted another.
 */
export interface RunHold {
  runId: string;
  attempt: number;
}

/** Why a hold no longer applies: a later attempt claimed the run, or the run was deleted or left `running`. */
export type RunHoldLoss = 'taken-over' | 'gone';

/** The result of a fenced write: done (with what it returns), or refused because the hold was lost. */
export type Fenced<T> = ({ held: true } & T) | { held: false; loss: RunHoldLoss };

async function holdLoss(db: DbOrTrx, hold: RunHold): Promise<RunHoldLoss> {
  const row = await db.selectFrom('runs').select('attempts').where('run_id', '=', hold.runId).executeTakeFirst();
  return row && row.attempts !== hold.attempt ? 'taken-over' : 'gone';
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
          .doUpdateSet((eb) => ({ score: eb.ref('excluded.score'), record: eb.ref('excluded.record'), created_at: new Date() }))
          .where(sql<boolean>`run_samples.record->>'error' is not null`),
      )
      .executeTakeFirst();
    return { held: true, inserted: Number(res.numInsertedOrUpdatedRows ?? 0) } as const;
  });
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
    .select([
      'sample_id',
      'epoch',
      sql<Record<string, unknown>>`coalesce(record->'scores', '{}'::jsonb)`.as('scores'),
      sql<string | null>`record->>'error'`.as('error'),
    ])
    .where('run_id', '=', runId)
    .orderBy('seq')
    .execute();
}

export interface TokenTotals {
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
}

/**
 * Token sums over a run's stored SampleRecords: `model` is the model under test (`output.usage`), `other` the
 * rest of each sample's usage (grader calls), so resumed attempts count exactly once.
 */
export async function sumRunSampleUsage(db: DbOrTrx, runId: string): Promise<{ model: TokenTotals; other: TokenTotals }> {
  const field = (path: string, name: string) => sql<number>`coalesce(sum((${sql.raw(path)}->>${name})::bigint), 0)`;
  const row = await db
    .selectFrom('run_samples')
    .select([
      field(`record->'output'->'usage'`, 'input_tokens').as('model_in'),
      field(`record->'output'->'usage'`, 'output_tokens').as('model_out'),
      field(`record->'output'->'usage'`, 'total_tokens').as('model_total'),
      field(`record->'usage'`, 'input_tokens').as('all_in'),
      field(`record->'usage'`, 'output_tokens').as('all_out'),
      field(`record->'usage'`, 'total_tokens').as('all_total'),
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

/**
 * A running run's heartbeat: stores progress when given and touches updated_at (the reconciler's liveness
 * signal). Fenced: answers the cancel request while the hold applies, else why it was lost.
 */
export async function touchRunningRun(
  db: DbOrTrx,
  hold: RunHold,
  progress?: { current: number; total: number },
): Promise<Fenced<{ cancel_requested_at: Date | null }>> {
  const row = await db
    .updateTable('runs')
    .set({ ...(progress ? { progress_current: progress.current, progress_total: progress.total } : {}), updated_at: new Date() })
    .where('run_id', '=', hold.runId)
    .where('status', '=', 'running')
    .where('attempts', '=', hold.attempt)
    .returning('cancel_requested_at')
    .executeTakeFirst();
  return row ? { held: true, ...row } : { held: false, loss: await holdLoss(db, hold) };
}

/**
 * Pins a run to the data its first attempt planned: stores `fingerprint` unless the run has one, and answers
 * the stored one, which a resumed attempt compares with its own. Fenced.
 */
export async function pinRunDataset(db: DbOrTrx, hold: RunHold, fingerprint: string): Promise<Fenced<{ fingerprint: string }>> {
  const row = await db
    .updateTable('runs')
    .set((eb) => ({ dataset_fingerprint: eb.fn.coalesce('dataset_fingerprint', eb.val(fingerprint)), updated_at: new Date() }))
    .where('run_id', '=', hold.runId)
    .where('status', '=', 'running')
    .where('attempts', '=', hold.attempt)
    .returning('dataset_fingerprint')
    .executeTakeFirst();
  return row ? { held: true, fingerprint: row.dataset_fingerprint ?? fingerprint } : { held: false, loss: await holdLoss(db, hold) };
}

/** The final transition of a running run, fenced: it applies only while the hold does. */
export async function finishRun(db: DbOrTrx, hold: RunHold, update: RunUpdate): Promise<Fenced<{ run: RunRow }>> {
  const run = await transition(db, hold.runId, ['running'], update).where('attempts', '=', hold.attempt).returningAll().executeTakeFirst();
  return run ? { held: true, run } : { held: false, loss: await holdLoss(db, hold) };
}

/**
 * Counts a re-enqueue of a running run whose queue job failed, while the run is idle (no live worker) and its count
 * is still `seen`. Touching updated_at gives the new job a whole stale window to start in.
 */
export async function countRunRequeue(db: DbOrTrx, runId: string, idleBefore: Date, seen: number): Promise<RunRow | undefined> {
  return db
    .updateTable('runs')
    .set((eb) => ({ requeues: eb('requeues', '+', 1), updated_at: new Date() }))
    .where('run_id', '=', runId)
    .where('status', '=', 'running')
    .where('updated_at', '<', idleBefore)
    .where('requeues', '=', seen)
    .returningAll()
    .executeTakeFirst();
}

/** transitionRun that only applies while the run has not been touched since `idleBefore` (no live worker). */
export async function transitionIdleRun(
  db: DbOrTrx,
  runId: string,
  from: readonly RunStatus[],
  idleBefore: Date,
  update: RunUpdate,
): Promise<RunRow | undefined> {
  return transition(db, runId, from, update).where('updated_at', '<', idleBefore).returningAll().executeTakeFirst();
}

/** How many runs are in each status; a status without runs is absent. One index-only scan of `runs_status_idx`. */
export async function countRunsByStatus(db: DbOrTrx): Promise<Partial<Record<RunStatus, number>>> {
  const rows = await db.selectFrom('runs').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
