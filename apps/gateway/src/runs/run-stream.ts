import type { Request, Response } from 'express';
import { FINAL_EVENTS, isTerminal, type RunEventName } from '@studio/contracts';
import type { RunRow } from '@studio/db';
import { compareStreamIds, isStreamId, type StoredRunEvent } from '@studio/runtime';
import type { AppDeps } from '../deps';

/** How long to wait for a finished run's final event to reach the stream before synthesising it (or, for a suite, ending without it). */
export const FINAL_EVENT_WAIT_MS = 1_000;

function finalFromRow(run: RunRow): { event: RunEventName; data: Record<string, unknown> } {
  const finished_at = (run.finished_at ?? run.updated_at).toISOString();
  if (run.status === 'completed') return { event: 'completed', data: { exit_code: run.exit_code ?? 0, finished_at } };
  if (run.status === 'canceled') return { event: 'canceled', data: { finished_at } };
  return { event: 'failed', data: { exit_code: run.exit_code ?? 1, error: run.error ?? 'Run failed', finished_at } };
}

const isFinal = (e: { event: string }) => FINAL_EVENTS.includes(e.event as RunEventName);
const frameText = (id: string, event: string, data: string) => `id: ${id}\nevent: ${event}\ndata: ${data}\n\n`;

/**
 * A stored event's frame, encoded once for all the connections it goes to: the event hub and a run's shared heartbeat
 * hand every connection the same event object, and with 20,000 subscribers building and encoding the text per
 * connection was a measurable part of the fan-out (docs/performance.md, "SSE at scale").
 */
const frames = new WeakMap<StoredRunEvent, Buffer>();
function frameOf(e: StoredRunEvent): Buffer {
  let frame = frames.get(e);
  if (!frame) {
    frame = Buffer.from(frameText(e.id, e.event, e.data));
    frames.set(e, frame);
  }
  return frame;
}
const statusData = (run: RunRow) => JSON.stringify({ status: run.status, timestamp: new Date().toISOString() });

/** Calls `cleanup` once when the client goes away or the response ends; resolves after it. */
export function whenStreamEnds(req: Request, res: Response, cleanup: () => void): Promise<void> {
  return new Promise<void>((resolve) => {
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      cleanup();
      resolve();
    };
    req.on('close', end);
    res.on('close', end);
    res.on('finish', end);
  });
}

/** Answers 200 with an event stream that proxies do not buffer; clients reconnect after 3 s. */
export function startEventStream(res: Response): void {
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache, no-transform');
  res.setHeader('Connection', 'keep-alive');
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
  res.write('retry: 3000\n\n');
}

/**
 * Streams a run's events as SSE, with no gap and no duplicate:
 * 1. subscribe to live events (buffered until step 4);
 * 2. read the stream's position (the anchor) BEFORE reading the run, so anything that happens
 *    after the status we send is in the stream after the anchor;
 * 3. send the status (or, on resume, nothing) and replay the stream after the last id sent;
 * 4. deliver live events newer than the last id sent.
 * Pub/sub loses what is published while the subscriber reconnects, so every heartbeat (and every
 * reconnect of the subscriber) replays the stream after the last id sent as well, once per run (run-watches.ts).
 */
export async function streamRunEvents(
  deps: AppDeps,
  runId: string,
  loadRun: () => Promise<RunRow | undefined>,
  req: Request,
  res: Response,
  lastEventId?: string,
): Promise<void> {
  const protocol = deps.runProtocol;
  let lastSent = '0-0';
  let closed = false;
  let buffering = true;
  const buffered: StoredRunEvent[] = [];
  let onFinal: (() => void) | null = null;
  let unsubscribe: () => void = () => undefined;
  let unwatch: () => void = () => undefined;

  const done = whenStreamEnds(req, res, () => {
    closed = true;
    unsubscribe();
    unwatch();
  });

  const write = (id: string, event: string, data: string) => {
    if (closed) return;
    res.write(frameText(id, event, data));
    if (compareStreamIds(id, lastSent) > 0) lastSent = id;
  };
  const end = () => {
    if (!closed) res.end();
  };
  const deliver = (e: StoredRunEvent) => {
    if (closed || compareStreamIds(e.id, lastSent) <= 0) return;
    res.write(frameOf(e));
    lastSent = e.id;
    if (isFinal(e)) end();
  };
  const catchUp = async () => {
    for (const e of await protocol.readEvents(runId, lastSent)) deliver(e);
  };

  unsubscribe = await deps.eventHub.subscribe(runId, (e) => {
    if (buffering) buffered.push(e);
    else deliver(e);
    if (isFinal(e)) onFinal?.();
  });
  const anchor = (await protocol.lastEventId(runId)) ?? '0-0';
  const run = await loadRun();
  if (!run) {
    unsubscribe();
    res.status(404).json({ detail: 'Run not found', code: 'RUN_NOT_FOUND' });
    return;
  }

  const resumeFrom = lastEventId && isStreamId(lastEventId) ? lastEventId : null;
  // A Last-Event-ID ahead of the stream (another deployment's, or made up) cannot be resumed from.
  const resumable = resumeFrom !== null && compareStreamIds(resumeFrom, anchor) <= 0 ? resumeFrom : null;
  const backlog = resumable ? await protocol.readEvents(runId, resumable) : [];
  if (resumable && backlog.length === 0 && isTerminal(run.status)) {
    // The client saw everything, final event included: 204 tells EventSource to stop reconnecting.
    unsubscribe();
    res.status(204).end();
    return;
  }

  startEventStream(res);

  if (resumable) {
    // Events the capped stream no longer holds are gone: the current status stands in for them,
    // then whatever the stream still has after the resume point follows.
    if (await protocol.eventsTrimmedAfter(runId, resumable)) write(resumable, 'status', statusData(run));
    lastSent = resumable;
  } else {
    // A finished run's status goes out with the id just before its final event, so the final event
    // follows it and a reconnect from the status replays exactly the final event.
    const stored = isTerminal(run.status) ? await protocol.lastFinalEvent(runId) : null;
    const statusId = stored && compareStreamIds(stored.final.id, anchor) <= 0 ? stored.previousId : anchor;
    write(statusId, 'status', statusData(run));
    lastSent = statusId;
  }
  await catchUp();
  buffering = false;
  for (const e of buffered.splice(0)) deliver(e);
  if (closed) return done;

  if (isTerminal(run.status)) {
    // The database says finished but the final event has not reached the stream yet (or expired).
    await new Promise<void>((resolve) => {
      onFinal = resolve;
      setTimeout(resolve, FINAL_EVENT_WAIT_MS).unref();
    });
    if (!closed) {
      const f = finalFromRow(run);
      write(lastSent, f.event, JSON.stringify(f.data));
      end();
    }
    return done;
  }

  // One heartbeat per run serves all of its connections in this process (run-watches.ts).
  unwatch = deps.runWatches.watch(runId, {
    lastSent: () => lastSent,
    deliver,
    beat: (current) => {
      if (closed) return;
      // A run deleted while watched has no final event to wait for: end the stream.
      if (current === undefined) return end();
      if (current && isTerminal(current.status)) {
        // Finished, and catch-up found no final event (its publish was lost): rebuild it from the row.
        const f = finalFromRow(current);
        write(lastSent, f.event, JSON.stringify(f.data));
        return end();
      }
      write(lastSent, 'heartbeat', JSON.stringify({ timestamp: new Date().toISOString() }));
    },
  });
  return done;
}
