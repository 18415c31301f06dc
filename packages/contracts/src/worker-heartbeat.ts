import { z } from 'zod';

/**
 * What a live worker process says about itself in Redis, every few seconds (packages/runtime `WorkerHeartbeats`
 * writes and reads it): who it is, how many runs it may take, whether it is shutting down, and the runs it holds.
 */
export const WorkerHeartbeatSchema = z.object({
  worker_id: z.string().min(1),
  hostname: z.string(),
  pid: z.number().int(),
  /** When the process started taking jobs (ISO-8601). */
  started_at: z.string(),
  /** When this heartbeat was written, by the worker's clock (ISO-8601). */
  beat_at: z.string(),
  /** Runs it executes at once at most (WORKER_CONCURRENCY). */
  concurrency: z.number().int().min(0),
  /** SIGTERM received: it takes no new run and hands those it holds back. */
  draining: z.boolean(),
  runs: z.array(
    z.object({
      run_id: z.string().uuid(),
      /** When this worker took the run (ISO-8601). */
      since: z.string(),
    }),
  ),
});
export type WorkerHeartbeat = z.infer<typeof WorkerHeartbeatSchema>;

/** What the worker reports; the heartbeat's time is added when it is written. */
export type WorkerState = Omit<WorkerHeartbeat, 'beat_at'>;
