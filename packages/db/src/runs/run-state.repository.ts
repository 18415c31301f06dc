/**
 * A run's state machine, one named transition per change of its state:
 *
 * - queued → running: `claimRun` (a worker; again on every resumed attempt, running → running)
 * - queued → canceled: `cancelQueuedRun` (the gateway)
 * - queued | running → canceled: `cancelUnclaimedRun` (a worker that found a cancel request before claiming)
 * - running, fenced by the worker's hold: `touchRunningRun` (heartbeat, progress), `pinRunDataset`, and
 *   `finishRun` → completed | failed | canceled
 * - failed | canceled → queued: `requeueFinishedRun` (the gateway, retrying a suite's runs)
 * - running: `requestRunCancel` (the gateway); from the reconciler, only while no worker has touched the run for a
 *   stall window: `countRunRequeue` (it stays running, its job enqueued again) or `failLostRun` → failed
 *
 * Each applies only from its states and answers undefined (or the lost hold) otherwise, so two actors racing on a
 * run never both win. The four that end a run record its webhook deliveries in the same transaction (an outbox:
 * see `recordRunEndDeliveries`), so no run end is ever without them; the callers enqueue them after the commit.
 */
import { sql } from 'kysely';
import { RUN_CANCELED_MESSAGE, RUN_EXIT_CODE, type GroupBreakdown, type MetricSummary, type RunStatus, type TokenUsage } from '@studio/contracts';
import type { Database, DbOrTrx } from '../database';
import type { Transaction } from 'kysely';
import { recordRunEndDeliveries } from '../webhooks/webhook.repository';
import { postgresText } from '../postgres-text';
import { holdLoss, type Fenced, type RunHold } from './run-hold';
import { appendRunLogs, type RunLogLine } from './run-log.repository';
import { writeRunSamples } from './run-sample.repository';
import type { NewRunSample } from './run-sample.table';
import type { RunRow, RunUpdate } from './run.table';

/** What a completed run records: its results, computed from its stored samples. */
export interface RunResults {
  metrics: MetricSummary[];
  breakdowns: GroupBreakdown[];
  /** Inspect-shaped `results.scores` (one entry per reducer), kept for the .eval log. */
  scores: unknown[];
  primaryMetric: { name: string; value: number } | null;
  /** Token usage per model (`provider/model` → usage), model under test and graders. */
  modelUsage: Record<string, TokenUsage>;
  /** The sum of `modelUsage`. */
  usage: TokenUsage;
}

/** How a run ends. */
export type RunFinish = { status: 'completed'; results: RunResults } | { status: 'failed'; error: string } | { status: 'canceled' };

/** The columns of a finished run: its status, end time, exit code, error and (completed) results. */
function finishedColumns(finish: RunFinish): RunUpdate {
  const ended = { status: finish.status, finished_at: new Date(), exit_code: RUN_EXIT_CODE[finish.status] };
  switch (finish.status) {
    case 'canceled':
      return { ...ended, error: RUN_CANCELED_MESSAGE };
    // Error texts quote provider and dataset messages, which may carry characters text columns reject.
    case 'failed':
      return { ...ended, error: postgresText(finish.error) };
    case 'completed': {
      const { results } = finish;
      return {
        ...ended,
        error: null,
        metrics: JSON.stringify(results.metrics),
        breakdowns: JSON.stringify(results.breakdowns),
        results: JSON.stringify(results.scores),
        primary_metric: results.primaryMetric?.value ?? null,
        primary_metric_name: results.primaryMetric?.name ?? null,
        model_usage: JSON.stringify(results.modelUsage),
        input_tokens: results.usage.input_tokens,
        output_tokens: results.usage.output_tokens,
        total_tokens: results.usage.total_tokens,
      };
    }
  }
}

/** The update of a run that applies only while it is in one of `from`. */
function transition(db: DbOrTrx, runId: string, from: readonly RunStatus[], update: RunUpdate) {
  return db
    .updateTable('runs')
    .set({ ...update, updated_at: new Date() })
    .where('run_id', '=', runId)
    .where('status', 'in', [...from]);
}

/** Ends a run with `end` and records its webhook deliveries, in one transaction (the caller's, if it is in one). */
async function endRun(db: DbOrTrx, end: (trx: DbOrTrx) => Promise<RunRow | undefined>): Promise<RunRow | undefined> {
  const inTransaction = async (trx: DbOrTrx) => {
    const run = await end(trx);
    if (run) await recordRunEndDeliveries(trx, run);
    return run;
  };
  return db.isTransaction ? inTransaction(db) : db.transaction().execute((trx: Transaction<Database>) => inTransaction(trx));
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

/** A user asks a running run to stop: records the request. Undefined when the run is not running. */
export async function requestRunCancel(db: DbOrTrx, runId: string): Promise<RunRow | undefined> {
  return transition(db, runId, ['running'], { cancel_requested_at: new Date() }).returningAll().executeTakeFirst();
}

/** A queued run is canceled before any worker took it. Undefined when it is no longer queued (a worker took it). */
export async function cancelQueuedRun(db: DbOrTrx, runId: string): Promise<RunRow | undefined> {
  const columns = finishedColumns({ status: 'canceled' });
  return endRun(db, (trx) => transition(trx, runId, ['queued'], { ...columns, cancel_requested_at: columns.finished_at }).returningAll().executeTakeFirst());
}

/**
 * A worker that did not claim a run because a cancel request came first ends it as canceled, queued or running.
 * Undefined when the run is gone or already finished.
 */
export async function cancelUnclaimedRun(db: DbOrTrx, runId: string): Promise<RunRow | undefined> {
  return endRun(db, (trx) => transition(trx, runId, ['queued', 'running'], finishedColumns({ status: 'canceled' })).returningAll().executeTakeFirst());
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

/** What the transaction that finishes a run stores with the outcome. */
export interface RunClosing {
  /** The lines that report the outcome, so they appear with the final status. */
  logs?: RunLogLine[];
  /** The last progress. */
  progress?: { current: number; total: number };
  /** The attempt's last samples (as upsertRunSamples writes them). */
  samples?: NewRunSample[];
}

/**
 * A worker ends the run it holds: running → completed, failed or canceled. Fenced: it applies only while the hold does.
 * `closing` is stored in the same transaction, so the last samples, progress and lines appear with the final status
 * (or, for an attempt that no longer holds the run, not at all), and the end of a run costs one transaction.
 */
export async function finishRun(db: DbOrTrx, hold: RunHold, finish: RunFinish, closing: RunClosing = {}): Promise<Fenced<{ run: RunRow }>> {
  const { progress, logs = [], samples = [] } = closing;
  const update = { ...finishedColumns(finish), ...(progress ? { progress_current: progress.current, progress_total: progress.total } : {}) };
  const run = await endRun(db, async (trx) => {
    const ended = await transition(trx, hold.runId, ['running'], update).where('attempts', '=', hold.attempt).returningAll().executeTakeFirst();
    if (ended) {
      await writeRunSamples(trx, samples);
      await appendRunLogs(trx, hold.runId, logs);
    }
    return ended;
  });
  return run ? { held: true, run } : { held: false, loss: await holdLoss(db, hold) };
}

/**
 * The reconciler fails a running run that no worker holds: it applies only while the run has not been touched
 * since `idleBefore` (a live worker's heartbeat would have touched it).
 */
export async function failLostRun(db: DbOrTrx, runId: string, idleBefore: Date, error: string): Promise<RunRow | undefined> {
  return endRun(db, (trx) =>
    transition(trx, runId, ['running'], finishedColumns({ status: 'failed', error })).where('updated_at', '<', idleBefore).returningAll().executeTakeFirst(),
  );
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

/**
 * A failed or canceled run is queued again to be retried (a suite's retry): its outcome is cleared, its stored samples
 * stay, so the attempt that claims it resumes and re-runs only the samples that errored or never ran. Undefined when
 * the run is not in one of those states.
 */
export async function requeueFinishedRun(db: DbOrTrx, runId: string): Promise<RunRow | undefined> {
  return transition(db, runId, ['failed', 'canceled'], {
    status: 'queued',
    finished_at: null,
    exit_code: null,
    error: null,
    cancel_requested_at: null,
    requeues: 0,
    primary_metric: null,
    primary_metric_name: null,
    metrics: null,
    breakdowns: null,
    results: null,
    model_usage: null,
    input_tokens: null,
    output_tokens: null,
    total_tokens: null,
  })
    .returningAll()
    .executeTakeFirst();
}
