import { Controller, Get, Query, Request, Response, Route, Security, Tags, OperationId } from '@tsoa/runtime';
import type { Request as ExRequest } from 'express';
import type { ErrorBody } from '@studio/contracts';
import type { AuthUser } from '../auth/jwt';
import type { AppDeps } from '../deps';
import { ModelDiscoveryService, type AvailableModelsResponse } from './model-discovery.service';
import { READ } from '../auth/token-scopes';

@Route('available-models')
@Tags('API Keys')
export class ModelController extends Controller {
  private readonly service: ModelDiscoveryService;
  constructor(deps: AppDeps) {
    super();
    this.service = new ModelDiscoveryService(deps);
  }

  /**
   * The models of every provider you stored a key for, asked from each provider's models endpoint (8 at a time).
   * Ids are always `provider/<id>`. A provider that fails is listed with its `error`; successful lists are
   * cached per user (`MODELS_CACHE_TTL_SECONDS`, dropped when you add or delete a key). Rate limited per user
   * (`RATE_LIMIT_MODELS_PER_USER`).
   * @param force_refresh Ask every provider again instead of using cached lists.
   * @summary List the models of your providers
   */
  @Get()
  @Security('jwt', [READ])
  @Response<ErrorBody>(401, 'AUTH_REQUIRED')
  @Response<ErrorBody>(422, 'VALIDATION_ERROR')
  @Response<ErrorBody>(429, 'RATE_LIMITED (see Retry-After)')
  @Response<ErrorBody>(502, 'EXTERNAL_SERVICE_ERROR: every provider failed; the detail names each one and why')
  @OperationId('listAvailableModels')
  public async available(@Request() req: ExRequest, @Query() force_refresh = false): Promise<AvailableModelsResponse> {
    return this.service.available((req.user as AuthUser).user_id, force_refresh);
  }
}
