import { Controller, Get, OperationId, Query, Response, Route, Security, Tags } from '@tsoa/runtime';
import type { ErrorBody } from '@studio/contracts';
import type { AppDeps } from '../deps';
import { RunCompareService } from './run-compare.service';
import type { CompareResponse } from './run-compare.types';
import { READ } from '../auth/token-scopes';

/**
 * `GET /runs/compare` must be registered before `GET /runs/{run_id}`, which would take `compare` for a run
 * id: tsoa.json lists this folder's controllers first (run-compare.int.test.ts checks the route is reached).
 */
@Route('runs')
@Tags('Runs')
export class RunCompareController extends Controller {
  private readonly service: RunCompareService;
  constructor(deps: AppDeps) {
    super();
    this.service = new RunCompareService(deps);
  }

  /**
   * Compare 2 to 8 runs sample by sample, aligned by (sample id, epoch): each run's metrics with their
   * intervals, each breakdown group's metric per run, and for every pair of runs the paired view over the
   * samples both scored: both right, both wrong, flipped each way (with the sample ids), McNemar's exact
   * test, and the difference in accuracy with a paired bootstrap 95% interval (10,000 resamples, fixed seed:
   * the same runs always give the same numbers). Runs on different benchmarks or with different sample sets
   * are compared on the samples they share, with a warning. As with the run detail, the run ids are the
   * capability: no token is needed.
   * @param ids 2 to 8 distinct run ids, comma-separated.
   * @maxLength ids 400
   * @summary Compare runs sample by sample
   */
  @Get('compare')
  @Security('jwt_optional', [READ])
  @Response<ErrorBody>(401, 'AUTH_REQUIRED: a token was sent but is invalid')
  @Response<ErrorBody>(404, 'RUN_NOT_FOUND: the detail names the unknown (or malformed) run id')
  @Response<ErrorBody>(422, 'VALIDATION_ERROR: fewer than 2 or more than 8 ids, or an id listed twice')
  @OperationId('compareRuns')
  public async compare(@Query() ids: string): Promise<CompareResponse> {
    return this.service.compare(ids);
  }
}
