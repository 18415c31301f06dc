/**
 * Sends webhook deliveries (jobs of the `webhook-deliveries` queue): the run's summary, signed with the webhook's
 * secret, POSTed to its URL through the providers' SSRF guard. A 2xx settles the delivery; anything else is recorded
 * and thrown, so BullMQ retries the job with backoff until its attempts run out, and the last one marks it failed.
 */
import { createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { UnrecoverableError, type Job } from 'bullmq';
import { WebhookDeliveryPayloadSchema, type WebhookDeliveryPayload } from '@studio/contracts';
import { decryptApiKey, findDeliveryToSend, recordDeliveryAttempt, toRunListRow, toRunSummary, webhookSecretOwner, type Db, type KeyRing } from '@studio/db';
import { BaseUrlRefusedError, checkBaseUrlSyntax, pinnedLookup, type BaseUrlPolicy } from '@studio/providers';
import type { Logger } from '@studio/runtime';
import { messageOf } from './error-message.util';

/** The signature header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` (docs/api.md shows how to verify). */
export const SIGNATURE_HEADER = 'X-Studio-Signature';

export function signWebhookBody(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export interface WebhookSenderDeps {
  db: Db;
  logger: Logger;
  encryption: KeyRing;
  policy: BaseUrlPolicy;
  timeoutMs: number;
}

/** An answer: the status code, or why there was none. */
type Answer = { code: number } | { error: string; refused: boolean };

export class WebhookSender {
  constructor(private readonly deps: WebhookSenderDeps) {}

  async process(job: Job<WebhookDeliveryPayload>): Promise<void> {
    const { db, logger } = this.deps;
    const { delivery_id: deliveryId } = WebhookDeliveryPayloadSchema.parse(job.data);
    const found = await findDeliveryToSend(db, deliveryId);
    // A deleted webhook took its deliveries along; a settled one is not sent twice by a duplicate job.
    if (!found || found.delivery.status !== 'pending') return;
    const { delivery, webhook, run } = found;
    if (!run) {
      await recordDeliveryAttempt(db, deliveryId, { status: 'failed', responseCode: null, error: 'The run was deleted before its webhook was sent' });
      return;
    }
    const body = JSON.stringify({ event: delivery.event, delivery_id: deliveryId, created_at: delivery.created_at.toISOString(), run: toRunSummary(toRunListRow(run)) });
    const secret = decryptApiKey(webhook.encrypted_secret, this.deps.encryption, webhookSecretOwner(webhook));
    const answer = await this.post(webhook.url, body, {
      'Content-Type': 'application/json',
      'User-Agent': 'OpenBench-Studio-Webhook/1',
      'X-Studio-Event': delivery.event,
      'X-Studio-Delivery': deliveryId,
      [SIGNATURE_HEADER]: signWebhookBody(secret, Math.floor(Date.now() / 1000), body),
    });
    if ('code' in answer && answer.code >= 200 && answer.code < 300) {
      await recordDeliveryAttempt(db, deliveryId, { status: 'delivered', responseCode: answer.code, error: null });
      return;
    }
    const refused = 'refused' in answer && answer.refused;
    const last = refused || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const error = 'code' in answer ? `The receiver answered ${answer.code}` : answer.error;
    await recordDeliveryAttempt(db, deliveryId, { status: last ? 'failed' : 'pending', responseCode: 'code' in answer ? answer.code : null, error });
    logger.warn('webhook delivery failed', { delivery_id: deliveryId, webhook_id: webhook.webhook_id, attempt: job.attemptsMade + 1, error });
    // A refused address stays refused: no retry.
    throw refused ? new UnrecoverableError(error) : new Error(error);
  }

  /** POSTs without following redirects; every address connected to passes the SSRF guard (no DNS rebinding). */
  private post(rawUrl: string, body: string, headers: Record<string, string>): Promise<Answer> {
    let url: URL;
    try {
      url = checkBaseUrlSyntax(rawUrl, this.deps.policy.blockPrivate);
    } catch (e) {
      return Promise.resolve({ error: `URL refused: ${e instanceof BaseUrlRefusedError ? e.reason : messageOf(e)}`, refused: true });
    }
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve) => {
      const req = send(
        url,
        {
          method: 'POST',
          headers: { ...headers, 'Content-Length': Buffer.byteLength(body) },
          lookup: pinnedLookup(this.deps.policy, (e) => e),
          timeout: this.deps.timeoutMs,
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve({ code: res.statusCode ?? 0 }));
          res.on('error', (e) => resolve({ error: messageOf(e), refused: false }));
        },
      );
      req.on('timeout', () => req.destroy(new Error(`No answer within ${this.deps.timeoutMs} ms`)));
      req.on('error', (e) =>
        resolve(e instanceof BaseUrlRefusedError ? { error: `URL refused: ${e.reason}`, refused: true } : { error: messageOf(e), refused: false }),
      );
      req.end(body);
    });
  }
}
