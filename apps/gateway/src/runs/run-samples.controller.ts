import { Controller, Get, OperationId, Path, Query, Response, Route, Security, Tags } from '@tsoa/runtime';
import type { ErrorBody } from '@studio/contracts';
import type { AppDeps } from '../deps';
import { RunSamplesService } from './run-samples.service';
import type { RunSamplesResponse, SampleVerdictFilter } from './run-samples.types';
import { READ } from '../auth/token-scopes';

@Route('runs')
@Tags('Runs')
export class RunSamplesController extends Controller {
  private readonly service: RunSamplesService;
  constructor(deps: AppDeps) {
    super();
    this.service = new RunSamplesService(deps);
  }

  /**
   * Every stored sample of the run (in a running run, those finished so far), in plan order (the dataset's
   * order, epochs of a sample together), a page at a time, with the verdict counts for filter chips. The
   * texts are those of the run's `.eval` log. Like the run detail, the run id is the capability: no token is
   * needed.
   * @param page 1-based; values below 1 count as 1.
   * @param per_page 1..500 (clamped), default 100.
   * @param verdict Only `correct` (full credit), `incorrect` (no or partial credit) or `errored` samples.
   * @param search Case-insensitive substring of the sample id, input, target, output, extracted answer, explanation or error. Also narrows `counts`.
   * @param ids Only these sample ids, comma-separated (at most 200), e.g. the flipped samples of a comparison. Also narrows `counts`.
   * @isInt page
   * @isInt per_page
   * @maxLength search 500
   * @maxLength ids 20000
   * @summary List a run's samples
   */
  @Get('{run_id}/samples')
  @Security('jwt_optional', [READ])
  @Response<ErrorBody>(401, 'AUTH_REQUIRED: a token was sent but is invalid')
  @Response<ErrorBody>(404, 'RUN_NOT_FOUND')
  @Response<ErrorBody>(422, 'VALIDATION_ERROR: bad page number, unknown verdict, search too long, empty or too many ids')
  @OperationId('listRunSamples')
  public async list(
    @Path() run_id: string,
    @Query() page?: number,
    @Query() per_page?: number,
    @Query() verdict?: SampleVerdictFilter,
    @Query() search?: string,
    @Query() ids?: string,
  ): Promise<RunSamplesResponse> {
    return this.service.list(run_id, { page, per_page, verdict, search, ids });
  }
}
