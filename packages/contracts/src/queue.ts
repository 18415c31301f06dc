import { z } from 'zod';

/** BullMQ queue names; the prefix (REDIS_PREFIX) isolates deployments and test files. */
export enum QueueName {
  Runs = 'runs',
  /** One job per webhook delivery (job id = delivery id), sent by workers with retries. */
  WebhookDeliveries = 'webhook-deliveries',
  /** The ticks of schedules: one BullMQ job scheduler per schedule (scheduler id = schedule id), one job per tick. */
  ScheduleTicks = 'schedule-ticks',
}

/**
 * Payload of a run job. The job id is the run id, so enqueueing twice is a no-op. The worker needs only `run_id`
 * (the run row in Postgres is the truth); `benchmark`, `model` and `user_id` are there for queue dashboards
 * (bull-board) and are optional on read, because jobs enqueued before they existed carry only `run_id`. Never a
 * key, token or any other secret: job data sits in Redis in plain text and dashboards show it.
 */
export const ExecuteRunPayloadSchema = z.object({
  run_id: z.string().uuid(),
  benchmark: z.string().min(1).optional(),
  /** `provider/model`. */
  model: z.string().min(1).optional(),
  /** The run's owner; null for a run without one. */
  user_id: z.string().uuid().nullable().optional(),
});
export type ExecuteRunPayload = z.infer<typeof ExecuteRunPayloadSchema>;

/** What a producer must put in a run job: everything the payload allows, nothing optional. */
export type RunJobDescriptor = Required<ExecuteRunPayload>;

/**
 * The return value of a run job that BullMQ records as completed. A run that failed ends as a failed job instead
 * (its error is the job's `failedReason`), so dashboards show it in the failed list; a canceled run completes with
 * `status: 'canceled'`, so a user's cancel never counts as a failure but stays distinguishable from a success.
 */
export const RunJobResultSchema = z.object({
  status: z.enum(['completed', 'canceled']),
});
export type RunJobResult = z.infer<typeof RunJobResultSchema>;

/** The run events a webhook may subscribe to: a run's end, named after its final status. */
export const WEBHOOK_EVENTS = ['run.completed', 'run.failed', 'run.canceled'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/**
 * Payload of a webhook delivery job: the delivery row (in Postgres) holds the rest, so the job carries no secret
 * and no run data that could go stale.
 */
export const WebhookDeliveryPayloadSchema = z.object({
  delivery_id: z.string().uuid(),
});
export type WebhookDeliveryPayload = z.infer<typeof WebhookDeliveryPayloadSchema>;

/**
 * Payload of a schedule's tick job (the template of its job scheduler): the schedule row holds the rest, so a changed
 * template applies from the next tick on. The tick's time is the job's scheduled time (`opts.prevMillis`).
 */
export const ScheduleTickPayloadSchema = z.object({
  schedule_id: z.string().uuid(),
});
export type ScheduleTickPayload = z.infer<typeof ScheduleTickPayloadSchema>;
