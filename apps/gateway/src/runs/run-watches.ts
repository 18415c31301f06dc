import type { RunRow } from '@studio/db';
import { compareStreamIds, type StoredRunEvent } from '@studio/runtime';

/** One live SSE connection of a run, as the run's shared heartbeat sees it. */
export interface RunWatcher {
  /** The last stream id this connection sent. */
  lastSent(): string;
  /** A stored event; the connection skips what it already sent. */
  deliver(event: StoredRunEvent): void;
  /** The heartbeat, after catch-up: the run's row now, undefined when deleted, null when it could not be read. */
  beat(run: RunRow | undefined | null): void;
}

export interface RunWatchSources {
  heartbeatMs: number;
  /** Stored events after `afterId`. */
  readEvents(runId: string, afterId: string): Promise<StoredRunEvent[]>;
  loadRun(runId: string): Promise<RunRow | undefined>;
  /** Registers a listener for the event hub's reconnects (pub/sub lost what was published meanwhile). */
  onResync(listener: () => void): () => void;
}

interface WatchedRun {
  watchers: Set<RunWatcher>;
  timer: NodeJS.Timeout;
  beating: boolean;
}

/**
 * The live SSE connections of a gateway process, by run: each run gets one heartbeat, which reads the run's stored
 * events once (after the earliest id any of its connections sent) and its row once, and hands both to every
 * connection. The cost of heartbeats grows with the runs watched, not with the connections (5,000 clients of one
 * run: one XRANGE and one row read per heartbeat, not 5,000). A run's entry goes with its last connection.
 */
export class RunWatches {
  private readonly runs = new Map<string, WatchedRun>();
  private offResync: (() => void) | null = null;

  constructor(private readonly sources: RunWatchSources) {}

  /** Adds a connection to its run's heartbeat; the returned function removes it. */
  watch(runId: string, watcher: RunWatcher): () => void {
    let run = this.runs.get(runId);
    if (!run) {
      const entry: WatchedRun = { watchers: new Set(), timer: setInterval(() => void this.beat(runId, entry), this.sources.heartbeatMs), beating: false };
      run = entry;
      this.runs.set(runId, run);
    }
    this.offResync ??= this.sources.onResync(() => {
      for (const [id, entry] of this.runs) void this.catchUp(id, [...entry.watchers]);
    });
    run.watchers.add(watcher);
    const entry = run;
    return () => {
      entry.watchers.delete(watcher);
      if (entry.watchers.size > 0 || this.runs.get(runId) !== entry) return;
      clearInterval(entry.timer);
      this.runs.delete(runId);
      if (this.runs.size === 0) {
        this.offResync?.();
        this.offResync = null;
      }
    };
  }

  /** Runs watched, and connections watching them. */
  counts(): { runs: number; connections: number } {
    let connections = 0;
    for (const run of this.runs.values()) connections += run.watchers.size;
    return { runs: this.runs.size, connections };
  }

  close(): void {
    for (const run of this.runs.values()) clearInterval(run.timer);
    this.runs.clear();
    this.offResync?.();
    this.offResync = null;
  }

  private async beat(runId: string, entry: WatchedRun): Promise<void> {
    // A heartbeat slower than the interval (Redis or the database slow) is not stacked up behind another.
    if (entry.beating) return;
    entry.beating = true;
    try {
      await this.catchUp(runId, [...entry.watchers]);
      const row = await this.sources.loadRun(runId).catch(() => null);
      for (const watcher of [...entry.watchers]) watcher.beat(row);
    } finally {
      entry.beating = false;
    }
  }

  private async catchUp(runId: string, watchers: RunWatcher[]): Promise<void> {
    if (watchers.length === 0) return;
    let after = watchers[0].lastSent();
    for (const watcher of watchers) if (compareStreamIds(watcher.lastSent(), after) < 0) after = watcher.lastSent();
    const events = await this.sources.readEvents(runId, after).catch(() => []);
    for (const watcher of watchers) for (const event of events) watcher.deliver(event);
  }
}
