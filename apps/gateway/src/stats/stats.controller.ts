import { Controller, Get, OperationId, Query, Request, Response, Route, Security, Tags } from '@tsoa/runtime';
import type { Request as ExRequest } from 'express';
import type { ErrorBody } from '@studio/contracts';
import type { AuthUser } from '../auth/jwt';
import type { AppDeps } from '../deps';
import { StatsService } from './stats.service';
import type { LeaderboardResponse, LeaderboardSortBy, SortOrder, StatsHistory, StatsSummary } from './stats.types';
import { READ } from '../auth/token-scopes';

const userId = (req: ExRequest) => (req.user as AuthUser).user_id;

/** Dashboards over your own runs, aggregated by the database. */
@Route('stats')
@Tags('Stats')
export class StatsController extends Controller {
  private readonly service: StatsService;
  constructor(deps: AppDeps) {
    super();
    this.service = new StatsService(deps);
  }

  /**
   * Your runs in numbers: by status, success rate, tokens used, distinct benchmarks and models.
   * @summary Get your run statistics
   */
  @Get('summary')
  @Security('jwt', [READ])
  @Response<ErrorBody>(401, 'AUTH_REQUIRED')
  @OperationId('getStatsSummary')
  public async summary(@Request() req: ExRequest): Promise<StatsSummary> {
    return this.service.summary(userId(req));
  }

  /**
   * Your runs per UTC day over the last `days` days (today included): how many were created, their status
   * now, the success rate and the tokens they used.
   * @param days 1..365, default 30.
   * @isInt days
   * @minimum days 1
   * @maximum days 365
   * @summary Get your daily run history
   */
  @Get('history')
  @Security('jwt', [READ])
  @Response<ErrorBody>(401, 'AUTH_REQUIRED')
  @Response<ErrorBody>(422, 'VALIDATION_ERROR: days is not an integer in 1..365')
  @OperationId('getStatsHistory')
  public async history(@Request() req: ExRequest, @Query() days?: number): Promise<StatsHistory> {
    return this.service.history(userId(req), days);
  }

  /**
   * Per benchmark, the best completed run of each model you ran (its highest primary metric), with the metric's
   * stderr and 95% interval. Ranks follow the primary metric; the entries are sorted by `sort_by`.
   * @param benchmark Only this benchmark (its catalog name, e.g. `mmlu`); all of them by default.
   * @param sort_by `primary_metric` (default), `model`, `finished_at`, `total_tokens` or `runs`.
   * @param sort_order `asc` or `desc`; by default `asc` for `model`, `desc` otherwise (best first).
   * @maxLength benchmark 200
   * @summary Get your leaderboard
   */
  @Get('leaderboard')
  @Security('jwt', [READ])
  @Response<ErrorBody>(401, 'AUTH_REQUIRED')
  @Response<ErrorBody>(422, 'VALIDATION_ERROR: unknown sort_by or sort_order')
  @OperationId('getLeaderboard')
  public async leaderboard(
    @Request() req: ExRequest,
    @Query() benchmark?: string,
    @Query() sort_by?: LeaderboardSortBy,
    @Query() sort_order?: SortOrder,
  ): Promise<LeaderboardResponse> {
    return this.service.leaderboard(userId(req), benchmark, sort_by, sort_order);
  }
}
