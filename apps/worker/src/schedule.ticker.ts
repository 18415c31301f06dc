/**
 * Runs the ticks of schedules (jobs of the `schedule-ticks` queue, one per tick from the schedule's BullMQ job
 * scheduler, so one per tick however many workers run): the template validated as `POST /api/runs` validates a run,
 * counted against the owner's run rate limit, then one run made in the same transaction as the tick's row (unique per
 * schedule and tick time: a retried or duplicated job makes no second run), published `queued` and enqueued as the
 * gateway enqueues a run. A tick that cannot make a run records why on the schedule; nothing is thrown for that.
 */
import type { Job } from 'bullmq';
import { ScheduleTickPayloadSchema, type ScheduleTickPayload } from '@studio/contracts';
import { findSchedule, findScheduleTick, recordScheduleTick, type Db } from '@studio/db';
import { InvalidRunRequest, newRunRow, scheduleTag, validRunConfig, type RunRequest } from '@studio/run-intake';
import {
  RateCounter,
  enqueueRun,
  rateLimitMessage,
  removeScheduleJob,
  runSubmissionRule,
  scheduleTickTime,
  type Logger,
  type Redis,
  type RunEventPublisher,
  type RunQueue,
  type RunSubmissionLimits,
  type ScheduleQueue,
} from '@studio/runtime';

export interface ScheduleTickerDeps {
  db: Db;
  redis: Redis;
  redisPrefix: string;
  runQueue: RunQueue;
  scheduleQueue: ScheduleQueue;
  events: RunEventPublisher;
  logger: Logger;
  limits: RunSubmissionLimits;
}

export class ScheduleTicker {
  private readonly counter: RateCounter;
  constructor(private readonly deps: ScheduleTickerDeps) {
    this.counter = new RateCounter(deps.redis, deps.redisPrefix);
  }

  async process(job: Job<ScheduleTickPayload>): Promise<void> {
    const { db, logger } = this.deps;
    const { schedule_id: scheduleId } = ScheduleTickPayloadSchema.parse(job.data);
    const tickAt = scheduleTickTime(job);
    const schedule = await findSchedule(db, scheduleId);
    // A scheduler that outlived its schedule (deleted or paused while Redis was away) goes now.
    if (!schedule || schedule.paused) {
      await removeScheduleJob(this.deps.scheduleQueue, scheduleId);
      logger.info('removed the scheduler of a schedule that is gone or paused', { schedule_id: scheduleId, paused: schedule?.paused ?? null });
      return;
    }
    if (await findScheduleTick(db, scheduleId, tickAt)) return;
    const made = await this.makeRun(schedule.user_id, scheduleId, schedule.template as unknown as RunRequest);
    const outcome = await recordScheduleTick(db, scheduleId, tickAt, made);
    if (outcome.kind !== 'run') {
      if (outcome.kind === 'error') logger.warn('schedule tick made no run', { schedule_id: scheduleId, tick_at: tickAt.toISOString(), error: 'error' in made ? made.error : null });
      return;
    }
    const run = outcome.run;
    await this.deps.events
      .publish(run.run_id, { event: 'status', data: { status: 'queued', timestamp: run.created_at.toISOString() } })
      .catch((error: unknown) => logger.warn('run event not published', { run_id: run.run_id, error: String(error) }));
    // A lost enqueue leaves a queued run without a job, which the reconciler enqueues.
    await enqueueRun(this.deps.runQueue, run).catch((error: unknown) =>
      logger.warn('scheduled run not enqueued; the reconciler will', { run_id: run.run_id, schedule_id: scheduleId, error: String(error) }),
    );
    logger.info('schedule tick started a run', { schedule_id: scheduleId, tick_at: tickAt.toISOString(), run_id: run.run_id });
  }

  /** The row of the tick's run, or why there is none: the run rate limit, or the template as POST /api/runs refuses it. */
  private async makeRun(userId: string, scheduleId: string, template: RunRequest) {
    const exceeded = await this.counter.hit([runSubmissionRule(userId, this.deps.limits)]);
    if (exceeded.length) return { error: `Not started: ${rateLimitMessage(exceeded).message} (RATE_LIMIT_RUNS_PER_USER)` };
    try {
      const config = await validRunConfig(this.deps.db, this.deps.limits, userId, template);
      return { run: newRunRow(userId, config, template, [scheduleTag(scheduleId)]) };
    } catch (err) {
      if (err instanceof InvalidRunRequest) return { error: `Not started: the template is refused (${err.message})` };
      throw err;
    }
  }
}
