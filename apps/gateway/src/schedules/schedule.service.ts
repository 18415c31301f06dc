import { randomUUID } from 'node:crypto';
import {
  countSchedules,
  deleteSchedule,
  findSchedule,
  insertSchedule,
  listScheduleRuns,
  listScheduleTicks,
  listSchedules,
  toRunListRow,
  toRunSummary,
  updateSchedule,
  type ScheduleRow,
} from '@studio/db';
import { scheduleTag } from '@studio/run-intake';
import { checkScheduleCron, nextScheduleTick, removeScheduleJob, upsertScheduleJob } from '@studio/runtime';
import type { DeletedResponse } from '../api-keys/api-key.service';
import { withTimeout } from '../common/with-timeout';
import type { AppDeps } from '../deps';
import { AppError, notFound, validationError } from '../errors/app-error';
import { RunCreateService } from '../runs/run-create.service';
import { clampPage } from '../runs/run.mapper';
import type { RunCreate } from '../runs/run.types';
import type { ScheduleCreate, ScheduleDetail, ScheduleListResponse, ScheduleSummary, ScheduleUpdate } from './schedule.types';

/** A user may keep this many schedules. */
export const MAX_SCHEDULES_PER_USER = 50;
const RECENT = 20;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * The Schedules API. The row is the truth; the schedule's BullMQ job scheduler (id = schedule id) follows it: upserted
 * when the schedule is created, changed or resumed, removed when it is paused or deleted. When Redis refuses that step
 * the answer still reflects the row, and the worker's reconciler brings the scheduler in line within
 * RECONCILE_INTERVAL_MS (a tick of a paused or deleted schedule creates nothing either way).
 */
export class ScheduleService {
  private readonly runs: RunCreateService;
  constructor(private readonly deps: AppDeps) {
    this.runs = new RunCreateService(deps);
  }

  async create(userId: string, body: ScheduleCreate): Promise<ScheduleDetail> {
    const timezone = body.timezone?.trim() || 'UTC';
    const cron = this.validCron(body.cron, timezone);
    await this.validTemplate(userId, body.template);
    if ((await countSchedules(this.deps.db, userId)) >= MAX_SCHEDULES_PER_USER)
      throw validationError('schedules', `at most ${MAX_SCHEDULES_PER_USER} schedules per user; delete one first`);
    const row = await insertSchedule(this.deps.db, {
      schedule_id: randomUUID(),
      user_id: userId,
      name: body.name.trim(),
      cron,
      timezone,
      template: JSON.stringify(body.template),
      paused: body.paused ?? false,
    });
    await this.follow(row);
    this.deps.logger.info('schedule created', { schedule_id: row.schedule_id, user_id: userId, cron, timezone });
    return this.detailOf(row);
  }

  async list(userId: string, page?: number, perPage?: number): Promise<ScheduleListResponse> {
    const p = clampPage(page, perPage, 50, 100);
    const { rows, total } = await listSchedules(this.deps.db, userId, p.page, p.perPage);
    return {
      schedules: await Promise.all(rows.map((r) => this.summaryOf(r))),
      total,
      page: p.page,
      per_page: p.perPage,
      has_more: p.page * p.perPage < total,
    };
  }

  async detail(userId: string, id: string): Promise<ScheduleDetail> {
    return this.detailOf(await this.owned(userId, id));
  }

  async update(userId: string, id: string, body: ScheduleUpdate): Promise<ScheduleDetail> {
    const current = await this.owned(userId, id);
    const timezone = body.timezone?.trim() || current.timezone;
    const cron = body.cron !== undefined || body.timezone !== undefined ? this.validCron(body.cron ?? current.cron, timezone) : current.cron;
    if (body.template) await this.validTemplate(userId, body.template);
    const row = await updateSchedule(this.deps.db, current.schedule_id, {
      ...(body.name !== undefined ? { name: body.name.trim() } : {}),
      cron,
      timezone,
      ...(body.template ? { template: body.template as unknown as Record<string, unknown> } : {}),
      ...(body.paused !== undefined ? { paused: body.paused } : {}),
    });
    if (!row) throw notFound('Schedule');
    await this.follow(row);
    this.deps.logger.info('schedule updated', { schedule_id: row.schedule_id, user_id: userId, paused: row.paused });
    return this.detailOf(row);
  }

  /** Deletes the schedule and removes its scheduler; its runs stay, with their tag, unlinked. */
  async remove(userId: string, id: string): Promise<DeletedResponse> {
    const schedule = await this.owned(userId, id);
    await deleteSchedule(this.deps.db, schedule.schedule_id);
    // Without a row its scheduler goes, as a paused schedule's does.
    await this.follow({ ...schedule, paused: true });
    this.deps.logger.info('schedule deleted', { schedule_id: schedule.schedule_id, user_id: userId });
    return { status: 'deleted' };
  }

  private async owned(userId: string, id: string): Promise<ScheduleRow> {
    const schedule = await findSchedule(this.deps.db, id);
    if (!schedule || schedule.user_id !== userId) throw notFound('Schedule');
    return schedule;
  }

  private validCron(raw: string, timezone: string): string {
    const cron = raw.trim().replace(/\s+/g, ' ');
    const problem = checkScheduleCron(cron, timezone, this.deps.config.scheduleMinIntervalSeconds);
    if (problem) throw validationError(problem.startsWith(`"${timezone}"`) ? 'timezone' : 'cron', problem);
    return cron;
  }

  /** The template as `POST /api/runs` validates a run, with the field names under `template.`. */
  private async validTemplate(userId: string, template: RunCreate): Promise<void> {
    try {
      const config = await this.runs.validConfig(userId, template);
      // The tags as a tick will store them: the template's and the schedule's, within the limits of a run's tags.
      this.runs.newRun(userId, config, template, [scheduleTag(randomUUID())]);
    } catch (err) {
      if (err instanceof AppError && err.code === 'VALIDATION_ERROR') {
        const fields = (err.fields ?? []).map((f) => ({ field: `template.${f.field}`, message: f.message }));
        throw new AppError('VALIDATION_ERROR', fields.map((f) => `${f.field}: ${f.message}`).join('; '), { fields });
      }
      throw err;
    }
  }

  /** Makes the scheduler follow the row: present while it is not paused, absent otherwise. Redis failures are left to the reconciler. */
  private async follow(row: ScheduleRow): Promise<void> {
    const step: Promise<unknown> = row.paused ? removeScheduleJob(this.deps.scheduleQueue, row.schedule_id) : upsertScheduleJob(this.deps.scheduleQueue, row);
    await withTimeout(step, this.deps.config.runQueueTimeoutMs, 'updating the schedule\'s scheduler').catch((error: unknown) =>
      this.deps.logger.warn('schedule scheduler not updated; the reconciler will', { schedule_id: row.schedule_id, error }),
    );
  }

  private async summaryOf(row: ScheduleRow): Promise<ScheduleSummary> {
    const next = row.paused
      ? undefined
      : await withTimeout(nextScheduleTick(this.deps.scheduleQueue, row.schedule_id), this.deps.config.runQueueTimeoutMs, 'reading the next tick').catch(() => undefined);
    return {
      schedule_id: row.schedule_id,
      name: row.name,
      cron: row.cron,
      timezone: row.timezone,
      template: row.template as unknown as RunCreate,
      paused: row.paused,
      created_at: row.created_at.toISOString(),
      updated_at: row.updated_at.toISOString(),
      next_run_at: next === undefined ? null : new Date(next).toISOString(),
      last_tick_at: iso(row.last_tick_at),
      last_run_at: iso(row.last_run_at),
      last_run_id: row.last_run_id,
      last_error: row.last_error,
    };
  }

  private async detailOf(row: ScheduleRow): Promise<ScheduleDetail> {
    const [summary, runs, ticks] = await Promise.all([
      this.summaryOf(row),
      listScheduleRuns(this.deps.db, row.schedule_id, RECENT),
      listScheduleTicks(this.deps.db, row.schedule_id, RECENT),
    ]);
    return {
      ...summary,
      recent_runs: runs.map((r) => toRunSummary(toRunListRow(r))),
      recent_ticks: ticks.map((t) => ({ tick_at: t.tick_at.toISOString(), run_id: t.run_id, error: t.error })),
    };
  }
}
