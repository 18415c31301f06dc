import { randomBytes, randomUUID } from 'node:crypto';
import { WEBHOOK_EVENTS, type WebhookEvent } from '@studio/contracts';
import { BaseUrlRefusedError, assertSafeBaseUrl } from '@studio/providers';
import {
  countWebhooks,
  deleteWebhook,
  encryptApiKey,
  findWebhook,
  insertWebhook,
  listWebhookDeliveries,
  listWebhooks,
  updateWebhook,
  webhookSecretOwner,
  type WebhookDeliveryRow,
  type WebhookDeliveryStatus,
  type WebhookRow,
} from '@studio/db';
import type { AppDeps } from '../deps';
import { AppError, validationError } from '../errors/app-error';
import type { DeletedResponse } from '../api-keys/api-key.service';

/** A user may register this many webhooks. */
export const MAX_WEBHOOKS_PER_USER = 20;
const DELIVERIES_LISTED = 100;

export interface WebhookCreate {
  /**
   * Where deliveries are POSTed (http or https). The SSRF rules of provider base URLs apply: cloud metadata and
   * link-local addresses are refused, and private networks and loopback too when BLOCK_PRIVATE_BASE_URLS is on.
   * @maxLength 2048
   * @example "https://ci.example.com/hooks/studio"
   */
  url: string;
  /**
   * The run events to deliver.
   * @minItems 1
   * @example ["run.completed", "run.failed"]
   */
  events: WebhookEvent[];
}

export interface WebhookUpdate {
  /** @maxLength 2048 */
  url?: string;
  /** @minItems 1 */
  events?: WebhookEvent[];
  /** false pauses deliveries (run ends meanwhile are not delivered later); true resumes them. */
  active?: boolean;
}

export interface WebhookPublic {
  webhook_id: string;
  url: string;
  events: WebhookEvent[];
  active: boolean;
  /** ISO-8601 with offset. */
  created_at: string;
  /** ISO-8601 with offset. */
  updated_at: string;
}

export interface WebhookCreated extends WebhookPublic {
  /** The signing secret, shown this once: verify `X-Studio-Signature` with it (docs/api.md). */
  secret: string;
}

export interface WebhookDelivery {
  delivery_id: string;
  run_id: string;
  event: WebhookEvent;
  /** `pending` (being sent or waiting for a retry), `delivered` (a 2xx answer) or `failed` (retries used up, or the URL refused). */
  status: WebhookDeliveryStatus;
  attempts: number;
  /** HTTP status of the last attempt; null when it got no answer. */
  response_code: number | null;
  last_error: string | null;
  /** ISO-8601 with offset. */
  created_at: string;
  last_attempt_at: string | null;
  delivered_at: string | null;
}

const isEvent = (e: string): e is WebhookEvent => (WEBHOOK_EVENTS as readonly string[]).includes(e);
const iso = (d: Date | null) => d?.toISOString() ?? null;

const toPublic = (row: WebhookRow): WebhookPublic => ({
  webhook_id: row.webhook_id,
  url: row.url,
  events: row.events.filter(isEvent),
  active: row.active,
  created_at: row.created_at.toISOString(),
  updated_at: row.updated_at.toISOString(),
});

const toDelivery = (row: WebhookDeliveryRow): WebhookDelivery => ({
  delivery_id: row.delivery_id,
  run_id: row.run_id,
  event: isEvent(row.event) ? row.event : 'run.completed',
  status: row.status,
  attempts: row.attempts,
  response_code: row.response_code,
  last_error: row.last_error,
  created_at: row.created_at.toISOString(),
  last_attempt_at: iso(row.last_attempt_at),
  delivered_at: iso(row.delivered_at),
});

const notFound = () => new AppError('RESOURCE_NOT_FOUND', 'Webhook not found');
const uniqueEvents = (events: WebhookEvent[]) => WEBHOOK_EVENTS.filter((e) => events.includes(e));

export class WebhookService {
  constructor(private readonly deps: AppDeps) {}

  async create(userId: string, body: WebhookCreate): Promise<WebhookCreated> {
    const url = await this.safeUrl(body.url);
    if ((await countWebhooks(this.deps.db, userId)) >= MAX_WEBHOOKS_PER_USER)
      throw validationError('url', `you have ${MAX_WEBHOOKS_PER_USER} webhooks already; delete one first`);
    const webhookId = randomUUID();
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    const { encrypted, version } = encryptApiKey(secret, this.deps.config.encryption, webhookSecretOwner({ user_id: userId, webhook_id: webhookId }));
    const row = await insertWebhook(this.deps.db, {
      webhook_id: webhookId,
      user_id: userId,
      url,
      events: uniqueEvents(body.events),
      encrypted_secret: encrypted,
      key_version: version,
    });
    this.deps.logger.info('webhook created', { user_id: userId, webhook_id: webhookId });
    return { ...toPublic(row), secret };
  }

  async list(userId: string): Promise<WebhookPublic[]> {
    return (await listWebhooks(this.deps.db, userId)).map(toPublic);
  }

  async update(userId: string, webhookId: string, body: WebhookUpdate): Promise<WebhookPublic> {
    if (!(await findWebhook(this.deps.db, userId, webhookId))) throw notFound();
    const row = await updateWebhook(this.deps.db, userId, webhookId, {
      ...(body.url !== undefined ? { url: await this.safeUrl(body.url) } : {}),
      ...(body.events !== undefined ? { events: uniqueEvents(body.events) } : {}),
      ...(body.active !== undefined ? { active: body.active } : {}),
    });
    if (!row) throw notFound();
    return toPublic(row);
  }

  async remove(userId: string, webhookId: string): Promise<DeletedResponse> {
    if (!(await deleteWebhook(this.deps.db, userId, webhookId))) throw notFound();
    return { status: 'deleted' };
  }

  async deliveries(userId: string, webhookId: string): Promise<WebhookDelivery[]> {
    if (!(await findWebhook(this.deps.db, userId, webhookId))) throw notFound();
    return (await listWebhookDeliveries(this.deps.db, webhookId, DELIVERIES_LISTED)).map(toDelivery);
  }

  /** The providers' SSRF check of base URLs, reported on `url`. */
  private async safeUrl(raw: string): Promise<string> {
    try {
      return await assertSafeBaseUrl(raw, { blockPrivate: this.deps.config.blockPrivateBaseUrls });
    } catch (e) {
      throw e instanceof BaseUrlRefusedError ? validationError('url', e.reason) : e;
    }
  }
}
