/**
 * Evaluation: one attempt at a run, from setup to the engine's last sample. The dataset is loaded and planned, the
 * plan pinned to the run (a resumed attempt must read the same data), the samples stored by earlier attempts are
 * skipped (resume), and every sample finished now is stored as it comes. What happened becomes an Outcome for the
 * recorder; nothing here writes the run's final state.
 */
import { setImmediate } from 'node:timers/promises';
import { listRunSampleOutcomes, pinRunDataset, type Db, type RunHold, type RunRow, type RunSampleOutcome } from '@studio/db';
import { closeOperatorFiles, describeSandbox, getBenchmark, runEval, sampleKey, sandbox, type SampleId, type SampleRecord, type WorkItem } from '@studio/engine';
import { createRedactor, type ConnectionPools, type Redactor } from '@studio/providers';
import type { WorkerMetrics } from '@studio/runtime';
import type { WorkerConfig } from './config';
import { datasetFingerprint } from './dataset.fingerprint';
import { isDbOutage } from './db-write.retry';
import { messageOf } from './error-message.util';
import { RunSetupError, type ApiKeyReads } from './provider-key.resolver';
import type { RunControl } from './run.control';
import { completedResults, isAbandoned, stoppedOutcome, type Outcome } from './run.outcome';
import type { RunReporter } from './run.reporter';
import { setUpRun, type PreparedRun } from './run.setup';
import { RunHoldLostError, SampleSink } from './sample.sink';

export const DATASET_CHANGED_MESSAGE = 'The dataset changed since this run started; start a new run';

export interface RunEvaluationContext {
  worker: WorkerConfig;
  db: Db;
  hold: RunHold;
  control: RunControl;
  reporter: RunReporter;
  metrics?: WorkerMetrics;
  /** The worker's keep-alive pools, which the run's model clients borrow. */
  connections: ConnectionPools;
  /** The run owner's key rows (the model's may be read already). */
  keys: ApiKeyReads;
}

/** Sets the run up and evaluates it; every failure becomes an outcome, and the model clients and knowledge base are closed. */
export async function evaluateRun(run: RunRow, ctx: RunEvaluationContext): Promise<Outcome> {
  const { control } = ctx;
  const secrets: string[] = [];
  let prepared: PreparedRun | undefined;
  // The samples earlier attempts stored are read while the run is set up and its dataset planned: the claim has
  // fenced those attempts out, so nothing is added meanwhile.
  const stored = listRunSampleOutcomes(ctx.db, run.run_id);
  stored.catch(() => undefined);
  try {
    prepared = await setUpRun(run, { ...ctx, secrets });
    const outcome = await evaluate(run, prepared, ctx, createRedactor(secrets), stored);
    return outcome.kind === 'failed' ? { kind: 'failed', error: createRedactor(secrets)(outcome.error) } : outcome;
  } catch (err) {
    if (control.stopReason) return stoppedOutcome(control);
    // Setup and resume read and write Postgres too (keys, the dataset pin, stored samples): an outage there is
    // no fault of the run either.
    if (isDbOutage(err)) return { kind: 'hand-back', cause: 'database', error: messageOf(err) };
    return { kind: 'failed', error: createRedactor(secrets)(messageOf(err)) };
  } finally {
    // The connections stay open in the worker's pools for the next run; closing a client ends what is its own (its
    // limiter's waiters, a Bedrock client's connections).
    await Promise.allSettled((prepared?.clients ?? []).map((c) => c.close()));
    if (prepared) closeOperatorFiles(prepared.services);
  }
}

/**
 * `redact` is the last guard on provider text before it is stored: the clients already redact their errors, and
 * this catches any other path by which a key could reach a sample's error or the run's log.
 */
async function evaluate(run: RunRow, prepared: PreparedRun, ctx: RunEvaluationContext, redact: Redactor, storedRead: Promise<RunSampleOutcome[]>): Promise<Outcome> {
  const { worker, db, hold, control, reporter } = ctx;
  const { session } = prepared;
  const { task } = session;
  let samples;
  try {
    samples = await task.dataset.load({ ...worker.datasets, signal: control.signal });
  } catch (err) {
    if (control.stopReason) throw err;
    throw new RunSetupError(`Could not load the ${task.dataset.name} dataset: ${messageOf(err)}`);
  }
  const plan = session.plan(samples);
  // A first attempt finds no pin to differ from (no attempt ran before it), so it starts while its plan is hashed and
  // pinned, on the turn after its first requests went out, and its samples are stored only after the pin (the sink
  // waits). A resumed attempt checks the pin before anything runs.
  const pinning = (run.attempts > 1 ? Promise.resolve() : setImmediate()).then(() => pinPlan(db, hold, plan));
  // Whoever waits for it sees its error (this attempt, or its sink).
  pinning.catch(() => undefined);
  if (run.attempts > 1) {
    try {
      await pinning;
    } catch (err) {
      if (err instanceof RunHoldLostError) return { kind: 'abandoned', reason: err.loss };
      throw err;
    }
  }
  // Built when first needed (a resumed attempt's count, else its first stored sample), not before the first requests.
  let seqByKey: Map<string, number> | undefined;
  const seqOf = (sampleId: SampleId, epoch: number) =>
    (seqByKey ??= new Map(plan.map((item, index) => [sampleKey(item.sample.id, item.epoch), index]))).get(sampleKey(sampleId, epoch));
  const stored = await storedRead;
  const resumed = stored.filter((s) => s.error === null && seqOf(s.sample_id, s.epoch) !== undefined).length;
  reporter.log(
    'stdout',
    `${run.attempts > 1 ? 'Resuming' : 'Starting'} ${run.benchmark} on ${session.settings.model}` +
      `${session.graderModel ? ` (grader ${session.graderModel})` : ''}${judgesText(session.judgeModels)}: limit ${session.limit ?? 'none'}, epochs ${session.epochs}, ` +
      `${plan.length} samples planned, ${resumed} already done (attempt ${run.attempts}, worker ${worker.workerId})`,
  );
  // The run's log says how the model's code is isolated (or that it cannot run here).
  if (getBenchmark(run.benchmark)?.requirements.code_execution) reporter.log('stdout', describeSandbox(await sandbox().report()));
  const sink = new SampleSink(db, hold, {
    batchSize: worker.sampleBatchSize,
    flushMs: worker.sampleFlushMs,
    seqOf: (record) => seqOf(record.sample_id, record.epoch)!,
    onRetry: (err, delayMs, rows) => reporter.log('stderr', `could not store ${rows} samples (${messageOf(err)}); retrying in ${(delayMs / 1000).toFixed(2)} s`),
    onStored: (rows) => ctx.metrics?.samplesFinished(run.benchmark, rows),
    after: pinning,
  });
  const result = await runEval(
    session.runOptions({
      model: prepared.model,
      grader: prepared.grader,
      judges: prepared.judges,
      services: prepared.services,
      samples,
      finished: stored,
      onSample: async (produced) => {
        try {
          const record = produced.error === null ? produced : { ...produced, error: redact(produced.error) };
          await sink.add(record);
          if (record.error !== null) reporter.log('stderr', sampleErrorLine(record));
        } finally {
          control.sampleDelivered();
        }
      },
      onProgress: (p) => reporter.setProgress(p.current, p.total),
      signal: control.signal,
      // The outcome's results are computed from the stored rows (run.outcome.ts), not the engine's scores.
      computeResults: false,
    }),
  );
  // A finished run's last samples are stored by the transaction that records it (run.outcome.ts).
  let completed: Extract<Outcome, { kind: 'completed' }> | undefined;
  try {
    if (result.status === 'success') {
      const taking = sink.takeUnwritten();
      // Computed while the sink's write under way finishes (the run's end waits for both); the rows it has not begun
      // writing go with the outcome.
      const { results, lines } = completedResults(session, plan, storedOutcomes(stored, sink.outcomes));
      completed = { kind: 'completed', results, lines, lastSamples: await taking };
    } else await sink.flush();
  } catch (writeFailure) {
    if (writeFailure instanceof RunHoldLostError) return { kind: 'abandoned', reason: writeFailure.loss };
    // A deleted run fails its writes on the foreign key: nothing is left to record.
    if (isAbandoned(control.stopReason)) return { kind: 'abandoned', reason: control.stopReason };
    // The run is fine; the database is not: another attempt resumes it rather than recording a failure.
    if (isDbOutage(writeFailure)) return { kind: 'hand-back', cause: 'database', error: messageOf(writeFailure) };
    throw writeFailure;
  }
  // A run the engine finished is recorded as finished even if a stop request came in at the last moment.
  if (completed) return completed;
  if (control.stopReason) return stoppedOutcome(control);
  if (result.status === 'error') return { kind: 'failed', error: result.error ?? 'The run failed' };
  return { kind: 'canceled' };
}

/** Pins the plan's dataset fingerprint to the run: stored rows are only valid for the data they were run on (and their seq for its plan). */
async function pinPlan(db: Db, hold: RunHold, plan: readonly WorkItem[]): Promise<void> {
  const fingerprint = datasetFingerprint(plan);
  const pinned = await pinRunDataset(db, hold, fingerprint);
  if (!pinned.held) throw new RunHoldLostError(pinned.loss);
  if (pinned.fingerprint !== fingerprint) throw new RunSetupError(DATASET_CHANGED_MESSAGE);
}

/**
 * The run's stored rows once this attempt's are in: the rows read when it started, each replaced by this attempt's
 * row for the same (sample, epoch) (it re-ran only errored ones, whose rows its write replaces; a later attempt's
 * claim fences it out before its own read, so no other attempt writes meanwhile).
 */
function storedOutcomes(resumed: readonly RunSampleOutcome[], produced: readonly RunSampleOutcome[]): RunSampleOutcome[] {
  const byKey = new Map<string, RunSampleOutcome>();
  for (const row of [...resumed, ...produced]) byKey.set(sampleKey(row.sample_id, row.epoch), row);
  return [...byKey.values()];
}

function sampleErrorLine(record: SampleRecord): string {
  return `sample ${String(record.sample_id)} (epoch ${record.epoch}) failed: ${record.error ?? ''}`;
}

/** ` (judges race google/…, fact google/…)` for a task with fixed judges, else nothing. */
function judgesText(judges: Readonly<Record<string, string>>): string {
  const roles = Object.entries(judges);
  return roles.length === 0 ? '' : ` (judges ${roles.map(([role, model]) => `${role} ${model}`).join(', ')})`;
}
