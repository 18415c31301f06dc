import type { Request, Response } from 'express';
import { isTerminal } from '@studio/contracts';
import { findSuite, listSuiteRuns, type RunRow, type SuiteRow } from '@studio/db';
import type { StoredRunEvent } from '@studio/runtime';
import type { AppDeps } from '../deps';
import { startEventStream, whenStreamEnds } from '../runs/run-stream';
import { loadSuiteDetail } from './suite.service';
import { advanceWatermark, cursorAfter, formatSuiteEventId, parseSuiteEventId, snapshotOrder, watermarkOf, type SuiteWatermark } from './suite-event-id';

/** A run event relayed on the suite's stream: its name prefixed with `run_` (log lines are not relayed). */
const RELAYED: Record<string, string> = { status: 'run_status', progress: 'run_progress', completed: 'run_completed', failed: 'run_failed', canceled: 'run_canceled' };

/**
 * Streams a suite's events as SSE: `suite_status` (the suite with its matrix, unless resuming), then each run's
 * `run_status`, `run_progress` and final `run_completed` / `run_failed` / `run_canceled` (the run's event data with its
 * `run_id`, `benchmark` and `model`), and `suite_finished` (the suite with its matrix) once every run has finished,
 * then the stream closes. Ids and resume: see suite-event-id.ts. The runs' pub/sub events only wake the stream up; what
 * it sends is read from the runs' Redis streams in snapshots, so no event is sent twice or skipped, and a heartbeat
 * (which also re-reads the runs) covers any wake-up lost with pub/sub.
 */
export async function streamSuiteEvents(deps: AppDeps, suite: SuiteRow, req: Request, res: Response, lastEventId?: string): Promise<void> {
  const protocol = deps.runProtocol;
  let runs = await listSuiteRuns(deps.db, suite.suite_id);
  const runIds = runs.map((r) => r.run_id);
  const index = new Map(runIds.map((id, i) => [id, i]));
  let closed = false;
  let started = false;
  const unsubscribes: (() => void)[] = [];
  let heartbeat: NodeJS.Timeout | undefined;
  let offResync: () => void = () => undefined;

  const done = whenStreamEnds(req, res, () => {
    closed = true;
    clearInterval(heartbeat);
    for (const u of unsubscribes) u();
    offResync();
  });

  // Subscribed before the first snapshot: anything published later wakes a pass that reads it.
  let passing: Promise<void> | null = null;
  let again = false;
  const wake = () => {
    if (!started || closed) return;
    if (passing) {
      again = true;
      return;
    }
    passing = (async () => {
      do {
        again = false;
        await pass().catch((error: unknown) => deps.logger.warn('suite stream pass failed', { suite_id: suite.suite_id, error }));
      } while (again && !closed);
      passing = null;
    })();
  };
  for (const id of runIds) unsubscribes.push(await deps.eventHub.subscribe(id, (e) => wake()));

  const resume = lastEventId ? parseSuiteEventId(lastEventId, runIds.length) : null;
  let watermark: SuiteWatermark = resume ? { ms: resume.ms, ties: resume.ties } : watermarkOf(await protocol.lastEventIds(runIds));
  const cursors = runIds.map((_, i) => cursorAfter(watermark, i));
  runs = await listSuiteRuns(deps.db, suite.suite_id);
  const allFinished = (rows: readonly RunRow[]) => rows.length > 0 && rows.every((r) => isTerminal(r.status));

  const read = async () => {
    const batches = await protocol.readEventsOfRuns(runIds.map((runId, i) => ({ runId, afterId: cursors[i] })));
    return snapshotOrder(batches.flatMap((events, i) => events.map((e) => ({ ...e, index: i }))));
  };
  const backlog = resume ? await read() : [];
  if (resume?.end && backlog.length === 0 && allFinished(runs)) {
    // The client saw everything, the suite's end included: 204 tells EventSource to stop reconnecting.
    for (const u of unsubscribes) u();
    res.status(204).end();
    return;
  }

  startEventStream(res);

  const write = (event: string, data: unknown, end = false) => {
    if (!closed) res.write(`id: ${formatSuiteEventId(watermark, end)}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  const deliver = (events: (StoredRunEvent & { index: number })[]) => {
    for (const e of events) {
      if (closed) return;
      cursors[e.index] = e.id;
      watermark = advanceWatermark(watermark, e.index, e.id);
      const name = RELAYED[e.event];
      if (!name) continue;
      const run = runs[e.index];
      write(name, { run_id: run.run_id, benchmark: run.benchmark, model: run.model, ...(JSON.parse(e.data) as object) });
    }
  };
  /** Sends what the runs' streams hold after the cursors; ends the stream once every run has finished. */
  const pass = async () => {
    deliver(await read());
    const current = await listSuiteRuns(deps.db, suite.suite_id);
    if (current.length === 0 || !(await findSuite(deps.db, suite.suite_id))) return end();
    runs = runIds.map((id) => current.find((r) => r.run_id === id) ?? runs[index.get(id)!]);
    if (allFinished(current)) {
      // Final events are published after the row is written: one more read picks up those that arrived meanwhile.
      deliver(await read());
      write('suite_finished', await loadSuiteDetail(deps, suite, current), true);
      end();
    }
  };
  const end = () => {
    if (!closed) res.end();
  };

  if (!resume) write('suite_status', await loadSuiteDetail(deps, suite, runs));
  deliver(backlog);
  started = true;
  wake();
  offResync = deps.eventHub.onResync(wake);
  heartbeat = setInterval(() => {
    wake();
    write('heartbeat', { timestamp: new Date().toISOString() });
  }, deps.config.sseHeartbeatMs);
  return done;
}
