import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';
import { QueueName, WebhookDeliveryPayloadSchema, type WebhookDeliveryPayload } from '@studio/contracts';
import { bullPrefix } from './run-queue';

/** The backoff type of delivery jobs; the worker that sends them defines it (`webhookBackoff`). */
export const WEBHOOK_BACKOFF = 'webhook';

/**
 * Retries of a delivery the receiver did not accept (no answer, or not 2xx): 8 attempts with exponential backoff,
 * about 8.5 minutes in all with the worker's default WEBHOOK_RETRY_DELAY_MS of 2 s. The delay belongs to the worker
 * (a custom backoff), so producers (the gateway, the worker) need no setting for it.
 */
export const WEBHOOK_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: WEBHOOK_BACKOFF },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
};

/** The worker's backoff strategy for delivery jobs: `baseDelayMs`, doubled after each failed attempt. */
export function webhookBackoff(baseDelayMs: number) {
  return (attemptsMade: number, type?: string): number => (type === WEBHOOK_BACKOFF ? baseDelayMs * 2 ** Math.max(0, attemptsMade - 1) : 0);
}

export type WebhookQueue = Queue<WebhookDeliveryPayload, void, string>;

export function createWebhookQueue(connection: ConnectionOptions, redisPrefix: string): WebhookQueue {
  return new Queue<WebhookDeliveryPayload, void, string>(QueueName.WebhookDeliveries, {
    connection,
    prefix: bullPrefix(redisPrefix),
    defaultJobOptions: WEBHOOK_JOB_OPTIONS,
  });
}

/**
 * Adds one job per delivery, its id the delivery id: enqueueing a delivery again (after a crash, by the sweep) is a
 * no-op while its job exists, so a delivery is sent by one job at a time.
 */
export async function enqueueWebhookDeliveries(queue: WebhookQueue, deliveryIds: string[]): Promise<void> {
  if (deliveryIds.length === 0) return;
  await queue.addBulk(
    deliveryIds.map((id) => {
      const data = WebhookDeliveryPayloadSchema.parse({ delivery_id: id });
      return { name: 'webhook delivery', data, opts: { jobId: id } };
    }),
  );
}
