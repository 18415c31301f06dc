import { Body, Controller, Delete, Get, Patch, Path, Post, Query, Request, Response, Route, Security, Tags, OperationId } from '@tsoa/runtime';
import type { Request as ExRequest } from 'express';
import type { ErrorBody } from '@studio/contracts';
import type { AuthUser } from '../auth/jwt';
import type { DeletedResponse } from '../api-keys/api-key.service';
import type { AppDeps } from '../deps';
import { RunCancelService } from './run-cancel.service';
import { RunCreateService } from './run-create.service';
import { RunDeleteService } from './run-delete.service';
import { RunQueryService } from './run-query.service';
import { updateRunNotes } from './run-notes.service';
import { RunTagsService } from './run-tags.service';
import { READ, RUN } from '../auth/token-scopes';
import type {
  BulkDeleteRequest,
  BulkDeleteResponse,
  RunCreate,
  RunCreated,
  RunDetail,
  RunListResponse,
  RunStatusName,
  RunStatusResponse,
  NotesResponse,
  NotesUpdate,
  TagsResponse,
  TagsUpdate,
} from './run.types';

const userId = (req: ExRequest) => (req.user as AuthUser).user_id;
const viewerId = (req: ExRequest) => (req.user as AuthUser | null)?.user_id ?? null;

@Route('runs')
@Tags('Runs')
export class RunController extends Controller {
  constructor(private readonly deps: AppDeps) {
    super();
  }

  /**
   * Queue a benchmark run; a worker picks it up. Answers `{run_id}` at once: follow it with
   * `GET /api/runs/{run_id}` or the `events` stream. Rate limited per user (`RATE_LIMIT_RUNS_PER_USER`).
   * @summary Start a run
   */
  @Post()
  @Security('jwt', [RUN])
  @Response<ErrorBody>(401, 'AUTH_REQUIRED')
  @Response<ErrorBody>(
    422,
    'VALIDATION_ERROR: names the field: unknown or not runnable benchmark, model not provider/model, no stored key for the provider of the model or grader, out-of-range option, unknown field',
  )
  @Response<ErrorBody>(429, 'RATE_LIMITED (see Retry-After)')
  @Response<ErrorBody>(503, 'SERVICE_UNAVAILABLE: the run queue is unreachable; no run was created')
  @OperationId('createRun')
  public async create(@Body() body: RunCreate, @Request() req: ExRequest): Promise<RunCreated> {
    return new RunCreateService(this.deps).create(userId(req), body);
  }

  /**
   * Your runs, newest first by default. Anonymous callers see none.
   * @param page 1-based; values below 1 count as 1.
   * @param per_page 1..100 (clamped), default 50.
   * @param search Case-insensitive substring of benchmark, model, notes or a tag.
   * @param status Runs in this status.
   * @param benchmark Runs of this benchmark (its catalog name, e.g. `mmlu-pro`).
   * @param model Runs of this `provider/model`.
   * @param tag Runs carrying this tag.
   * @param started_after Created at or after this ISO-8601 date or datetime (UTC without an offset).
   * @param started_before Created at or before this ISO-8601 date or datetime.
   * @param sort_by `created_at` (default), `benchmark`, `model`, `status`, `primary_metric` or `finished_at`; anything else sorts by `created_at`.
   * @param sort_order `asc` or `desc` (default; anything else).
   * @isInt page
   * @isInt per_page
   * @summary List runs
   */
  @Get()
  @Security('jwt_optional', [READ])
  @Response<ErrorBody>(401, 'AUTH_REQUIRED: a token was sent but is invalid')
  @Response<ErrorBody>(422, 'VALIDATION_ERROR: bad status, date or number')
  @OperationId('listRuns')
  public async list(
    @Request() req: ExRequest,
    @Query() page?: number,
    @Query() per_page?: number,
    @Query() search?: string,
    @Query() status?: RunStatusName,
    @Query() benchmark?: string,
    @Query() model?: string,
    @Query() tag?: string,
    @Query() started_after?: string,
    @Query() started_before?: string,
    @Query() sort_by?: string,
    @Query() sort_order?: string,
  ): Promise<RunListResponse> {
    return new RunQueryService(this.deps).list(viewerId(req), {
      page,
      per_page,
      search,
      status,
      benchmark,
      model,
      tag,
      started_after,
      started_before,
      sort_by,
      sort_order,
    });
  }

  /**
   * The tags of your runs, sorted and unique. Anonymous callers get none.
   * @summary List your run tags
   */
  @Get('tags')
  @Security('jwt_optional', [READ])
  @Response<ErrorBody>(401, 'AUTH_REQUIRED: a token was sent but is invalid')
  @OperationId('listRunTags')
  public async tags(@Request() req: ExRequest): Promise<string[]> {
    return new RunTagsService(this.deps).list(viewerId(req));
  }

  /**
   * Delete several of your runs. The body is a JSON array of run ids, or `{"run_ids": [...]}`; at most
   * 1000 ids. Running runs are skipped (`running`), other users' runs are refused (`forbidden`).
   * @summary Delete several runs
   */
  @Post('bulk-delete')
  @Security('jwt', [RUN])
  @Response<ErrorBody>(401, 'AUTH_REQUIRED')
  @Response<ErrorBody>(422, 'VALIDATION_ERROR: not a list of ids, or more than 1000')
  @OperationId('bulkDeleteRuns')
  public async bulkDelete(@Body() body: string[] | BulkDeleteRequest, @Request() req: ExRequest): Promise<BulkDeleteResponse> {
    return new RunDeleteService(this.deps).bulkRemove(userId(req), Array.isArray(body) ? body : body.run_ids);
  }

  /**
   * A run with its configuration, progress, results, artifacts and the tail of its output. The run id
   * is the capability: whoever holds it may read the run, with or without a token; only the owner sees `user_id`.
   * @param log_lines Lines of `stdout_tail` and `stderr_tail` (0..10000, default 100).
   * @isInt log_lines
   * @minimum log_lines 0
   * @maximum log_lines 10000
   * @summary Get a run
   */
  @Get('{run_id}')
  @Security('jwt_optional', [READ])
  @Response<ErrorBody>(401, 'AUTH_REQUIRED: a token was sent but is invalid')
  @Response<ErrorBody>(404, 'RUN_NOT_FOUND')
  @Response<ErrorBody>(422, 'VALIDATION_ERROR')
  @OperationId('getRun')
  public async detail(@Path() run_id: string, @Request() req: ExRequest, @Query() log_lines = 100): Promise<RunDetail> {
    return new RunQueryService(this.deps).detail(run_id, viewerId(req), log_lines);
  }

  /**
   * Cancel your run. A queued run is canceled at once; a running one is stopped by its worker, and the
   * answer waits up to 3 s for that (`status` stays `running` if the worker needs longer). A run that
   * completes or fails on its own meanwhile is RUN_NOT_RUNNING, as if it had finished before the request.
   * @summary Cancel a run
   */
  @Post('{run_id}/cancel')
  @Security('jwt', [RUN])
  @Response<ErrorBody>(400, 'RUN_NOT_RUNNING: the run already finished, or finished on its own before the cancel took effect')
  @Response<ErrorBody>(401, 'AUTH_REQUIRED')
  @Response<ErrorBody>(403, 'AUTHZ_FORBIDDEN: not your run')
  @Response<ErrorBody>(404, 'RUN_NOT_FOUND')
  @OperationId('cancelRun')
  public async cancel(@Path() run_id: string, @Request() req: ExRequest): Promise<RunStatusResponse> {
    return new RunCancelService(this.deps).cancel(run_id, userId(req));
  }

  /**
   * Delete your run with its samples, logs and event history. A queued run leaves the queue; a running one must be canceled first.
   * @summary Delete a run
   */
  @Delete('{run_id}')
  @Security('jwt', [RUN])
  @Response<ErrorBody>(400, 'RUN_STILL_RUNNING')
  @Response<ErrorBody>(401, 'AUTH_REQUIRED')
  @Response<ErrorBody>(403, 'AUTHZ_FORBIDDEN: not your run')
  @Response<ErrorBody>(404, 'RUN_NOT_FOUND')
  @OperationId('deleteRun')
  public async remove(@Path() run_id: string, @Request() req: ExRequest): Promise<DeletedResponse> {
    return new RunDeleteService(this.deps).remove(run_id, userId(req));
  }

  /**
   * Replace your run's tags; they are trimmed, lower-cased, de-duplicated and sorted. Tags are metadata,
   * so a running run can be tagged too.
   * @summary Replace a run's tags
   */
  @Patch('{run_id}/tags')
  @Security('jwt', [RUN])
  @Response<ErrorBody>(401, 'AUTH_REQUIRED')
  @Response<ErrorBody>(403, 'AUTHZ_FORBIDDEN: not your run')
  @Response<ErrorBody>(404, 'RUN_NOT_FOUND')
  @Response<ErrorBody>(422, 'VALIDATION_ERROR: more than 50 tags or a tag over 64 characters')
  @OperationId('updateRunTags')
  public async setTags(@Path() run_id: string, @Body() body: TagsUpdate, @Request() req: ExRequest): Promise<TagsResponse> {
    return new RunTagsService(this.deps).set(run_id, userId(req), body.tags);
  }

  /**
   * Replace your run's notes (trimmed; empty or null clears them). Notes are metadata: any state, running included.
   * @summary Replace a run's notes
   */
  @Patch('{run_id}/notes')
  @Security('jwt', [RUN])
  @Response<ErrorBody>(401, 'AUTH_REQUIRED')
  @Response<ErrorBody>(403, 'AUTHZ_FORBIDDEN: not your run')
  @Response<ErrorBody>(404, 'RUN_NOT_FOUND')
  @Response<ErrorBody>(422, 'VALIDATION_ERROR: notes over 10000 characters')
  @OperationId('updateRunNotes')
  public async setNotes(@Path() run_id: string, @Body() body: NotesUpdate, @Request() req: ExRequest): Promise<NotesResponse> {
    return updateRunNotes(this.deps, run_id, userId(req), body.notes);
  }
}
