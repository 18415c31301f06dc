import { Body, Controller, Delete, Get, Path, Post, Request, Response, Route, Security, Tags, OperationId } from '@tsoa/runtime';
import type { Request as ExRequest } from 'express';
import type { ErrorBody } from '@studio/contracts';
import type { AuthUser } from '../auth/jwt';
import type { AppDeps } from '../deps';
import { ApiKeyService, type ApiKeyCreate, type ApiKeyPublic, type DeletedResponse } from './api-key.service';
import { ADMIN_KEYS } from '../auth/token-scopes';

@Route('api-keys')
@Tags('API Keys')
export class ApiKeyController extends Controller {
  private readonly service: ApiKeyService;
  constructor(deps: AppDeps) {
    super();
    this.service = new ApiKeyService(deps);
  }

  /**
   * Your stored provider keys, ordered by provider. Keys are never returned, only a preview of their end.
   * @summary List your provider keys
   */
  @Get()
  @Security('jwt', [ADMIN_KEYS])
  @Response<ErrorBody>(401, 'AUTH_REQUIRED')
  @OperationId('listApiKeys')
  public async list(@Request() req: ExRequest): Promise<ApiKeyPublic[]> {
    return this.service.list((req.user as AuthUser).user_id);
  }

  /**
   * Add or replace your key for a provider (one key per provider). The key is encrypted at rest (AES-256-GCM).
   * A provider that is not predefined registers your own OpenAI-compatible endpoint and needs `base_url`.
   * At most `MAX_API_KEYS_PER_USER` (default 100) providers per user.
   * @summary Save a provider key
   */
  @Post()
  @Security('jwt', [ADMIN_KEYS])
  @Response<ErrorBody>(401, 'AUTH_REQUIRED')
  @Response<ErrorBody>(422, 'VALIDATION_ERROR (names the field; base_url refused as unsafe or unresolvable; a new provider beyond MAX_API_KEYS_PER_USER)')
  @OperationId('saveApiKey')
  public async save(@Body() body: ApiKeyCreate, @Request() req: ExRequest): Promise<ApiKeyPublic> {
    return this.service.save((req.user as AuthUser).user_id, body);
  }

  /**
   * Delete your key for a provider.
   * @summary Delete a provider key
   */
  @Delete('{provider}')
  @Security('jwt', [ADMIN_KEYS])
  @Response<ErrorBody>(401, 'AUTH_REQUIRED')
  @Response<ErrorBody>(404, 'APIKEY_NOT_FOUND')
  @OperationId('deleteApiKey')
  public async remove(@Path() provider: string, @Request() req: ExRequest): Promise<DeletedResponse> {
    return this.service.remove((req.user as AuthUser).user_id, provider);
  }
}
