import type { RunEvent, RunStatus } from '@studio/contracts';
import { appendRunLogs, touchRunningRun, type Db, type RunHold, type RunHoldLoss, type RunLogLine } from '@studio/db';
import type { Logger, RunEventPublisher } from '@studio/runtime';
import { EventChain } from './event.chain';

export type LogStream = 'stdout' | 'stderr';

export interface RunReporterOptions {
  db: Db;
  events: RunEventPublisher;
  logger: Logger;
  /** The run and this worker's attempt at it: progress is written only while the attempt holds the run. */
  hold: RunHold;
  /** Least time between two progress writes (the last value is always written). */
  progressIntervalMs: number;
  /** Longest time between two writes while nothing progresses: the run's liveness signal. */
  heartbeatMs: number;
  /** How long log lines wait to be written together. */
  logFlushMs: number;
  /** The database says a cancel was requested, or this attempt no longer holds the run. */
  onStopRequested: (reason: 'cancel' | RunHoldLoss) => void;
  /** Each progress written, as the percentage its event carries (the queue job mirrors it for dashboards). */
  onProgress?: (percentage: number) => void;
}

/**
 * What a run tells the outside world while it runs: events (in publish order, through one EventChain),
 * log lines (events at once, `run_logs` rows in batches) and progress (throttled). Progress writes double as
 * the heartbeat and the cancel check, so a cancel whose pub/sub message was missed is still seen.
 */
export class RunReporter {
  private readonly published: EventChain;
  private logBuffer: RunLogLine[] = [];
  private logTimer: NodeJS.Timeout | undefined;
  private logWrites: Promise<void> = Promise.resolve();
  private progress: { current: number; total: number } | undefined;
  private progressDirty = false;
  private lastProgressMs = 0;
  private lastWriteMs = 0;
  private ticker: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;

  constructor(private readonly o: RunReporterOptions) {
    this.published = new EventChain(o.events, o.hold.runId, o.logger);
  }

  /** Starts the progress/heartbeat ticker. */
  start(): void {
    this.lastWriteMs = Date.now();
    this.ticker = setInterval(() => this.tick(), Math.min(this.o.progressIntervalMs, this.o.heartbeatMs));
  }

  event(event: RunEvent): void {
    this.published.push(event);
  }

  status(status: RunStatus): void {
    this.event({ event: 'status', data: { status, timestamp: new Date().toISOString() } });
  }

  log(stream: LogStream, line: string): void {
    this.event({ event: 'log_line', data: { stream, line } });
    this.logBuffer.push({ stream, line });
    this.logTimer ??= setTimeout(() => this.flushLogs(), this.o.logFlushMs);
  }

  /** Records the latest progress; the first value is written at once, later ones at most every interval. */
  setProgress(current: number, total: number): void {
    this.progress = { current, total };
    this.progressDirty = true;
    this.tick();
  }

  /**
   * Stops the ticker and writes the last progress and pending log lines; safe to call again. Events are not
   * waited for: Postgres, the source of truth, must not wait on Redis (see settleEvents).
   */
  async flush(): Promise<void> {
    clearInterval(this.ticker);
    await this.writing;
    if (this.progressDirty) await this.write();
    this.flushLogs();
    await this.logWrites;
  }

  /**
   * Stops the ticker and hands over what is left to store, for the transaction that finishes the run to store with
   * it: the last progress (its event is published now) and the log lines not written yet. Waits for the writes under
   * way, so that lines keep their order and no heartbeat lands after the run ended.
   */
  async close(): Promise<{ progress?: { current: number; total: number }; logs: RunLogLine[] }> {
    clearInterval(this.ticker);
    await this.writing;
    const progress = this.progressDirty ? this.progress : undefined;
    this.progressDirty = false;
    if (progress) this.publishProgress(progress);
    await this.logWrites;
    return { progress, logs: this.takeLogs() };
  }

  /** The log lines not written yet, for their caller to store. */
  private takeLogs(): RunLogLine[] {
    clearTimeout(this.logTimer);
    this.logTimer = undefined;
    const lines = this.logBuffer;
    this.logBuffer = [];
    return lines;
  }

  /** Waits for the events published so far, at most `timeoutMs`. */
  async settleEvents(timeoutMs: number): Promise<void> {
    await this.published.settle(timeoutMs);
  }

  private tick(): void {
    if (this.writing) return;
    const now = Date.now();
    const due = this.progressDirty ? now - this.lastProgressMs >= this.o.progressIntervalMs : now - this.lastWriteMs >= this.o.heartbeatMs;
    if (!due) return;
    this.writing = this.write().finally(() => (this.writing = undefined));
  }

  private async write(): Promise<void> {
    const progress = this.progressDirty ? this.progress : undefined;
    this.progressDirty = false;
    this.lastWriteMs = Date.now();
    if (progress) {
      this.lastProgressMs = this.lastWriteMs;
      this.publishProgress(progress);
    }
    try {
      const state = await touchRunningRun(this.o.db, this.o.hold, progress);
      if (!state.held) this.o.onStopRequested(state.loss);
      else if (state.cancel_requested_at) this.o.onStopRequested('cancel');
    } catch (err) {
      // A missed heartbeat is harmless; the next tick retries, and the outcome write reports a lasting outage.
      this.o.logger.warn('could not record run progress', { run_id: this.o.hold.runId, error: String(err) });
    }
  }

  /** The progress event, and the queue job's mirror of it. */
  private publishProgress(progress: { current: number; total: number }): void {
    const percentage = progress.total > 0 ? Math.round((progress.current / progress.total) * 10_000) / 100 : 0;
    this.event({ event: 'progress', data: { percentage, current: progress.current, total: progress.total } });
    this.o.onProgress?.(percentage);
  }

  private flushLogs(): void {
    const lines = this.takeLogs();
    if (lines.length === 0) return;
    this.logWrites = this.logWrites
      .then(() => appendRunLogs(this.o.db, this.o.hold.runId, lines))
      .catch((err: unknown) => {
        this.o.logger.warn('could not store run log lines', { run_id: this.o.hold.runId, error: String(err) });
      });
  }
}
