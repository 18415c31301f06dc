import { Body, Controller, Delete, Get, OperationId, Patch, Path, Post, Request, Response, Route, Security, Tags } from '@tsoa/runtime';
import type { Request as ExRequest } from 'express';
import type { ErrorBody } from '@studio/contracts';
import type { AuthUser } from '../auth/jwt';
import type { AppDeps } from '../deps';
import type { DeletedResponse } from '../api-keys/api-key.service';
import { READ, RUN } from '../auth/token-scopes';
import { WebhookService, type WebhookCreate, type WebhookCreated, type WebhookDelivery, type WebhookPublic, type WebhookUpdate } from './webhook.service';

const userId = (req: ExRequest) => (req.user as AuthUser).user_id;

@Route('webhooks')
@Tags('Webhooks')
export class WebhookController extends Controller {
  private readonly service: WebhookService;
  constructor(deps: AppDeps) {
    super();
    this.service = new WebhookService(deps);
  }

  /**
   * Register a URL that receives your runs' ends (`run.completed`, `run.failed`, `run.canceled`): a signed POST
   * carrying the run's summary, retried with backoff. The signing secret is in this answer only. At most 20 per user.
   * @summary Create a webhook
   */
  @Post()
  @Security('jwt', [RUN])
  @Response<ErrorBody>(401, 'AUTH_REQUIRED')
  @Response<ErrorBody>(403, 'TOKEN_SCOPE_INSUFFICIENT')
  @Response<ErrorBody>(422, 'VALIDATION_ERROR: names the field (url refused as unsafe or unresolvable, unknown event, 20 webhooks already)')
  @OperationId('createWebhook')
  public async create(@Body() body: WebhookCreate, @Request() req: ExRequest): Promise<WebhookCreated> {
    return this.service.create(userId(req), body);
  }

  /**
   * Your webhooks, newest first, without their secrets.
   * @summary List webhooks
   */
  @Get()
  @Security('jwt', [READ])
  @Response<ErrorBody>(401, 'AUTH_REQUIRED')
  @Response<ErrorBody>(403, 'TOKEN_SCOPE_INSUFFICIENT')
  @OperationId('listWebhooks')
  public async list(@Request() req: ExRequest): Promise<WebhookPublic[]> {
    return this.service.list(userId(req));
  }

  /**
   * Change a webhook's URL or events, or pause (`active: false`) and resume it.
   * @summary Update a webhook
   */
  @Patch('{webhook_id}')
  @Security('jwt', [RUN])
  @Response<ErrorBody>(401, 'AUTH_REQUIRED')
  @Response<ErrorBody>(403, 'TOKEN_SCOPE_INSUFFICIENT')
  @Response<ErrorBody>(404, 'RESOURCE_NOT_FOUND')
  @Response<ErrorBody>(422, 'VALIDATION_ERROR')
  @OperationId('updateWebhook')
  public async update(@Path() webhook_id: string, @Body() body: WebhookUpdate, @Request() req: ExRequest): Promise<WebhookPublic> {
    return this.service.update(userId(req), webhook_id, body);
  }

  /**
   * Delete a webhook and its delivery history; deliveries not yet sent are dropped.
   * @summary Delete a webhook
   */
  @Delete('{webhook_id}')
  @Security('jwt', [RUN])
  @Response<ErrorBody>(401, 'AUTH_REQUIRED')
  @Response<ErrorBody>(403, 'TOKEN_SCOPE_INSUFFICIENT')
  @Response<ErrorBody>(404, 'RESOURCE_NOT_FOUND')
  @OperationId('deleteWebhook')
  public async remove(@Path() webhook_id: string, @Request() req: ExRequest): Promise<DeletedResponse> {
    return this.service.remove(userId(req), webhook_id);
  }

  /**
   * The webhook's last 100 deliveries, newest first: status, attempts, the last response code and error, times.
   * @summary List a webhook's deliveries
   */
  @Get('{webhook_id}/deliveries')
  @Security('jwt', [READ])
  @Response<ErrorBody>(401, 'AUTH_REQUIRED')
  @Response<ErrorBody>(403, 'TOKEN_SCOPE_INSUFFICIENT')
  @Response<ErrorBody>(404, 'RESOURCE_NOT_FOUND')
  @OperationId('listWebhookDeliveries')
  public async deliveries(@Path() webhook_id: string, @Request() req: ExRequest): Promise<WebhookDelivery[]> {
    return this.service.deliveries(userId(req), webhook_id);
  }
}
