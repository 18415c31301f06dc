import { z } from 'zod';
import { RunStatusSchema } from './runs';

/**
 * Events a worker publishes for a run (Redis pub/sub + a capped per-run stream), relayed to SSE
 * clients by the gateway. Names and data fields are the API contract's SSE table.
 */
export const RunEventSchema = z.discriminatedUnion('event', [
  z
    .object({ event: z.literal('status'), data: z.object({ status: RunStatusSchema, timestamp: z.string() }) })
    .describe('Status changed (the first event of every stream is the current status).'),
  z
    .object({ event: z.literal('log_line'), data: z.object({ stream: z.enum(['stdout', 'stderr']), line: z.string() }) })
    .describe('A new line of the run log.'),
  z
    .object({
      event: z.literal('progress'),
      data: z.object({ percentage: z.number(), current: z.number().int(), total: z.number().int() }),
    })
    .describe('Progress: samples (times epochs) done of the total.'),
  z
    .object({ event: z.literal('completed'), data: z.object({ exit_code: z.number().int(), finished_at: z.string() }) })
    .describe('The run finished; the last event of the stream.'),
  z
    .object({
      event: z.literal('failed'),
      data: z.object({ exit_code: z.number().int(), error: z.string(), finished_at: z.string() }),
    })
    .describe('The run failed; the last event of the stream.'),
  z
    .object({ event: z.literal('canceled'), data: z.object({ finished_at: z.string() }) })
    .describe('The run was canceled; the last event of the stream.'),
]);
export type RunEvent = z.infer<typeof RunEventSchema>;

/** The keep-alive the gateway's SSE relay adds (never stored; its `id:` repeats the last event's). */
export const HeartbeatEventSchema = z
  .object({ event: z.literal('heartbeat'), data: z.object({ timestamp: z.string() }) })
  .describe('Keep-alive, every 15 s by default (SSE_HEARTBEAT_MS).');
/** Every event of a run's Server-Sent Events stream, as the OpenAPI document describes it. */
export const RunStreamEventSchema = z.discriminatedUnion('event', [...RunEventSchema.options, HeartbeatEventSchema]);
export type RunStreamEvent = z.infer<typeof RunStreamEventSchema>;
export type RunEventName = RunStreamEvent['event'];

export const FINAL_EVENTS: readonly RunEventName[] = ['completed', 'failed', 'canceled'];

