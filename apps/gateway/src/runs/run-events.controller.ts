import { Controller, Get, Header, Path, Produces, Request, Response, Route, SuccessResponse, Tags, OperationId } from '@tsoa/runtime';
import type { Request as ExRequest } from 'express';
import type { ErrorBody } from '@studio/contracts';
import { findRun } from '@studio/db';
import type { AppDeps } from '../deps';
import { AppError } from '../errors/app-error';
import { streamRunEvents } from './run-stream';

@Route('runs')
@Tags('Runs')
export class RunEventsController extends Controller {
  constructor(private readonly deps: AppDeps) {
    super();
  }

  /**
   * Live run events as Server-Sent Events: first the current `status`, then `log_line`, `progress`
   * and `status` changes, ending with one of `completed`, `failed` or `canceled` (then the stream
   * closes). Every event has an `id:`; reconnecting with `Last-Event-ID` resumes right after it.
   * `heartbeat` {timestamp} every 15 s. No token needed: the run id is the capability. A client that
   * already received the final event and reconnects gets 204 (EventSource then stops retrying).
   * @param run_id The run's UUID.
   * @summary Stream a run's live events (SSE)
   */
  @Get('{run_id}/events')
  @Produces('text/event-stream')
  @SuccessResponse(200, 'A text/event-stream of run events')
  @Response<ErrorBody>(404, 'RUN_NOT_FOUND')
  @Response<void>(204, 'Already delivered the final event')
  @OperationId('streamRunEvents')
  public async events(@Path() run_id: string, @Request() req: ExRequest, @Header('Last-Event-ID') lastEventId?: string): Promise<void> {
    const run = await findRun(this.deps.db, run_id);
    if (!run) throw new AppError('RUN_NOT_FOUND', 'Run not found');
    // The row's id, not the path's: ids match case-insensitively, Redis keys do not.
    const id = run.run_id;
    await streamRunEvents(this.deps, id, () => findRun(this.deps.db, id), req, req.res!, lastEventId);
  }
}
