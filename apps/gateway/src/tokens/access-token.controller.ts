import { Body, Controller, Delete, Get, OperationId, Path, Post, Request, Response, Route, Security, Tags } from '@tsoa/runtime';
import type { Request as ExRequest } from 'express';
import type { ErrorBody } from '@studio/contracts';
import type { AuthUser } from '../auth/jwt';
import type { AppDeps } from '../deps';
import type { DeletedResponse } from '../api-keys/api-key.service';
import { AccessTokenService, type AccessTokenCreate, type AccessTokenCreated, type AccessTokenPublic } from './access-token.service';

const userId = (req: ExRequest) => (req.user as AuthUser).user_id;

/** Tokens are managed from a browser session (a JWT): an access token cannot create, list or revoke tokens. */
@Route('tokens')
@Tags('Access tokens')
export class AccessTokenController extends Controller {
  private readonly service: AccessTokenService;
  constructor(deps: AppDeps) {
    super();
    this.service = new AccessTokenService(deps);
  }

  /**
   * Create a personal access token for scripts and CI, bounded by its scopes. The secret (`obs_pat_…`) is in
   * this answer only; send it as `Authorization: Bearer <token>`.
   * @summary Create an access token
   */
  @Post()
  @Security('jwt')
  @Response<ErrorBody>(401, 'AUTH_REQUIRED')
  @Response<ErrorBody>(403, 'TOKEN_SCOPE_INSUFFICIENT: called with an access token')
  @Response<ErrorBody>(422, 'VALIDATION_ERROR: names the field (blank name, unknown scope, expiry out of range, 100 tokens already)')
  @OperationId('createAccessToken')
  public async create(@Body() body: AccessTokenCreate, @Request() req: ExRequest): Promise<AccessTokenCreated> {
    return this.service.create(userId(req), body);
  }

  /**
   * Your access tokens, newest first, without their secrets.
   * @summary List access tokens
   */
  @Get()
  @Security('jwt')
  @Response<ErrorBody>(401, 'AUTH_REQUIRED')
  @Response<ErrorBody>(403, 'TOKEN_SCOPE_INSUFFICIENT: called with an access token')
  @OperationId('listAccessTokens')
  public async list(@Request() req: ExRequest): Promise<AccessTokenPublic[]> {
    return this.service.list(userId(req));
  }

  /**
   * Revoke one of your access tokens: it is refused (401) from the next request on.
   * @summary Revoke an access token
   */
  @Delete('{token_id}')
  @Security('jwt')
  @Response<ErrorBody>(401, 'AUTH_REQUIRED')
  @Response<ErrorBody>(403, 'TOKEN_SCOPE_INSUFFICIENT: called with an access token')
  @Response<ErrorBody>(404, 'RESOURCE_NOT_FOUND')
  @OperationId('deleteAccessToken')
  public async revoke(@Path() token_id: string, @Request() req: ExRequest): Promise<DeletedResponse> {
    return this.service.revoke(userId(req), token_id);
  }
}
