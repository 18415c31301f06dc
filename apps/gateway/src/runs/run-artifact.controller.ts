import type { Readable } from 'node:stream';
import { Controller, Get, Path, Produces, Query, Request, Response, Route, Security, Tags, OperationId } from '@tsoa/runtime';
import type { Request as ExRequest } from 'express';
import type { ErrorBody } from '@studio/contracts';
import type { AppDeps } from '../deps';
import { clientGone, sendArtifact } from './run-artifact.route';
import { RunArtifactService } from './run-artifacts.service';
import type { EvalDataResponse } from './run.types';
import { READ } from '../auth/token-scopes';

@Route('runs')
@Tags('Runs')
export class RunArtifactController extends Controller {
  private readonly service: RunArtifactService;
  constructor(private readonly deps: AppDeps) {
    super();
    this.service = new RunArtifactService(deps);
  }

  /**
   * Download an artifact of `artifacts` in the run detail, generated from the database: `config.json`,
   * `summary.json`, `run.log`, `samples.jsonl` (one engine SampleRecord per line), `results.csv` (one row
   * per sample and epoch) and the Inspect log `logs/<created>_<task>_<task_id>.eval`. Paths with several
   * segments may be sent as they are (`/artifacts/logs/x.eval`) or with `%2F`. Like the run detail, the
   * run id is the capability: no token is needed.
   *
   * Served with `Content-Length`, a strong `ETag` (`If-None-Match` → 304) and `Accept-Ranges: bytes`: a
   * single `Range` gets 206 with `Content-Range` (honouring `If-Range`), so readers such as Inspect's log
   * viewer fetch only the parts of a `.eval` they show. HEAD answers the same headers. A finished run's
   * artifacts are built once, on first request, and stored for every gateway; they are rebuilt when the run
   * changes (e.g. its tags). A running run's are built for each request. Builds per gateway are bounded
   * (`ARTIFACT_BUILD_CONCURRENCY`); when too many requests wait for one (`ARTIFACT_BUILD_QUEUE`) the answer is 503.
   * @summary Download a run artifact
   */
  @Get('{run_id}/artifacts/{path}')
  @Security('jwt_optional', [READ])
  @Produces('application/json')
  @Produces('text/plain')
  @Produces('application/x-ndjson')
  @Produces('text/csv')
  @Produces('application/zip')
  @Response<ErrorBody>(401, 'AUTH_REQUIRED: a token was sent but is invalid')
  @Response<ErrorBody>(403, 'AUTHZ_FORBIDDEN: the path tries to leave the run (.., absolute, backslash, NUL)')
  @Response<ErrorBody>(404, 'RUN_NOT_FOUND, or RESOURCE_NOT_FOUND for a path the run does not have')
  @Response<ErrorBody>(416, 'VALIDATION_ERROR: the Range is not satisfiable (Content-Range: bytes */<size>)')
  @Response<ErrorBody>(503, 'SERVICE_UNAVAILABLE: too many downloads wait for an artifact build (see Retry-After)')
  @Response<void>(206, 'The requested byte range, with Content-Range')
  @Response<void>(304, 'Not modified: If-None-Match names the current ETag')
  @OperationId('getRunArtifact')
  public async artifact(@Path() run_id: string, @Path() path: string, @Request() req: ExRequest): Promise<Readable | undefined> {
    const res = req.res!;
    const body = sendArtifact(req, res, await this.service.open(run_id, path, clientGone(res)), this.deps.logger);
    // tsoa sends the body with the controller's status; a complete response (HEAD, 304, 416) it leaves alone.
    this.setStatus(res.statusCode);
    return body;
  }

  /**
   * The run's `.eval` log as JSON for the eval viewer, a page of samples at a time, in run order. Inputs
   * and outputs are complete; scores carry their raw value and Inspect's `value_to_float` of it.
   * @param path The `.eval` path from the run's `artifacts`.
   * @param page 1-based; values below 1 count as 1.
   * @param per_page 1..1000 (clamped), default 100.
   * @isInt page
   * @isInt per_page
   * @summary Read a run's .eval log as JSON
   */
  @Get('{run_id}/eval-data/{path}')
  @Security('jwt_optional', [READ])
  @Response<ErrorBody>(401, 'AUTH_REQUIRED: a token was sent but is invalid')
  @Response<ErrorBody>(403, 'AUTHZ_FORBIDDEN: the path tries to leave the run')
  @Response<ErrorBody>(404, 'RUN_NOT_FOUND, or RESOURCE_NOT_FOUND for an .eval path the run does not have')
  @Response<ErrorBody>(422, 'VALIDATION_ERROR: the path is not an .eval log')
  @OperationId('getRunEvalData')
  public async evalData(
    @Path() run_id: string,
    @Path() path: string,
    @Query() page?: number,
    @Query() per_page?: number,
  ): Promise<EvalDataResponse> {
    return this.service.evalData(run_id, path, page, per_page);
  }
}
