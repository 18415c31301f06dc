/**
 * A Server-Sent Events client over fetch that reconnects and resumes. The browser's EventSource gives up for good
 * on any non-200 answer (a proxy's 502 while the gateway restarts) and cannot send Last-Event-ID on a fresh
 * connection; this one retries with backoff and always resumes after the last event it saw, so a run's page
 * neither misses nor repeats an event. A 204 (the run's stream has ended) or a 404 stops it.
 */
import { createParser } from 'eventsource-parser';

export interface StreamEvent {
  id: string | undefined;
  event: string;
  data: string;
}

export type StreamState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface EventStreamOptions {
  url: string;
  onEvent: (event: StreamEvent) => void;
  onState?: (state: StreamState, detail?: string) => void;
  /** True for the event after which the server closes the stream for good (a run's final event). */
  isFinal?: (event: StreamEvent) => boolean;
  fetch?: typeof fetch;
  /** What a 404 means, shown as the closed stream's detail. */
  notFound?: string;
  /** Extra request headers, read on every (re)connect (a suite's stream needs the session's token). */
  headers?: () => Record<string, string>;
  /** Delay before reconnect attempt `n` (1-based). */
  backoffMs?: (attempt: number) => number;
}

export const defaultBackoff = (attempt: number) => Math.min(15_000, 500 * 2 ** (attempt - 1));

/** Opens the stream; the returned function closes it. */
export function openEventStream(options: EventStreamOptions): () => void {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const backoff = options.backoffMs ?? defaultBackoff;
  const controller = new AbortController();
  let lastEventId: string | undefined;
  let finished = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const setState = (state: StreamState, detail?: string) => options.onState?.(state, detail);
  const stop = (detail?: string) => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    controller.abort();
    setState('closed', detail);
  };

  const retry = (detail: string) => {
    if (finished) return;
    attempt += 1;
    setState('reconnecting', detail);
    timer = setTimeout(connect, backoff(attempt));
  };

  async function connect(): Promise<void> {
    if (finished) return;
    setState(attempt === 0 ? 'connecting' : 'reconnecting');
    const headers: Record<string, string> = { Accept: 'text/event-stream', ...options.headers?.() };
    if (lastEventId) headers['Last-Event-ID'] = lastEventId;
    let response: Response;
    try {
      response = await doFetch(options.url, { headers, signal: controller.signal, cache: 'no-store' });
    } catch {
      retry('The connection was lost; reconnecting.');
      return;
    }
    if (response.status === 204) return stop();
    if (response.status === 404) return stop(options.notFound ?? 'This run no longer exists.');
    if (!response.ok || !response.body) {
      retry(`The server answered HTTP ${response.status}; reconnecting.`);
      return;
    }
    attempt = 0;
    setState('open');
    const parser = createParser({
      onEvent: (message) => {
        if (message.id) lastEventId = message.id;
        const event = { id: message.id, event: message.event ?? 'message', data: message.data };
        options.onEvent(event);
        if (options.isFinal?.(event)) stop();
      },
    });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done || finished) break;
        parser.feed(value);
      }
    } catch {
      // Aborted by stop(), or the connection broke: handled below.
    }
    if (!finished) retry('The stream ended early; reconnecting.');
  }

  void connect();
  return () => stop();
}
