import { Body, Controller, Delete, Get, Header, OperationId, Path, Post, Produces, Query, Request, Response, Route, Security, SuccessResponse, Tags } from '@tsoa/runtime';
import type { Request as ExRequest } from 'express';
import type { ErrorBody } from '@studio/contracts';
import type { AuthUser } from '../auth/jwt';
import type { DeletedResponse } from '../api-keys/api-key.service';
import type { AppDeps } from '../deps';
import { streamSuiteEvents } from './suite-stream';
import { SuiteService, requireOwnedSuite } from './suite.service';
import type { SuiteCreate, SuiteCreated, SuiteDetail, SuiteListResponse, SuiteRetried } from './suite.types';
import { READ, RUN } from '../auth/token-scopes';

const userId = (req: ExRequest) => (req.user as AuthUser).user_id;

@Route('suites')
@Tags('Suites')
export class SuiteController extends Controller {
  constructor(private readonly deps: AppDeps) {
    super();
  }

  /**
   * Run every benchmark on every model: one run per (model, benchmark) pair, each with the run options given (as
   * `POST /api/runs` takes them) and the tag `suite:<suite_id>`. Every pair is validated first; when any fails, nothing
   * is created and the 422 names each failing pair in `fields` (`pairs[<model> × <benchmark>].<field>`). The suite and
   * its runs are created and enqueued all or nothing. Counts as one submission against the run rate limit.
   * @summary Start a suite
   */
  @Post()
  @Security('jwt', [RUN])
  @Response<ErrorBody>(403, 'TOKEN_SCOPE_INSUFFICIENT')
  @Response<ErrorBody>(401, 'AUTH_REQUIRED')
  @Response<ErrorBody>(422, 'VALIDATION_ERROR: each failing pair named, or a benchmark or model listed twice, or an option out of range')
  @Response<ErrorBody>(429, 'RATE_LIMITED (see Retry-After)')
  @Response<ErrorBody>(503, 'SERVICE_UNAVAILABLE: the run queue is unreachable; nothing was created')
  @OperationId('createSuite')
  public async create(@Body() body: SuiteCreate, @Request() req: ExRequest): Promise<SuiteCreated> {
    return new SuiteService(this.deps).create(userId(req), body);
  }

  /**
   * Your suites, newest first, each with its status and progress.
   * @param page 1-based; values below 1 count as 1.
   * @param per_page 1..100 (clamped), default 50.
   * @isInt page
   * @isInt per_page
   * @summary List your suites
   */
  @Get()
  @Security('jwt', [READ])
  @Response<ErrorBody>(403, 'TOKEN_SCOPE_INSUFFICIENT')
  @Response<ErrorBody>(401, 'AUTH_REQUIRED')
  @Response<ErrorBody>(422, 'VALIDATION_ERROR')
  @OperationId('listSuites')
  public async list(@Request() req: ExRequest, @Query() page?: number, @Query() per_page?: number): Promise<SuiteListResponse> {
    return new SuiteService(this.deps).list(userId(req), page, per_page);
  }

  /**
   * Your suite: its status (`running` until every run has finished, then `completed`, `failed`, `canceled` or
   * `partial`), progress over all its runs, and the matrix: for each model × benchmark the run, its status and its
   * primary metric with stderr and 95% interval, and each model's mean over the benchmarks it completed.
   * @summary Get a suite
   */
  @Get('{suite_id}')
  @Security('jwt', [READ])
  @Response<ErrorBody>(403, 'TOKEN_SCOPE_INSUFFICIENT')
  @Response<ErrorBody>(401, 'AUTH_REQUIRED')
  @Response<ErrorBody>(404, 'RESOURCE_NOT_FOUND: no such suite of yours')
  @OperationId('getSuite')
  public async detail(@Path() suite_id: string, @Request() req: ExRequest): Promise<SuiteDetail> {
    return new SuiteService(this.deps).detail(suite_id, userId(req));
  }

  /**
   * Cancel every queued or running run of your suite (as `POST /api/runs/{run_id}/cancel`, waiting up to 3 s in all); answers the suite.
   * @summary Cancel every run of a suite
   */
  @Post('{suite_id}/cancel')
  @Security('jwt', [RUN])
  @Response<ErrorBody>(403, 'TOKEN_SCOPE_INSUFFICIENT')
  @Response<ErrorBody>(401, 'AUTH_REQUIRED')
  @Response<ErrorBody>(404, 'RESOURCE_NOT_FOUND: no such suite of yours')
  @OperationId('cancelSuite')
  public async cancel(@Path() suite_id: string, @Request() req: ExRequest): Promise<SuiteDetail> {
    return new SuiteService(this.deps).cancel(suite_id, userId(req));
  }

  /**
   * Run your suite's failed and canceled runs again, each resuming from its stored samples (only errored and missing
   * samples run); completed runs are left as they are. `retried_run_ids` is empty when there was nothing to retry.
   * @summary Retry the failed runs of a suite
   */
  @Post('{suite_id}/retry')
  @Security('jwt', [RUN])
  @Response<ErrorBody>(403, 'TOKEN_SCOPE_INSUFFICIENT')
  @Response<ErrorBody>(401, 'AUTH_REQUIRED')
  @Response<ErrorBody>(404, 'RESOURCE_NOT_FOUND: no such suite of yours')
  @OperationId('retrySuite')
  public async retry(@Path() suite_id: string, @Request() req: ExRequest): Promise<SuiteRetried> {
    return new SuiteService(this.deps).retry(suite_id, userId(req));
  }

  /**
   * Delete your suite with all its runs (samples, logs, event history); nothing is deleted while one of them runs: cancel first.
   * @summary Delete a suite
   */
  @Delete('{suite_id}')
  @Security('jwt', [RUN])
  @Response<ErrorBody>(403, 'TOKEN_SCOPE_INSUFFICIENT')
  @Response<ErrorBody>(400, 'RUN_STILL_RUNNING: a run of the suite is running')
  @Response<ErrorBody>(401, 'AUTH_REQUIRED')
  @Response<ErrorBody>(404, 'RESOURCE_NOT_FOUND: no such suite of yours')
  @OperationId('deleteSuite')
  public async remove(@Path() suite_id: string, @Request() req: ExRequest): Promise<DeletedResponse> {
    return new SuiteService(this.deps).remove(suite_id, userId(req));
  }

  /**
   * Live events of your suite as Server-Sent Events: `suite_status` (the suite as `GET /api/suites/{suite_id}` gives
   * it), then each run's `run_status`, `run_progress` and `run_completed` / `run_failed` / `run_canceled` (the run's
   * event data plus `run_id`, `benchmark`, `model`), `heartbeat` every 15 s, and `suite_finished` (the suite) when every
   * run has finished; then the stream closes. Every event has an `id:`; reconnecting with `Last-Event-ID` resumes right
   * after it, across all the suite's runs. A client that already received `suite_finished` gets 204.
   * @summary Stream a suite's events
   */
  @Get('{suite_id}/events')
  @Security('jwt', [READ])
  @Response<ErrorBody>(403, 'TOKEN_SCOPE_INSUFFICIENT')
  @Produces('text/event-stream')
  @SuccessResponse(200, 'A text/event-stream of the suite events')
  @Response<ErrorBody>(401, 'AUTH_REQUIRED')
  @Response<ErrorBody>(404, 'RESOURCE_NOT_FOUND: no such suite of yours')
  @Response<void>(204, 'Already delivered the suite_finished event')
  @OperationId('streamSuiteEvents')
  public async events(@Path() suite_id: string, @Request() req: ExRequest, @Header('Last-Event-ID') lastEventId?: string): Promise<void> {
    const suite = await requireOwnedSuite(this.deps, suite_id, userId(req));
    await streamSuiteEvents(this.deps, suite, req, req.res!, lastEventId);
  }
}
