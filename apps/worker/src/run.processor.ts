/**
 * The BullMQ side of a run: a job (id = run id) becomes one attempt at the run. Postgres holds the truth: the run
 * row says whether there is anything to do, finished samples are rows (so another worker resumes where this one
 * stopped), and the outcome is recorded there before the job ends. The job then tells dashboards the same story
 * (settleRunJob): a completed or canceled run completes its job (its return value says which), a failed run fails
 * it with the run's error as failedReason. A shutdown or a database outage hands the job back, and an outcome that
 * cannot be written even after retries fails the job's attempt for BullMQ to retry.
 */
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { ExecuteRunPayloadSchema, isTerminal, type ExecuteRunPayload, type RunJobResult } from '@studio/contracts';
import { claimRun, findRun, type Db, type RunHold } from '@studio/db';
import { parseModelId, type ConnectionPools } from '@studio/providers';
import { mirrorRunJobProgress, settleRunJob, type Logger, type RunEventPublisher, type WebhookQueue, type WorkerMetrics } from '@studio/runtime';
import type { WorkerConfig } from './config';
import { ApiKeyReads } from './provider-key.resolver';
import type { RunControl } from './run.control';
import { evaluateRun } from './run.evaluation';
import { OUTAGE_HANDBACK_DELAY_MS, OutcomeRecorder, type Outcome } from './run.outcome';
import type { RunRegistry } from './run.registry';
import { RunReporter } from './run.reporter';

export interface RunProcessorDeps {
  config: WorkerConfig;
  db: Db;
  events: RunEventPublisher;
  logger: Logger;
  registry: RunRegistry;
  metrics?: WorkerMetrics;
  /** Where the deliveries of a run's end are enqueued. */
  webhooks: WebhookQueue;
  /** The worker's keep-alive pools, lent to every run's model clients. */
  connections: ConnectionPools;
}

export class RunProcessor {
  private readonly recorder: OutcomeRecorder;

  constructor(private readonly deps: RunProcessorDeps) {
    this.recorder = new OutcomeRecorder({ db: deps.db, events: deps.events, logger: deps.logger, workerId: deps.config.workerId, webhooks: deps.webhooks });
  }

  async process(job: Job<ExecuteRunPayload, RunJobResult | undefined>, token: string | undefined): Promise<RunJobResult | undefined> {
    const { config, db, logger, registry, metrics } = this.deps;
    const payload = ExecuteRunPayloadSchema.safeParse(job.data);
    if (!payload.success) {
      // Failed, not completed, and never retried: ops find it in the failed list with the reason.
      logger.warn('refusing a run job with an invalid payload', { job_id: job.id });
      throw new UnrecoverableError(`invalid run job payload: ${payload.error.issues.map((i) => `${i.path.join('.') || 'data'}: ${i.message}`).join('; ')}`);
    }
    const runId = payload.data.run_id;
    if (registry.shuttingDown) return handBack(job, token, 0);
    // Registered before the claim, so a cancel message sent meanwhile is not lost.
    const control = registry.register(runId);
    let outcome: Outcome;
    let reporter: RunReporter;
    let hold: RunHold;
    try {
      // The claim comes first (the common case, one round trip); the run is read only when there is nothing to claim.
      // The key of the model the job names is read meanwhile.
      const keys = new ApiKeyReads(db, payload.data.user_id ?? null);
      readModelKey(keys, payload.data.model);
      const claimed = await claimRun(db, runId, config.workerId);
      if (!claimed) return await this.unclaimed(runId);
      hold = { runId, attempt: claimed.attempts };
      reporter = this.reporter(hold, control, job);
      reporter.status('running');
      reporter.start();
      // The job's owner is the run's (the gateway enqueued it so); a job that says otherwise is not trusted for it.
      const ownerKeys = claimed.user_id === keys.userId ? keys : new ApiKeyReads(db, claimed.user_id);
      outcome = await evaluateRun(claimed, { worker: config, db, hold, control, reporter, metrics, connections: this.deps.connections, keys: ownerKeys });
    } finally {
      registry.release(control);
    }
    const recorded = await this.recorder.record(hold, outcome, reporter);
    if (outcome.kind === 'hand-back') return handBack(job, token, outcome.cause === 'database' ? OUTAGE_HANDBACK_DELAY_MS : 0);
    if (!recorded) return undefined;
    metrics?.runFinished(recorded.status);
    return settleRunJob(recorded);
  }

  /** A job whose run could not be claimed: gone, finished (its job came back after the outcome), or asked to cancel. */
  private async unclaimed(runId: string): Promise<RunJobResult | undefined> {
    const run = await findRun(this.deps.db, runId);
    if (!run) {
      this.deps.logger.info('nothing to do for run job', { run_id: runId, status: 'deleted' });
      return undefined;
    }
    // A finished run's job ends as the run did.
    if (isTerminal(run.status)) return settleRunJob({ status: run.status as 'completed' | 'failed' | 'canceled', error: run.error });
    const unstarted = await this.recorder.recordUnstarted(runId);
    return unstarted ? settleRunJob(unstarted) : undefined;
  }

  private reporter(hold: RunHold, control: RunControl, job: Job<ExecuteRunPayload, RunJobResult | undefined>): RunReporter {
    const { config, db, events, logger } = this.deps;
    return new RunReporter({
      db,
      events,
      logger,
      hold,
      progressIntervalMs: config.progressIntervalMs,
      heartbeatMs: heartbeatMs(config),
      logFlushMs: config.sampleFlushMs,
      onStopRequested: (reason) => control.stop(reason),
      onProgress: (percentage) => void mirrorRunJobProgress(job, percentage),
    });
  }
}

/**
 * Shutdown or a database outage: return the job to the queue without using an attempt, so a worker resumes the
 * run from its stored samples (after `delayMs`, to give the database time to come back).
 */
async function handBack(job: Job<ExecuteRunPayload, RunJobResult | undefined>, token: string | undefined, delayMs: number): Promise<never> {
  await job.moveToDelayed(Date.now() + delayMs, token);
  throw new DelayedError();
}

/** Starts reading the key of the model a job names; a malformed model id fails the run in its setup, not here. */
function readModelKey(keys: ApiKeyReads, model: string | undefined): void {
  if (!model || keys.userId === null) return;
  try {
    void keys.read(parseModelId(model).provider);
  } catch {
    // Setup reports it.
  }
}

/** How long a running run can go untouched before the reconciler calls it abandoned: BullMQ's lock and stalled check. */
export function staleAfterMs(config: WorkerConfig): number {
  return config.lockDurationMs + config.stalledIntervalMs;
}

/** The reporter's heartbeat must beat well inside the window after which the reconciler calls a run abandoned. */
function heartbeatMs(config: WorkerConfig): number {
  return Math.max(100, Math.min(10_000, Math.floor(staleAfterMs(config) / 3)));
}
