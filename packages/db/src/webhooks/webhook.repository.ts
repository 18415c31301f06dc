import { sql } from 'kysely';
import type { Db, DbOrTrx } from '../database';
import { isUuid } from '../query.util';
import type { RunRow } from '../runs/run.table';
import type { NewWebhook, WebhookDeliveryRow, WebhookRow, WebhookUpdate } from './webhook.table';

/** Whose secret it is, for the key cipher: a webhook's secret never decrypts as another's, nor as an API key. */
export const webhookSecretOwner = (webhook: Pick<WebhookRow, 'user_id' | 'webhook_id'>) => ({ user_id: webhook.user_id, provider: `webhook:${webhook.webhook_id}` });

/** The event a run's end is announced as: `run.<final status>`. */
export const runEndEvent = (status: string) => `run.${status}`;

export async function insertWebhook(db: Db, webhook: NewWebhook): Promise<WebhookRow> {
  return db.insertInto('webhooks').values(webhook).returningAll().executeTakeFirstOrThrow();
}

export async function listWebhooks(db: Db, userId: string): Promise<WebhookRow[]> {
  return db.selectFrom('webhooks').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('webhook_id').execute();
}

export async function countWebhooks(db: Db, userId: string): Promise<number> {
  const row = await db.selectFrom('webhooks').where('user_id', '=', userId).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The user's webhook; undefined for another user's, a missing one, or an id that is no UUID. */
export async function findWebhook(db: Db, userId: string, webhookId: string): Promise<WebhookRow | undefined> {
  if (!isUuid(webhookId)) return undefined;
  return db.selectFrom('webhooks').selectAll().where('user_id', '=', userId).where('webhook_id', '=', webhookId).executeTakeFirst();
}

export async function updateWebhook(db: Db, userId: string, webhookId: string, update: WebhookUpdate): Promise<WebhookRow | undefined> {
  if (!isUuid(webhookId)) return undefined;
  return db
    .updateTable('webhooks')
    .set({ ...update, updated_at: new Date() })
    .where('user_id', '=', userId)
    .where('webhook_id', '=', webhookId)
    .returningAll()
    .executeTakeFirst();
}

/** Webhooks whose secret is encrypted under a master key version below `version`, for re-encryption. */
export async function listWebhooksBelowVersion(db: Db, version: number, limit: number): Promise<WebhookRow[]> {
  return db.selectFrom('webhooks').selectAll().where('key_version', '<', version).limit(limit).execute();
}

/** Replaces a webhook secret's ciphertext only if it is still `previous` (see updateEncryptedKey). */
export async function updateWebhookSecretCipher(db: Db, webhookId: string, encrypted: string, version: number, previous: string): Promise<boolean> {
  const res = await db
    .updateTable('webhooks')
    .set({ encrypted_secret: encrypted, key_version: version })
    .where('webhook_id', '=', webhookId)
    .where('encrypted_secret', '=', previous)
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}

/** Deletes the webhook and its deliveries. */
export async function deleteWebhook(db: Db, userId: string, webhookId: string): Promise<boolean> {
  if (!isUuid(webhookId)) return false;
  const res = await db.deleteFrom('webhooks').where('user_id', '=', userId).where('webhook_id', '=', webhookId).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

/**
 * The outbox write of a run's end: one pending delivery per active webhook of the run's owner that subscribed to the
 * event. Called by the run-ending transitions in their own transaction, so a run never ends without its deliveries
 * recorded (or records them without ending). Idempotent per (webhook, run, event).
 */
export async function recordRunEndDeliveries(trx: DbOrTrx, run: Pick<RunRow, 'run_id' | 'user_id' | 'status'>): Promise<void> {
  if (run.user_id === null) return;
  const event = runEndEvent(run.status);
  await trx
    .insertInto('webhook_deliveries')
    .columns(['webhook_id', 'run_id', 'event'])
    .expression((eb) =>
      eb
        .selectFrom('webhooks')
        .select(['webhook_id', eb.val(run.run_id).as('run_id'), eb.val(event).as('event')])
        .where('user_id', '=', run.user_id!)
        .where('active', '=', true)
        .where(sql<boolean>`${event} = any(events)`),
    )
    .onConflict((oc) => oc.columns(['webhook_id', 'run_id', 'event']).doNothing())
    .execute();
}

/** The pending deliveries of a run's end, to enqueue once its transition committed. */
export async function listPendingRunDeliveries(db: Db, runId: string): Promise<string[]> {
  const rows = await db.selectFrom('webhook_deliveries').select('delivery_id').where('run_id', '=', runId).where('status', '=', 'pending').execute();
  return rows.map((r) => r.delivery_id);
}

/** Pending deliveries recorded before `before`: those whose enqueue may have been lost (a crash right after the commit). */
export async function listStalePendingDeliveries(db: Db, before: Date, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('webhook_deliveries')
    .select('delivery_id')
    .where('status', '=', 'pending')
    .where('created_at', '<', before)
    .orderBy('created_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.delivery_id);
}

/** A delivery with what sending it needs: the webhook and the run. */
export async function findDeliveryToSend(db: Db, deliveryId: string): Promise<{ delivery: WebhookDeliveryRow; webhook: WebhookRow; run: RunRow | undefined } | undefined> {
  if (!isUuid(deliveryId)) return undefined;
  const delivery = await db.selectFrom('webhook_deliveries').selectAll().where('delivery_id', '=', deliveryId).executeTakeFirst();
  if (!delivery) return undefined;
  const webhook = await db.selectFrom('webhooks').selectAll().where('webhook_id', '=', delivery.webhook_id).executeTakeFirst();
  if (!webhook) return undefined;
  const run = await db.selectFrom('runs').selectAll().where('run_id', '=', delivery.run_id).executeTakeFirst();
  return { delivery, webhook, run };
}

/** Records one attempt: its answer (or error), and whether the delivery is now settled. */
export async function recordDeliveryAttempt(
  db: Db,
  deliveryId: string,
  attempt: { status: 'pending' | 'delivered' | 'failed'; responseCode: number | null; error: string | null },
): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set((eb) => ({
      status: attempt.status,
      attempts: eb('attempts', '+', 1),
      response_code: attempt.responseCode,
      last_error: attempt.error,
      last_attempt_at: sql<Date>`now()`,
      delivered_at: attempt.status === 'delivered' ? sql<Date>`now()` : null,
    }))
    .where('delivery_id', '=', deliveryId)
    .execute();
}

/** A webhook's deliveries, newest first. */
export async function listWebhookDeliveries(db: Db, webhookId: string, limit: number): Promise<WebhookDeliveryRow[]> {
  return db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('webhook_id', '=', webhookId)
    .orderBy('created_at', 'desc')
    .orderBy('delivery_id')
    .limit(limit)
    .execute();
}
