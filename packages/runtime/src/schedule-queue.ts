import { Queue, type ConnectionOptions, type Job, type JobsOptions } from 'bullmq';
import { CronExpressionParser } from 'cron-parser';
import { QueueName, ScheduleTickPayloadSchema, type ScheduleTickPayload } from '@studio/contracts';
import { bullPrefix } from './run-queue';

/**
 * Tick jobs: a retry covers a database or Redis hiccup while the tick's run is created (the tick's row makes a
 * retry create nothing twice). Kept a day (completed) or a week (failed), bounded.
 */
export const SCHEDULE_TICK_JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
};

export type ScheduleQueue = Queue<ScheduleTickPayload, void, string>;

export function createScheduleQueue(connection: ConnectionOptions, redisPrefix: string): ScheduleQueue {
  return new Queue<ScheduleTickPayload, void, string>(QueueName.ScheduleTicks, { connection, prefix: bullPrefix(redisPrefix) });
}

/** What a schedule's job scheduler is made of. */
export interface ScheduleTiming {
  schedule_id: string;
  cron: string;
  timezone: string;
}

/**
 * Creates or replaces the schedule's job scheduler (id = schedule id): BullMQ then adds one job per tick, whatever
 * the number of workers, each job's id `repeat:<schedule id>:<tick ms>`.
 */
export async function upsertScheduleJob(queue: ScheduleQueue, schedule: ScheduleTiming): Promise<void> {
  const data = ScheduleTickPayloadSchema.parse({ schedule_id: schedule.schedule_id });
  await queue.upsertJobScheduler(schedule.schedule_id, { pattern: schedule.cron, tz: schedule.timezone }, { name: 'schedule tick', data, opts: SCHEDULE_TICK_JOB_OPTIONS });
}

/** Removes the schedule's job scheduler and its next (delayed) tick; true when there was one. */
export async function removeScheduleJob(queue: ScheduleQueue, scheduleId: string): Promise<boolean> {
  return queue.removeJobScheduler(scheduleId);
}

/** The schedulers in Redis: id, pattern, time zone and next tick (ms). */
export async function listScheduleJobs(queue: ScheduleQueue): Promise<{ id: string; cron: string | undefined; timezone: string | undefined; next: number | undefined }[]> {
  const schedulers = await queue.getJobSchedulers(0, -1, true);
  return schedulers.map((s) => ({ id: s.key, cron: s.pattern, timezone: s.tz, next: s.next }));
}

/** When the schedule's scheduler ticks next (ms since the epoch), undefined when it has none. */
export async function nextScheduleTick(queue: ScheduleQueue, scheduleId: string): Promise<number | undefined> {
  return (await queue.getJobScheduler(scheduleId))?.next ?? undefined;
}

/** The time a tick job stands for: the scheduler's planned time for it, not when a worker picked it up. */
export function scheduleTickTime(job: Pick<Job, 'opts' | 'id' | 'timestamp'>): Date {
  const planned = job.opts.prevMillis ?? Number(job.id?.split(':').at(-1));
  return new Date(Number.isFinite(planned) ? planned : job.timestamp);
}

/**
 * How many upcoming ticks `checkScheduleCron` looks at to find the shortest gap: a pattern's shortest gaps show among
 * its first ticks (a seconds field's within its first minute, minute and hour lists within their first hour or day),
 * and each tick of a sparse pattern costs the parser a walk (120 daily ticks take ~100 ms).
 */
const GAPS_CHECKED = 30;

/**
 * Why a cron expression cannot be a schedule's, or undefined: the parser BullMQ schedules with (cron-parser, the
 * version bullmq depends on) must read it in the time zone, it must tick at all, and no two of its next ticks may be
 * closer than `minIntervalSeconds`.
 */
export function checkScheduleCron(cron: string, timezone: string, minIntervalSeconds: number, now = Date.now()): string | undefined {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
  } catch {
    return `"${timezone}" is not an IANA time zone (e.g. "UTC", "Europe/Paris")`;
  }
  let expression: ReturnType<typeof CronExpressionParser.parse>;
  try {
    expression = CronExpressionParser.parse(cron, { currentDate: new Date(now), tz: timezone });
  } catch (err) {
    return `"${cron}" is not a cron expression (${(err as Error).message}); e.g. "0 6 * * *" is every day at 06:00`;
  }
  const ticks: number[] = [];
  for (let i = 0; i <= GAPS_CHECKED && expression.hasNext(); i++) ticks.push(expression.next().getTime());
  if (ticks.length === 0) return `"${cron}" never fires`;
  const shortest = Math.min(...ticks.slice(1).map((t, i) => t - ticks[i]!));
  if (shortest < minIntervalSeconds * 1000)
    return `"${cron}" fires every ${shortest / 1000} s at times; a schedule may fire at most once every ${minIntervalSeconds} s`;
  return undefined;
}
