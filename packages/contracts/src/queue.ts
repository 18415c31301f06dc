import { z } from 'zod';

/** BullMQ queue names; the prefix (REDIS_PREFIX) isolates deployments and test files. */
export enum QueueName {
  Runs = 'runs',
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
