import { Body, Controller, Delete, Get, OperationId, Patch, Path, Post, Query, Request, Response, Route, Security, Tags } from '@tsoa/runtime';
import type { Request as ExRequest } from 'express';
import type { ErrorBody } from '@studio/contracts';
import type { AuthUser } from '../auth/jwt';
import type { DeletedResponse } from '../api-keys/api-key.service';
import type { AppDeps } from '../deps';
import { READ, RUN } from '../auth/token-scopes';
import { ScheduleService } from './schedule.service';
import type { ScheduleCreate, ScheduleDetail, ScheduleListResponse, ScheduleUpdate } from './schedule.types';

const userId = (req: ExRequest) => (req.user as AuthUser).user_id;

@Route('schedules')
@Tags('Schedules')
export class ScheduleController extends Controller {
  private readonly service: ScheduleService;
  constructor(deps: AppDeps) {
    super();
    this.service = new ScheduleService(deps);
  }

  /**
   * Start a run from a template on a cron expression. Each tick starts exactly one run (however many workers run),
   * tagged `schedule:<schedule_id>`, validated as `POST /api/runs` validates it and counted against your run rate
   * limit; a tick that cannot start one records why (`last_error`, `recent_ticks`). The template is validated now with
   * the same errors as `POST /api/runs` (fields named `template.<field>`). At most 50 schedules per user.
   * @summary Create a schedule
   */
  @Post()
  @Security('jwt', [RUN])
  @Response<ErrorBody>(401, 'AUTH_REQUIRED')
  @Response<ErrorBody>(403, 'TOKEN_SCOPE_INSUFFICIENT')
  @Response<ErrorBody>(422, 'VALIDATION_ERROR: names the field (a bad cron expression or time zone, one firing more often than allowed, the template as POST /api/runs refuses it, 50 schedules already)')
  @OperationId('createSchedule')
  public async create(@Body() body: ScheduleCreate, @Request() req: ExRequest): Promise<ScheduleDetail> {
    return this.service.create(userId(req), body);
  }

  /**
   * Your schedules, newest first, each with its next and last tick.
   * @param page 1-based; values below 1 count as 1.
   * @param per_page 1..100 (clamped), default 50.
   * @isInt page
   * @isInt per_page
   * @summary List your schedules
   */
  @Get()
  @Security('jwt', [READ])
  @Response<ErrorBody>(401, 'AUTH_REQUIRED')
  @Response<ErrorBody>(403, 'TOKEN_SCOPE_INSUFFICIENT')
  @Response<ErrorBody>(422, 'VALIDATION_ERROR')
  @OperationId('listSchedules')
  public async list(@Request() req: ExRequest, @Query() page?: number, @Query() per_page?: number): Promise<ScheduleListResponse> {
    return this.service.list(userId(req), page, per_page);
  }

  /**
   * Your schedule with its latest runs and ticks.
   * @summary Get a schedule
   */
  @Get('{schedule_id}')
  @Security('jwt', [READ])
  @Response<ErrorBody>(401, 'AUTH_REQUIRED')
  @Response<ErrorBody>(403, 'TOKEN_SCOPE_INSUFFICIENT')
  @Response<ErrorBody>(404, 'RESOURCE_NOT_FOUND: no such schedule of yours')
  @OperationId('getSchedule')
  public async detail(@Path() schedule_id: string, @Request() req: ExRequest): Promise<ScheduleDetail> {
    return this.service.detail(userId(req), schedule_id);
  }

  /**
   * Change a schedule's name, cron expression, time zone or template (validated as on creation), or pause it
   * (`paused: true`: its scheduler is removed, runs it started go on) and resume it (`paused: false`: ticks start again
   * from the next time the cron expression gives; missed ticks are not made up). Applies from the next tick on.
   * @summary Update a schedule
   */
  @Patch('{schedule_id}')
  @Security('jwt', [RUN])
  @Response<ErrorBody>(401, 'AUTH_REQUIRED')
  @Response<ErrorBody>(403, 'TOKEN_SCOPE_INSUFFICIENT')
  @Response<ErrorBody>(404, 'RESOURCE_NOT_FOUND: no such schedule of yours')
  @Response<ErrorBody>(422, 'VALIDATION_ERROR')
  @OperationId('updateSchedule')
  public async update(@Path() schedule_id: string, @Body() body: ScheduleUpdate, @Request() req: ExRequest): Promise<ScheduleDetail> {
    return this.service.update(userId(req), schedule_id, body);
  }

  /**
   * Delete a schedule and its scheduler; the runs it started stay (with their `schedule:<schedule_id>` tag).
   * @summary Delete a schedule
   */
  @Delete('{schedule_id}')
  @Security('jwt', [RUN])
  @Response<ErrorBody>(401, 'AUTH_REQUIRED')
  @Response<ErrorBody>(403, 'TOKEN_SCOPE_INSUFFICIENT')
  @Response<ErrorBody>(404, 'RESOURCE_NOT_FOUND: no such schedule of yours')
  @OperationId('deleteSchedule')
  public async remove(@Path() schedule_id: string, @Request() req: ExRequest): Promise<DeletedResponse> {
    return this.service.remove(userId(req), schedule_id);
  }
}
