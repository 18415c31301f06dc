import { describe, expect, it } from 'vitest';
import { openEventStream, type StreamEvent, type StreamState } from './event-stream';

/** A fetch that answers each call with the next scripted response and records the request headers. */
function scriptedFetch(responses: (() => Response)[]) {
  const calls: Record<string, string>[] = [];
  const fetcher = (async (_url: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ ...(init?.headers as Record<string, string>) });
    const next = responses.shift();
    if (!next) return new Promise<Response>(() => undefined);
    return next();
  }) as typeof fetch;
  return { fetcher, calls };
}

const sse = (text: string, status = 200) =>
  () => new Response(new Blob([text]).stream(), { status, headers: { 'Content-Type': 'text/event-stream' } });

function collect(responses: (() => Response)[]) {
  const { fetcher, calls } = scriptedFetch(responses);
  const events: StreamEvent[] = [];
  const states: StreamState[] = [];
  let resolveClosed: () => void;
  const closed = new Promise<void>((r) => (resolveClosed = r));
  const close = openEventStream({
    url: '/api/runs/x/events',
    fetch: fetcher,
    backoffMs: () => 1,
    onEvent: (e) => events.push(e),
    onState: (s) => {
      states.push(s);
      if (s === 'closed') resolveClosed();
    },
    isFinal: (e) => e.event === 'completed',
  });
  return { events, states, calls, closed, close };
}

describe('openEventStream', () => {
  it('resumes after the last event id when the stream breaks, and stops at the final event', async () => {
    const { events, calls, closed } = collect([
      sse('id: 1-0\nevent: status\ndata: {"status":"running"}\n\nid: 2-0\nevent: progress\ndata: {"percentage":50}\n\n'),
      sse('id: 3-0\nevent: completed\ndata: {"exit_code":0}\n\n'),
    ]);
    await closed;
    expect(events.map((e) => e.event)).toEqual(['status', 'progress', 'completed']);
    expect(calls[0]['Last-Event-ID']).toBeUndefined();
    expect(calls[1]['Last-Event-ID']).toBe('2-0');
    expect(calls).toHaveLength(2);
  });

  it('retries after an error answer (a proxy 502) and keeps the last id', async () => {
    const { events, calls, states, closed } = collect([
      sse('id: 5-0\nevent: status\ndata: {}\n\n'),
      sse('bad gateway', 502),
      sse('id: 6-0\nevent: completed\ndata: {}\n\n'),
    ]);
    await closed;
    expect(events.map((e) => e.id)).toEqual(['5-0', '6-0']);
    expect(calls.map((c) => c['Last-Event-ID'])).toEqual([undefined, '5-0', '5-0']);
    expect(states).toContain('reconnecting');
  });

  it('stops for good on 204 (the stream has ended) and on 404', async () => {
    const ended = collect([sse('id: 1-0\nevent: status\ndata: {}\n\n'), () => new Response(null, { status: 204 })]);
    await ended.closed;
    expect(ended.calls).toHaveLength(2);
    const gone = collect([() => new Response('{}', { status: 404 })]);
    await gone.closed;
    expect(gone.calls).toHaveLength(1);
  });

  it('close() ends it without reconnecting', async () => {
    const { calls, close, closed } = collect([sse('id: 1-0\nevent: status\ndata: {}\n\n')]);
    close();
    await closed;
    await new Promise((r) => setTimeout(r, 20));
    expect(calls.length).toBeLessThanOrEqual(1);
  });
});
