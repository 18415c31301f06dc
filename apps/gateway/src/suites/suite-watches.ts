import { FINAL_EVENTS, isTerminal, type RunEventName } from '@studio/contracts';
import type { RunRow } from '@studio/db';
import { compareStreamIds, type Logger, type StoredRunEvent } from '@studio/runtime';
import { FINAL_EVENT_WAIT_MS } from '../runs/run-stream';

/** One live SSE connection of a suite, as the suite's shared passes see it. */
export interface SuiteWatcher {
  /** Per run (in the suite's order), the stream id after which this connection has sent nothing (null: nothing yet). */
  cursors(): readonly (string | null)[];
  /** A snapshot of every run's stream after the earliest cursor of the suite's connections; each skips what it sent. */
  deliver(batches: readonly StoredRunEvent[][]): void;
  /** The suite's runs now, or null when the suite (or every run of it) is gone. */
  runs(current: RunRow[] | null): void;
  /** Every run has finished and the snapshot taken after that was delivered: send the end and close. */
  finish(current: RunRow[]): Promise<void>;
  heartbeat(): void;
}

export interface SuiteWatchSources {
  heartbeatMs: number;
  /** Each run's stored events after its id (all when null), read in one snapshot. */
  readEvents(cursors: readonly { runId: string; afterId: string | null }[]): Promise<StoredRunEvent[][]>;
  /** The suite's runs (oldest first), or null when the suite is gone or has none. */
  loadRuns(suiteId: string): Promise<RunRow[] | null>;
  /** Whether the run's stream holds its final event (completed, failed or canceled). */
  hasFinalEvent(runId: string): Promise<boolean>;
  /** Wakes `listener` on every event published for the run; resolves once subscribed, to the unsubscribe function. */
  subscribe(runId: string, listener: () => void): Promise<() => void>;
  /** Registers a listener for the event hub's reconnects (pub/sub lost what was published meanwhile). */
  onResync(listener: () => void): () => void;
  logger: Pick<Logger, 'warn'>;
}

/** A connection of a suite: a member from `join` on (the runs' events wake passes), watching from `start`. */
export interface SuiteMembership {
  start(watcher: SuiteWatcher): void;
  leave(): void;
}

interface WatchedSuite {
  key: string;
  suiteId: string;
  runIds: readonly string[];
  members: number;
  watchers: Set<SuiteWatcher>;
  ready: Promise<void>;
  unsubscribes: (() => void)[];
  timer: NodeJS.Timeout;
  passing: boolean;
  again: boolean;
  closed: boolean;
  /** Indexes of the runs whose final event is in their stream. */
  finals: Set<number>;
  /** When the suite's end stops waiting for final events that have not reached the streams, once every run finished. */
  finalDeadline: number | null;
  finalTimer: NodeJS.Timeout | null;
}

const isFinal = (e: StoredRunEvent) => FINAL_EVENTS.includes(e.event as RunEventName);

function earliest(cursors: readonly (string | null)[]): string | null {
  let first: string | null = cursors[0] ?? null;
  for (const c of cursors) if (c === null || (first !== null && compareStreamIds(c, first) < 0)) first = c;
  return first;
}

const allFinished = (rows: readonly RunRow[]) => rows.length > 0 && rows.every((r) => isTerminal(r.status));

/**
 * The live SSE connections of a gateway process, by suite. Each suite gets one pub/sub subscription per run, one
 * heartbeat and one pass at a time, which reads every run's stream once (one snapshot, after the earliest cursor any of
 * its connections holds) and the suite's runs once, and hands both to every connection. A published event or a
 * heartbeat therefore costs one Redis snapshot and one database read per suite, whatever the number of connections.
 * A suite's entry goes with its last member.
 */
export class SuiteWatches {
  private readonly suites = new Map<string, WatchedSuite>();
  private offResync: (() => void) | null = null;

  constructor(private readonly sources: SuiteWatchSources) {}

  /** Resolves once the suite's runs' events wake its passes: a snapshot read after that misses nothing. */
  async join(suiteId: string, runIds: readonly string[]): Promise<SuiteMembership> {
    // Connections that saw a different set of runs (one deleted in between) do not share a pass.
    const key = `${suiteId}|${runIds.join(',')}`;
    let entry = this.suites.get(key);
    if (!entry) entry = this.open(key, suiteId, runIds);
    entry.members += 1;
    const joined = entry;
    let watcher: SuiteWatcher | null = null;
    let left = false;
    const leave = () => {
      if (left) return;
      left = true;
      if (watcher) joined.watchers.delete(watcher);
      joined.members -= 1;
      if (joined.members === 0) this.drop(joined);
    };
    try {
      await joined.ready;
    } catch (error) {
      leave();
      throw error;
    }
    return {
      start: (w) => {
        if (left) return;
        watcher = w;
        joined.watchers.add(w);
        this.wake(joined);
      },
      leave,
    };
  }

  /** Suites watched, and connections watching them. */
  counts(): { suites: number; connections: number } {
    let connections = 0;
    for (const suite of this.suites.values()) connections += suite.watchers.size;
    return { suites: this.suites.size, connections };
  }

  close(): void {
    for (const entry of [...this.suites.values()]) this.drop(entry);
  }

  private open(key: string, suiteId: string, runIds: readonly string[]): WatchedSuite {
    const entry: WatchedSuite = {
      key,
      suiteId,
      runIds,
      members: 0,
      watchers: new Set(),
      ready: Promise.resolve(),
      unsubscribes: [],
      timer: setInterval(() => {
        for (const w of [...entry.watchers]) w.heartbeat();
        this.wake(entry);
      }, this.sources.heartbeatMs),
      passing: false,
      again: false,
      closed: false,
      finals: new Set(),
      finalDeadline: null,
      finalTimer: null,
    };
    entry.ready = (async () => {
      for (const runId of runIds) {
        const off = await this.sources.subscribe(runId, () => this.wake(entry));
        if (entry.closed) off();
        else entry.unsubscribes.push(off);
      }
    })();
    // A failed subscription fails the joins awaiting it; the entry is dropped when they leave.
    entry.ready.catch(() => undefined);
    this.suites.set(key, entry);
    this.offResync ??= this.sources.onResync(() => {
      for (const e of this.suites.values()) this.wake(e);
    });
    return entry;
  }

  private drop(entry: WatchedSuite): void {
    entry.closed = true;
    clearInterval(entry.timer);
    if (entry.finalTimer) clearTimeout(entry.finalTimer);
    for (const off of entry.unsubscribes.splice(0)) off();
    if (this.suites.get(entry.key) === entry) this.suites.delete(entry.key);
    if (this.suites.size === 0) {
      this.offResync?.();
      this.offResync = null;
    }
  }

  /** Runs a pass, or one more after the current one: wake-ups during a pass coalesce into a single next pass. */
  private wake(entry: WatchedSuite): void {
    if (entry.closed || entry.watchers.size === 0) return;
    if (entry.passing) {
      entry.again = true;
      return;
    }
    entry.passing = true;
    void (async () => {
      do {
        entry.again = false;
        await this.pass(entry).catch((error: unknown) => this.sources.logger.warn('suite stream pass failed', { suite_id: entry.suiteId, error }));
      } while (entry.again && !entry.closed);
      entry.passing = false;
    })();
  }

  private async pass(entry: WatchedSuite): Promise<void> {
    // The connections present now: one that starts during the pass gets the next one (its start wakes it).
    const watchers = [...entry.watchers];
    if (watchers.length === 0) return;
    const read = async () => {
      const cursors = watchers.map((w) => w.cursors());
      const batches = await this.sources.readEvents(entry.runIds.map((runId, i) => ({ runId, afterId: earliest(cursors.map((c) => c[i])) })));
      batches.forEach((events, i) => {
        if (events.some(isFinal)) entry.finals.add(i);
      });
      return batches;
    };
    const batches = await read();
    for (const w of watchers) w.deliver(batches);
    const current = await this.sources.loadRuns(entry.suiteId);
    for (const w of watchers) w.runs(current);
    if (current && allFinished(current)) {
      // A run's final event is published after its row is written: the end waits until every run's is in its stream
      // (its publish wakes a pass) or FINAL_EVENT_WAIT_MS passed, and one more snapshot delivers those not sent yet.
      if (!(await this.finalsStored(entry, current)) && !this.finalWaitOver(entry)) return;
      const last = await read();
      for (const w of watchers) {
        w.deliver(last);
        await w.finish(current);
      }
    }
  }

  /**
   * Whether every run's final event is in its stream (those not seen in a snapshot are looked up), counting as there a
   * run that finished more than FINAL_EVENT_WAIT_MS ago: its event came long since, or its stream has expired.
   */
  private async finalsStored(entry: WatchedSuite, current: readonly RunRow[]): Promise<boolean> {
    const finishedAt = new Map(current.map((r) => [r.run_id, r.finished_at?.getTime() ?? null]));
    const settledBy = Date.now() - FINAL_EVENT_WAIT_MS;
    entry.runIds.forEach((runId, i) => {
      const at = finishedAt.get(runId);
      if (at !== undefined && at !== null && at < settledBy) entry.finals.add(i);
    });
    const unseen = entry.runIds.flatMap((runId, i) => (entry.finals.has(i) ? [] : [{ runId, i }]));
    const stored = await Promise.all(unseen.map(({ runId }) => this.sources.hasFinalEvent(runId)));
    unseen.forEach(({ i }, k) => {
      if (stored[k]) entry.finals.add(i);
    });
    return entry.finals.size === entry.runIds.length;
  }

  /** Whether the wait for missing final events is over; the first call starts it, with a pass at its end. */
  private finalWaitOver(entry: WatchedSuite): boolean {
    const now = Date.now();
    entry.finalDeadline ??= now + FINAL_EVENT_WAIT_MS;
    if (now >= entry.finalDeadline) return true;
    entry.finalTimer ??= setTimeout(() => this.wake(entry), entry.finalDeadline - now);
    return false;
  }
}
