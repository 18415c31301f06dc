/** The `schedules` and `schedule_ticks` tables, and the runs a schedule made (`runs.schedule_id`). */
import { sql } from 'kysely';
import type { Db, DbOrTrx } from '../database';
import { isUuid } from '../query.util';
import type { NewRun, RunRow } from '../runs/run.table';
import type { NewSchedule, ScheduleRow, ScheduleTickRow } from './schedule.table';

export async function insertSchedule(db: DbOrTrx, schedule: NewSchedule): Promise<ScheduleRow> {
  return db.insertInto('schedules').values(schedule).returningAll().executeTakeFirstOrThrow();
}

export async function findSchedule(db: DbOrTrx, scheduleId: string): Promise<ScheduleRow | undefined> {
  if (!isUuid(scheduleId)) return undefined;
  return db.selectFrom('schedules').selectAll().where('schedule_id', '=', scheduleId).executeTakeFirst();
}

export async function countSchedules(db: DbOrTrx, userId: string): Promise<number> {
  const { n } = await db.selectFrom('schedules').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow();
  return Number(n);
}

/** The user's schedules, newest first. */
export async function listSchedules(db: DbOrTrx, userId: string, page: number, perPage: number): Promise<{ rows: ScheduleRow[]; total: number }> {
  const base = db.selectFrom('schedules').where('user_id', '=', userId);
  const [{ total }] = await base.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await base
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('schedule_id')
    .limit(perPage)
    .offset((page - 1) * perPage)
    .execute();
  return { rows, total: Number(total) };
}

/** Every schedule that should have a scheduler (not paused), oldest first: what the reconciler holds Redis to. */
export async function listActiveSchedules(db: DbOrTrx): Promise<Pick<ScheduleRow, 'schedule_id' | 'cron' | 'timezone'>[]> {
  return db.selectFrom('schedules').select(['schedule_id', 'cron', 'timezone']).where('paused', '=', false).orderBy('created_at').execute();
}

export interface ScheduleChange {
  name?: string;
  cron?: string;
  timezone?: string;
  template?: Record<string, unknown>;
  paused?: boolean;
}

export async function updateSchedule(db: DbOrTrx, scheduleId: string, change: ScheduleChange): Promise<ScheduleRow | undefined> {
  const values = { ...change, ...(change.template ? { template: JSON.stringify(change.template) } : {}), updated_at: sql<Date>`now()` };
  return db.updateTable('schedules').set(values).where('schedule_id', '=', scheduleId).returningAll().executeTakeFirst();
}

/** Deletes the schedule and its ticks; its runs stay, unlinked (ON DELETE SET NULL). */
export async function deleteSchedule(db: DbOrTrx, scheduleId: string): Promise<boolean> {
  const deleted = await db.deleteFrom('schedules').where('schedule_id', '=', scheduleId).executeTakeFirst();
  return Number(deleted.numDeletedRows) > 0;
}

/** The schedule's latest runs, newest first. */
export async function listScheduleRuns(db: DbOrTrx, scheduleId: string, limit: number): Promise<RunRow[]> {
  return db.selectFrom('runs').selectAll().where('schedule_id', '=', scheduleId).orderBy('created_at', 'desc').orderBy('run_id').limit(limit).execute();
}

/** The schedule's latest ticks, newest first. */
export async function listScheduleTicks(db: DbOrTrx, scheduleId: string, limit: number): Promise<ScheduleTickRow[]> {
  return db.selectFrom('schedule_ticks').selectAll().where('schedule_id', '=', scheduleId).orderBy('tick_at', 'desc').limit(limit).execute();
}

export async function findScheduleTick(db: DbOrTrx, scheduleId: string, tickAt: Date): Promise<ScheduleTickRow | undefined> {
  return db.selectFrom('schedule_ticks').selectAll().where('schedule_id', '=', scheduleId).where('tick_at', '=', tickAt).executeTakeFirst();
}

/** What handling a tick came to: its run, its error, or nothing when the tick was taken, the schedule paused or gone. */
export type ScheduleTickOutcome = { kind: 'run'; run: RunRow } | { kind: 'error' } | { kind: 'taken' | 'paused' | 'gone' };

/**
 * Records one tick of a schedule in one transaction, under a lock of the schedule's row: the tick (unique per
 * schedule and time), the run it made (`run`, inserted with `schedule_id`) or why it made none (`error`), and the
 * schedule's last tick. A tick already recorded (a retried or duplicated job), a paused schedule or a deleted one
 * records nothing.
 */
export async function recordScheduleTick(db: Db, scheduleId: string, tickAt: Date, made: { run: NewRun } | { error: string }): Promise<ScheduleTickOutcome> {
  return db.transaction().execute(async (trx): Promise<ScheduleTickOutcome> => {
    const schedule = await trx.selectFrom('schedules').select(['paused']).where('schedule_id', '=', scheduleId).forUpdate().executeTakeFirst();
    if (!schedule) return { kind: 'gone' };
    if (schedule.paused) return { kind: 'paused' };
    const tick = await trx
      .insertInto('schedule_ticks')
      .values({ schedule_id: scheduleId, tick_at: tickAt, error: 'error' in made ? made.error : null })
      .onConflict((oc) => oc.columns(['schedule_id', 'tick_at']).doNothing())
      .returning('tick_at')
      .executeTakeFirst();
    if (!tick) return { kind: 'taken' };
    if ('error' in made) {
      await trx.updateTable('schedules').set({ last_tick_at: tickAt, last_error: made.error }).where('schedule_id', '=', scheduleId).execute();
      return { kind: 'error' };
    }
    const run = await trx
      .insertInto('runs')
      .values({ ...made.run, schedule_id: scheduleId })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx.updateTable('schedule_ticks').set({ run_id: run.run_id }).where('schedule_id', '=', scheduleId).where('tick_at', '=', tickAt).execute();
    await trx
      .updateTable('schedules')
      .set({ last_tick_at: tickAt, last_run_at: run.created_at, last_run_id: run.run_id, last_error: null })
      .where('schedule_id', '=', scheduleId)
      .execute();
    return { kind: 'run', run };
  });
}
