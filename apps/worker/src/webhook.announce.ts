import { listPendingRunDeliveries, type Db } from '@studio/db';
import { enqueueWebhookDeliveries, type Logger, type WebhookQueue } from '@studio/runtime';

const ENQUEUE_TIMEOUT_MS = 5_000;

/**
 * Enqueues the webhook deliveries a run's end recorded (in the transaction that ended it). Called after that commit,
 * so a delivery never announces an end that did not happen. Never throws: if this fails or the process dies first,
 * the reconciler's sweep enqueues the pending deliveries later (at least once, never lost).
 */
export async function announceRunEnd(db: Db, queue: WebhookQueue, logger: Logger, runId: string): Promise<void> {
  try {
    const ids = await listPendingRunDeliveries(db, runId);
    // The queue's connection waits for Redis forever; a run's end must not.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timed out')), ENQUEUE_TIMEOUT_MS)));
    await Promise.race([enqueueWebhookDeliveries(queue, ids), timeout]).finally(() => clearTimeout(timer));
  } catch (error) {
    logger.warn('webhook deliveries not enqueued; the reconciler will', { run_id: runId, error: String(error) });
  }
}
