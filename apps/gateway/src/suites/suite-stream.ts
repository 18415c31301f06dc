import type { Request, Response } from 'express';
import { isTerminal } from '@studio/contracts';
import { listSuiteRuns, type RunRow, type SuiteRow } from '@studio/db';
import { compareStreamIds, type StoredRunEvent } from '@studio/runtime';
import type { AppDeps } from '../deps';
import { startEventStream, whenStreamEnds } from '../runs/run-stream';
import { loadSuiteDetail } from './suite.service';
import type { SuiteDetail } from './suite.types';
import type { SuiteMembership } from './suite-watches';
import { advanceWatermark, cursorAfter, formatSuiteEventId, parseSuiteEventId, snapshotOrder, watermarkOf, type SuiteWatermark } from './suite-event-id';

/**
 * The final detail of a suite per snapshot of its runs: one shared pass finishes every connection of the suite with
 * the same snapshot, so they share one read.
 */
const finalDetails = new WeakMap<readonly RunRow[], Promise<SuiteDetail>>();

function finalDetail(deps: AppDeps, suite: SuiteRow, current: readonly RunRow[]): Promise<SuiteDetail> {
  let detail = finalDetails.get(current);
  if (!detail) {
    detail = loadSuiteDetail(deps, suite, current);
    finalDetails.set(current, detail);
  }
  return detail;
}

/** A run event relayed on the suite's stream: its name prefixed with `run_` (log lines are not relayed). */
const RELAYED: Record<string, string> = { status: 'run_status', progress: 'run_progress', completed: 'run_completed', failed: 'run_failed', canceled: 'run_canceled' };

/**
 * Streams a suite's events as SSE: `suite_status` (the suite with its matrix, unless resuming), then each run's
 * `run_status`, `run_progress` and final `run_completed` / `run_failed` / `run_canceled` (the run's event data with its
 * `run_id`, `benchmark` and `model`), and `suite_finished` (the suite with its matrix) once every run has finished,
 * then the stream closes. Ids and resume: see suite-event-id.ts. The runs' pub/sub events only wake the stream up; what
 * it sends is read from the runs' Redis streams in snapshots, so no event is sent twice or skipped, and a heartbeat
 * (which also re-reads the runs) covers any wake-up lost with pub/sub. Wake-ups, heartbeats and the reads they cause
 * are shared by every connection of the suite in this process (suite-watches.ts).
 */
export async function streamSuiteEvents(deps: AppDeps, suite: SuiteRow, req: Request, res: Response, lastEventId?: string): Promise<void> {
  const protocol = deps.runProtocol;
  let runs = await listSuiteRuns(deps.db, suite.suite_id);
  const runIds = runs.map((r) => r.run_id);
  const index = new Map(runIds.map((id, i) => [id, i]));
  let closed = false;
  let membership: SuiteMembership | null = null;

  const done = whenStreamEnds(req, res, () => {
    closed = true;
    membership?.leave();
  });

  // Joined before the first snapshot: anything published later wakes a pass that reads it (suite-watches.ts).
  membership = await deps.suiteWatches.join(suite.suite_id, runIds);
  if (closed) membership.leave();

  const resume = lastEventId ? parseSuiteEventId(lastEventId, runIds.length) : null;
  let watermark: SuiteWatermark = resume ? { ms: resume.ms, ties: resume.ties } : watermarkOf(await protocol.lastEventIds(runIds));
  const cursors = runIds.map((_, i) => cursorAfter(watermark, i));
  runs = await listSuiteRuns(deps.db, suite.suite_id);
  const allFinished = (rows: readonly RunRow[]) => rows.length > 0 && rows.every((r) => isTerminal(r.status));

  const backlog = resume ? await protocol.readEventsOfRuns(runIds.map((runId, i) => ({ runId, afterId: cursors[i] }))) : [];
  if (resume?.end && backlog.every((events) => events.length === 0) && allFinished(runs)) {
    // The client saw everything, the suite's end included: 204 tells EventSource to stop reconnecting.
    membership.leave();
    res.status(204).end();
    return;
  }

  startEventStream(res);

  const write = (event: string, data: unknown, end = false) => {
    if (!closed) res.write(`id: ${formatSuiteEventId(watermark, end)}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  /** Sends a snapshot's events this connection has not sent, in the order of suite-event-id.ts. */
  const deliver = (batches: readonly StoredRunEvent[][]) => {
    const fresh = batches.flatMap((events, i) => {
      const cursor = cursors[i];
      return events.filter((e) => cursor === null || compareStreamIds(e.id, cursor) > 0).map((e) => ({ ...e, index: i }));
    });
    for (const e of snapshotOrder(fresh)) {
      if (closed) return;
      cursors[e.index] = e.id;
      watermark = advanceWatermark(watermark, e.index, e.id);
      const name = RELAYED[e.event];
      if (!name) continue;
      const run = runs[e.index];
      write(name, { run_id: run.run_id, benchmark: run.benchmark, model: run.model, ...(JSON.parse(e.data) as object) });
    }
  };
  const end = () => {
    if (!closed) res.end();
  };

  if (!resume) write('suite_status', await loadSuiteDetail(deps, suite, runs));
  deliver(backlog);
  // One pass per suite serves all of its connections in this process; it ends the stream once every run has finished.
  membership.start({
    cursors: () => cursors,
    deliver,
    runs: (current) => {
      if (!current) return end();
      runs = runIds.map((id) => current.find((r) => r.run_id === id) ?? runs[index.get(id)!]);
    },
    finish: async (current) => {
      write('suite_finished', await finalDetail(deps, suite, current), true);
      end();
    },
    heartbeat: () => write('heartbeat', { timestamp: new Date().toISOString() }),
  });
  return done;
}
