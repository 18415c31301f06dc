import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Json<T> = ColumnType<T, string | T, string | T>;

/** A run template fired on a cron expression (BullMQ job scheduler, id = schedule id); each tick makes one run. */
export interface ScheduleTable {
  schedule_id: string;
  user_id: string;
  name: string;
  /** Cron expression as BullMQ's parser reads it (5 fields, or 6 with seconds). */
  cron: string;
  /** IANA time zone the expression is read in. */
  timezone: Generated<string>;
  /** The run options as `POST /api/runs` takes them; each tick validates them again, as that endpoint does. */
  template: Json<Record<string, unknown>>;
  /** A paused schedule has no scheduler in Redis. */
  paused: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  /** The last tick handled, whether it made a run or not. */
  last_tick_at: Date | null;
  last_run_at: Date | null;
  /** The last run a tick made; it may have been deleted since (the ticks' `run_id` is the reference that is kept up to date). */
  last_run_id: string | null;
  /** Why the last tick made no run (rate limit, a template that no longer validates); null after a run. */
  last_error: string | null;
}

/** One tick handled: the run it made, or why it made none. (schedule_id, tick_at) is unique, so a tick runs once. */
export interface ScheduleTickTable {
  schedule_id: string;
  tick_at: Date;
  run_id: string | null;
  error: string | null;
  created_at: Generated<Date>;
}

export type ScheduleRow = Selectable<ScheduleTable>;
export type NewSchedule = Insertable<ScheduleTable>;
export type ScheduleTickRow = Selectable<ScheduleTickTable>;
