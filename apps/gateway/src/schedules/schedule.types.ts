/** Wire types of the Schedules API (plain interfaces, so tsoa validates and documents them). */
import type { RunSummary } from '@studio/contracts';
import type { RunCreate } from '../runs/run.types';

export interface ScheduleCreate {
  /**
   * @minLength 1
   * @maxLength 200
   * @example "nightly mmlu"
   */
  name: string;
  /**
   * When it fires: a cron expression (minute hour day-of-month month day-of-week; a leading seconds field is read
   * too), read by BullMQ's parser in `timezone`. It may fire at most once per `SCHEDULE_MIN_INTERVAL_SECONDS`
   * (default 60).
   * @minLength 1
   * @maxLength 200
   * @example "0 6 * * *"
   */
  cron: string;
  /**
   * IANA time zone of the cron expression.
   * @minLength 1
   * @maxLength 64
   * @example "Europe/Paris"
   */
  timezone?: string;
  /** The run each tick starts, as `POST /api/runs` takes it (validated the same way now and again at every tick). */
  template: RunCreate;
  /** Created paused (no tick until resumed); default false. */
  paused?: boolean;
}

export interface ScheduleUpdate {
  /**
   * @minLength 1
   * @maxLength 200
   */
  name?: string;
  /**
   * @minLength 1
   * @maxLength 200
   */
  cron?: string;
  /**
   * @minLength 1
   * @maxLength 64
   */
  timezone?: string;
  template?: RunCreate;
  /** true pauses (its scheduler is removed), false resumes. */
  paused?: boolean;
}

export interface ScheduleSummary {
  schedule_id: string;
  name: string;
  cron: string;
  timezone: string;
  template: RunCreate;
  paused: boolean;
  /** ISO-8601 with offset. */
  created_at: string;
  /** ISO-8601 with offset. */
  updated_at: string;
  /** The next tick as BullMQ's scheduler holds it; null while paused (or when Redis cannot be read). */
  next_run_at: string | null;
  /** The last tick handled, whether it started a run or not. */
  last_tick_at: string | null;
  last_run_at: string | null;
  /** The run of the last tick that started one (it may have been deleted since). */
  last_run_id: string | null;
  /** Why the last tick started no run (the run rate limit, a template that no longer validates); null after a run. */
  last_error: string | null;
}

export interface ScheduleTick {
  /** The tick's planned time, ISO-8601 with offset. */
  tick_at: string;
  /** The run it started; null when it started none (see `error`) or the run was deleted. */
  run_id: string | null;
  error: string | null;
}

export interface ScheduleDetail extends ScheduleSummary {
  /** Its latest runs (tagged `schedule:<schedule_id>`), newest first, at most 20. */
  recent_runs: RunSummary[];
  /** Its latest ticks, newest first, at most 20. */
  recent_ticks: ScheduleTick[];
}

export interface ScheduleListResponse {
  schedules: ScheduleSummary[];
  total: number;
  page: number;
  per_page: number;
  has_more: boolean;
}
