import { z } from 'zod';
import { RunStatusSchema } from './runs';

/**
 * Events a worker publishes for a run (Redis pub/sub + a capped per-run stream), relayed to SSE
 * clients by the gateway. Names and data fields are the API contract's SSE table.
 */
export const RunEventSchema = z.discriminatedUnion('event', [
  z.object({ event: z.literal('status'), data: z.object({ status: RunStatusSchema, timestamp: z.string() }) }),
  z.object({ event: z.literal('log_line'), data: z.object({ stream: z.enum(['stdout', 'stderr']), line: z.string() }) }),
  z.object({
    event: z.literal('progress'),
    data: z.object({ percentage: z.number(), current: z.number().int(), total: z.number().int() }),
  }),
  z.object({ event: z.literal('completed'), data: z.object({ exit_code: z.number().int(), finished_at: z.string() }) }),
  z.object({
    event: z.literal('failed'),
    data: z.object({ exit_code: z.number().int(), error: z.string(), finished_at: z.string() }),
  }),
  z.object({ event: z.literal('canceled'), data: z.object({ finished_at: z.string() }) }),
]);
export type RunEvent = z.infer<typeof RunEventSchema>;
export type RunEventName = RunEvent['event'] | 'heartbeat';

export const FINAL_EVENTS: readonly RunEventName[] = ['completed', 'failed', 'canceled'];

