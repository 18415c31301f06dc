import { RUN_EXIT_CODE } from '@studio/contracts';
import { countRunRequeue, countRunSamples, failLostRun, listActiveSchedules, listRunsByStatus, listStalePendingDeliveries, type Db, type RunRow } from '@studio/db';
import {
  enqueueRun,
  enqueueWebhookDeliveries,
  listScheduleJobs,
  removeScheduleJob,
  upsertScheduleJob,
  type Logger,
  type Redis,
  type RunEventPublisher,
  type RunQueue,
  type ScheduleQueue,
  type WebhookQueue,
} from '@studio/runtime';
import { announceRunEnd } from './webhook.announce';

export interface RunReconcilerOptions {
  db: Db;
  queue: RunQueue;
  /** Deliveries of run ends: those of runs failed here, and pending ones whose enqueue was lost. */
  webhooks: WebhookQueue;
  /** The schedules' job schedulers, held to the schedules table. */
  schedules: ScheduleQueue;
  redis: Redis;
  events: RunEventPublisher;
  logger: Logger;
  prefix: string;
  workerId: string;
  intervalMs: number;
  /** A queued run this old without a job lost its enqueue (or the queue was reset). */
  queuedGraceMs: number;
  /** A running run untouched this long has no live worker: its heartbeat would have refreshed it. */
  staleAfterMs: number;
  /** Runs looked at per state and pass. */
  batchSize?: number;
}

/** Job states in which BullMQ will still hand the job to a worker (or one holds it). */
export const LIVE_JOB_STATES: ReadonlySet<string> = new Set(['active', 'waiting', 'delayed', 'prioritized', 'waiting-children']);

/** A run's job (id = run id) and its state, `unknown` when there is none. */
export async function findRunJob(queue: RunQueue, runId: string) {
  const job = await queue.getJob(runId);
  return { job, state: job ? await job.getState() : 'unknown' };
}

/** Times a running run whose queue job failed is enqueued again before it is failed. */
export const MAX_RUN_REQUEUES = 3;

function savedLine(savedSamples: number): string {
  return `${savedSamples} sample${savedSamples === 1 ? ' was' : 's were'} saved — start a new run to re-run it`;
}

export function lostJobMessage(savedSamples: number): string {
  return `The run's queue job was lost (the queue was reset or the worker died repeatedly); ${savedLine(savedSamples)}`;
}

/** `failedReason` is BullMQ's: the message of the error that failed the job's last attempt. */
export function failedJobMessage(savedSamples: number, failedReason: string): string {
  const reason = failedReason.length > 500 ? `${failedReason.slice(0, 500)}…` : failedReason || 'no reason given';
  return `The run's queue job kept failing (last error: ${reason}); ${savedLine(savedSamples)}`;
}

/**
 * Repairs runs whose queue job disappeared or failed, so no run waits or "runs" forever: queued runs are enqueued
 * again (the job id is the run id, so this never duplicates one); a running run nobody works on is enqueued again
 * when its job failed (a worker hit errors it could not get past, such as a database outage; resuming is
 * idempotent), at most MAX_RUN_REQUEUES times, and failed with the reason otherwise. Also sweeps webhook deliveries
 * and schedulers (`reconcileSchedulers`). One worker at a time does a pass, under a Redis lock that lasts one interval.
 */
export class RunReconciler {
  private timer: NodeJS.Timeout | undefined;
  private pass: Promise<void> | undefined;

  constructor(private readonly o: RunReconcilerOptions) {}

  start(): void {
    this.timer = setInterval(() => {
      this.pass ??= this.runOnce()
        .then(
          () => undefined,
          (err: unknown) => {
            this.o.logger.warn('run reconciliation failed', { error: String(err) });
          },
        )
        .finally(() => (this.pass = undefined));
    }, this.o.intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.pass;
  }

  /** One pass, if this worker wins the lock; returns whether it did. */
  async runOnce(): Promise<boolean> {
    const lock = `${this.o.prefix}:worker:reconcile-lock`;
    // Not released after the pass: holding it for the interval keeps other workers from repeating it.
    const won = await this.o.redis.set(lock, this.o.workerId, 'PX', this.o.intervalMs, 'NX');
    if (won !== 'OK') return false;
    await this.requeueQueued();
    await this.failAbandoned();
    await this.sweepDeliveries();
    await this.reconcileSchedulers();
    return true;
  }

  /**
   * Holds the schedulers in Redis to the schedules table, the truth: every schedule not paused has a scheduler with its
   * cron expression and time zone, and no other scheduler exists (a Redis flush, a pause or deletion whose removal
   * failed, an update whose upsert failed). Redis is read before the table, so a schedule created meanwhile is at
   * worst upserted twice (idempotent), never removed. Safe to run from any worker at any time.
   */
  async reconcileSchedulers(): Promise<void> {
    const { db, schedules, logger } = this.o;
    const present = await listScheduleJobs(schedules);
    const wanted = new Map((await listActiveSchedules(db)).map((s) => [s.schedule_id, s]));
    for (const job of present) {
      const schedule = wanted.get(job.id);
      if (schedule && schedule.cron === job.cron && schedule.timezone === job.timezone) {
        wanted.delete(job.id);
      } else if (!schedule) {
        await removeScheduleJob(schedules, job.id);
        logger.info('removed a scheduler whose schedule is paused or gone', { schedule_id: job.id });
      }
    }
    for (const schedule of wanted.values()) {
      await upsertScheduleJob(schedules, schedule);
      logger.info('restored the scheduler of a schedule', { schedule_id: schedule.schedule_id, cron: schedule.cron });
    }
  }

  private async requeueQueued(): Promise<void> {
    const { db, queue, logger } = this.o;
    const before = new Date(Date.now() - this.o.queuedGraceMs);
    for (const run of await listRunsByStatus(db, ['queued'], before, this.o.batchSize ?? 100)) {
      const { job, state } = await findRunJob(queue, run.run_id);
      if (LIVE_JOB_STATES.has(state)) continue;
      // A finished job keeps its id for a while and would turn the new enqueue into a no-op.
      if (job) await job.remove();
      await enqueueRun(queue, run);
      logger.info('re-enqueued a queued run whose job was missing', { run_id: run.run_id, job_state: state });
    }
  }

  private async failAbandoned(): Promise<void> {
    const { db, queue, logger, events } = this.o;
    const before = new Date(Date.now() - this.o.staleAfterMs);
    for (const run of await listRunsByStatus(db, ['running'], before, this.o.batchSize ?? 100)) {
      const { job, state } = await findRunJob(queue, run.run_id);
      if (LIVE_JOB_STATES.has(state)) continue;
      if (job && state === 'failed' && run.requeues < MAX_RUN_REQUEUES) {
        await this.requeueFailed(run, before, job.failedReason);
        continue;
      }
      const saved = await countRunSamples(db, run.run_id);
      const error = job && state === 'failed' ? failedJobMessage(saved, job.failedReason) : lostJobMessage(saved);
      const failed = await failLostRun(db, run.run_id, before, error);
      if (!failed) continue;
      logger.warn('failed a running run whose job was lost or kept failing', { run_id: run.run_id, job_state: state });
      await announceRunEnd(db, this.o.webhooks, logger, run.run_id);
      const finishedAt = failed.finished_at!.toISOString();
      await events.publish(run.run_id, { event: 'status', data: { status: 'failed', timestamp: finishedAt } });
      await events.publish(run.run_id, { event: 'failed', data: { exit_code: RUN_EXIT_CODE.failed, error, finished_at: finishedAt } });
    }
  }

  /**
   * Enqueues webhook deliveries still pending a grace period after their run ended: their enqueue after the commit
   * was lost (a crash, Redis away). The job id is the delivery id, so a delivery whose job exists (waiting for its
   * next retry) is not enqueued twice.
   */
  private async sweepDeliveries(): Promise<void> {
    const before = new Date(Date.now() - this.o.queuedGraceMs);
    const ids = await listStalePendingDeliveries(this.o.db, before, this.o.batchSize ?? 100);
    await enqueueWebhookDeliveries(this.o.webhooks, ids);
  }

  private async requeueFailed(run: RunRow, idleBefore: Date, failedReason: string): Promise<void> {
    const { db, queue, logger } = this.o;
    // Counted first, so a pass that dies between the two steps can never re-enqueue without bound.
    const counted = await countRunRequeue(db, run.run_id, idleBefore, run.requeues);
    if (!counted) return;
    // The failed job keeps its id and would turn the new enqueue into a no-op.
    await queue.remove(run.run_id);
    await enqueueRun(queue, run);
    logger.warn('re-enqueued a running run whose job failed', { run_id: run.run_id, requeues: counted.requeues, job_error: failedReason });
  }
}
