/**
 * A run's Server-Sent Events as an async iterator that survives dropped connections: every reconnect sends
 * `Last-Event-ID` (the id of the last event received), so the gateway resumes right after it with no gap and no
 * duplicate. It ends after the run's final event (`completed`, `failed` or `canceled`), or when the gateway answers
 * 204 (the final event was already delivered to this Last-Event-ID).
 */
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { Client } from 'openapi-fetch';
import { StudioApiError } from './errors';
import type { components, paths } from './schema.gen';

/** One event of a run's stream (`id` is the SSE id, absent on none but the oldest servers' heartbeats). */
export type RunStreamEvent = components['schemas']['RunStreamEvent'];
export type RunEventName = RunStreamEvent['event'];

export const FINAL_EVENTS: ReadonlySet<RunEventName> = new Set(['completed', 'failed', 'canceled']);

export interface RunEventsOptions {
  /** Resume after this event id (from an earlier stream) instead of starting with the current status. */
  lastEventId?: string;
  signal?: AbortSignal;
  /** Delay before reconnect attempt `n` (1-based); default 0.5 s doubling up to 15 s. */
  backoffMs?: (attempt: number) => number;
  /** Consecutive failed connections after which the iterator throws (default 10). */
  maxAttempts?: number;
}

export const defaultBackoff = (attempt: number) => Math.min(15_000, 500 * 2 ** (attempt - 1));

/** Answers worth another try: the gateway restarting behind a proxy, or too busy. */
const retryable = (status: number) => status === 429 || status >= 500;

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function parse(message: EventSourceMessage): RunStreamEvent {
  return { id: message.id, event: message.event, data: JSON.parse(message.data) } as RunStreamEvent;
}

export async function* runEvents(api: Client<paths>, runId: string, options: RunEventsOptions = {}): AsyncGenerator<RunStreamEvent, void> {
  const { signal, backoffMs = defaultBackoff, maxAttempts = 10 } = options;
  let lastEventId = options.lastEventId;
  let failures = 0;
  const retry = async (reason: string) => {
    failures += 1;
    if (failures >= maxAttempts) throw new Error(`The event stream of run ${runId} failed ${failures} times in a row: ${reason}`);
    await sleep(backoffMs(failures), signal);
  };

  for (;;) {
    let result;
    try {
      result = await api.GET('/runs/{run_id}/events', {
        params: { path: { run_id: runId } },
        headers: { Accept: 'text/event-stream', ...(lastEventId ? { 'Last-Event-ID': lastEventId } : {}) },
        parseAs: 'stream',
        signal,
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      await retry(String(error));
      continue;
    }
    const { response, data: body, error } = result;
    if (response.status === 204) return;
    if (!response.ok || !body) {
      if (!retryable(response.status)) throw StudioApiError.from(response, error);
      await retry(`HTTP ${response.status}`);
      continue;
    }
    failures = 0;
    const pending: RunStreamEvent[] = [];
    const parser = createParser({
      onEvent: (message) => {
        if (message.id) lastEventId = message.id;
        pending.push(parse(message));
      },
    });
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        let chunk: ReadableStreamReadResult<string>;
        try {
          chunk = await reader.read();
        } catch (error) {
          if (signal?.aborted) throw error;
          break;
        }
        if (chunk.done) break;
        parser.feed(chunk.value);
        while (pending.length > 0) {
          const event = pending.shift()!;
          yield event;
          if (FINAL_EVENTS.has(event.event)) return;
        }
      }
    } finally {
      await reader.cancel().catch(() => undefined);
    }
    await retry('the stream ended before the run did');
  }
}
