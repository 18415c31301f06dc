import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/** A user's endpoint for run events (`run.completed`, `run.failed`, `run.canceled`). */
export interface WebhookTable {
  webhook_id: string;
  user_id: string;
  url: string;
  events: string[];
  /** The signing secret under the key cipher (owner: user id, `webhook:<id>`). */
  encrypted_secret: string;
  key_version: number;
  /** Paused webhooks get no deliveries. */
  active: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One event for one webhook, and how sending it went. */
export interface WebhookDeliveryTable {
  delivery_id: Generated<string>;
  webhook_id: string;
  run_id: string;
  event: string;
  status: Generated<WebhookDeliveryStatus>;
  attempts: Generated<number>;
  /** HTTP status of the last attempt; null when it got no answer. */
  response_code: number | null;
  last_error: string | null;
  created_at: Generated<Date>;
  last_attempt_at: Date | null;
  delivered_at: Date | null;
}

export type WebhookRow = Selectable<WebhookTable>;
export type NewWebhook = Insertable<WebhookTable>;
export type WebhookUpdate = Updateable<WebhookTable>;
export type WebhookDeliveryRow = Selectable<WebhookDeliveryTable>;
