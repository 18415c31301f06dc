import { Body, Controller, Delete, Get, OperationId, Path, Put, Request, Response, Route, Security, Tags } from '@tsoa/runtime';
import type { Request as ExRequest } from 'express';
import type { ErrorBody } from '@studio/contracts';
import type { AuthUser } from '../auth/jwt';
import { ADMIN_KEYS } from '../auth/token-scopes';
import type { AppDeps } from '../deps';
import type { DeletedResponse } from './api-key.service';
import { SCORING_SERVICE_LIST, ServiceKeyService, type ScoringServicePublic, type ServiceKeyPublic, type ServiceKeySave } from './service-key.service';

/**
 * Keys of outside services that score runs (not model providers): `perspective`, Google's Perspective API, which
 * scores polyglotoxicity, and `jina`, Jina AI Reader, which reads the pages deep_research_bench cites. Kept apart from
 * `/api/api-keys`, whose provider list stays the model providers.
 */
@Route('service-keys')
@Tags('API Keys')
export class ServiceKeyController extends Controller {
  private readonly service: ServiceKeyService;
  constructor(deps: AppDeps) {
    super();
    this.service = new ServiceKeyService(deps);
  }

  /**
   * The outside scoring services you can save a key for, and what each scores.
   * @summary List scoring services
   */
  @Get('services')
  @OperationId('listScoringServices')
  public services(): ScoringServicePublic[] {
    return SCORING_SERVICE_LIST;
  }

  /**
   * Your stored scoring-service keys, ordered by service. Keys are never returned, only a preview of their end.
   * @summary List your scoring-service keys
   */
  @Get()
  @Security('jwt', [ADMIN_KEYS])
  @Response<ErrorBody>(401, 'AUTH_REQUIRED')
  @Response<ErrorBody>(403, 'TOKEN_SCOPE_INSUFFICIENT')
  @OperationId('listServiceKeys')
  public async list(@Request() req: ExRequest): Promise<ServiceKeyPublic[]> {
    return this.service.list((req.user as AuthUser).user_id);
  }

  /**
   * Add or replace your key for a scoring service (`perspective`, `jina`). Encrypted at rest (AES-256-GCM), decrypted only by
   * the worker for your runs of a benchmark the service scores.
   * @summary Save a scoring-service key
   */
  @Put('{service}')
  @Security('jwt', [ADMIN_KEYS])
  @Response<ErrorBody>(401, 'AUTH_REQUIRED')
  @Response<ErrorBody>(403, 'TOKEN_SCOPE_INSUFFICIENT')
  @Response<ErrorBody>(422, 'VALIDATION_ERROR (an unknown service, a blank key)')
  @OperationId('saveServiceKey')
  public async save(@Path() service: string, @Body() body: ServiceKeySave, @Request() req: ExRequest): Promise<ServiceKeyPublic> {
    return this.service.save((req.user as AuthUser).user_id, service, body);
  }

  /**
   * Delete your key for a scoring service.
   * @summary Delete a scoring-service key
   */
  @Delete('{service}')
  @Security('jwt', [ADMIN_KEYS])
  @Response<ErrorBody>(401, 'AUTH_REQUIRED')
  @Response<ErrorBody>(403, 'TOKEN_SCOPE_INSUFFICIENT')
  @Response<ErrorBody>(404, 'APIKEY_NOT_FOUND')
  @Response<ErrorBody>(422, 'VALIDATION_ERROR (an unknown service)')
  @OperationId('deleteServiceKey')
  public async remove(@Path() service: string, @Request() req: ExRequest): Promise<DeletedResponse> {
    return this.service.remove((req.user as AuthUser).user_id, service);
  }
}
