import { newRunSample, runSampleOutcome, upsertRunSamples, type Db, type NewRunSample, type RunHold, type RunHoldLoss, type RunSampleOutcome } from '@studio/db';
import { storableRecord, storedSampleScore, type SampleRecord } from '@studio/engine';
import { DB_RETRY_DELAYS_MS, retryDbWrite } from './db-write.retry';

export interface SampleSinkOptions {
  batchSize: number;
  flushMs: number;
  /**
   * Batch writes that may be queued or running while samples go on (default 2): the sample that fills a batch waits
   * for the writes only when there are more, so a model call waits on Postgres only when Postgres falls behind.
   */
  maxWritesInFlight?: number;
  /** Plan position of a (sample, epoch), the row's `seq`. */
  seqOf: (record: SampleRecord) => number;
  /** Waits before each retry of a failed batch write (default DB_RETRY_DELAYS_MS). */
  retryDelaysMs?: readonly number[];
  /** Told about each failed batch write that is about to be retried. */
  onRetry?: (err: unknown, delayMs: number, rows: number) => void;
  /** Told how many rows each successful write stored. */
  onStored?: (rows: number) => void;
  /** Nothing is written before it resolves; its rejection fails the sink as a failed write does. */
  after?: Promise<void>;
}

/** A sample write was refused: this worker's attempt no longer holds the run. */
export class RunHoldLostError extends Error {
  override name = 'RunHoldLostError';
  constructor(readonly loss: RunHoldLoss) {
    super(loss === 'taken-over' ? 'a later attempt took the run over' : 'the run was deleted or is no longer running');
  }
}

/** Rows a sink was given and has not written, handed over to be stored with the run's outcome. */
export interface UnwrittenSamples {
  rows: NewRunSample[];
  /** To be called once the rows are stored (the sink's count and `onStored`). */
  stored(): void;
}

/**
 * Writes finished samples to `run_samples` (the record with its score, error and token usage) in batches: a full
 * batch is written at once, in the background while fewer than `maxWritesInFlight` writes are pending, else before
 * `add` returns (the engine awaits it, so a slow database slows the run instead of growing memory); a partial one
 * after `flushMs`. A failed write is retried with backoff (the upsert is idempotent), so a
 * blip of the database costs a few seconds, not the run. A write that still fails, or is refused, is kept and
 * rethrown by the next `add`/`flush`, which stops the run. It keeps each sample's outcome (scores, error, tokens) as
 * the stored row will give it back, so that the run's results need not read the rows again.
 */
export class SampleSink {
  private buffer: NewRunSample[] = [];
  /** Full or flushed batches whose write has not started yet, oldest first: each write takes the oldest. */
  private queued: NewRunSample[][] = [];
  private readonly given: RunSampleOutcome[] = [];
  private writing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private failure: unknown;
  private stored = 0;
  private writesInFlight = 0;

  constructor(
    private readonly db: Db,
    private readonly hold: RunHold,
    private readonly options: SampleSinkOptions,
  ) {
    if (options.after) this.writing = options.after.then(undefined, (err: unknown) => void (this.failure = err));
  }

  /** Rows written by this sink so far. */
  get storedCount(): number {
    return this.stored;
  }

  /** The outcome of every sample given to the sink, as its stored row reads back (listRunSampleOutcomes). */
  get outcomes(): readonly RunSampleOutcome[] {
    return this.given;
  }

  async add(record: SampleRecord): Promise<void> {
    if (this.failure) throw this.failure;
    const row = this.toRow(record);
    this.buffer.push(row);
    this.given.push(runSampleOutcome(row, record.scores));
    if (this.buffer.length < this.options.batchSize) {
      this.timer ??= setTimeout(() => void this.flush().catch(() => undefined), this.options.flushMs);
      return;
    }
    const written = this.flush();
    // A failure is kept and thrown by the next add or flush.
    if (this.writesInFlight > (this.options.maxWritesInFlight ?? 2)) await written;
    else written.catch(() => undefined);
  }

  /** Writes everything buffered and waits for earlier writes. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.buffer;
    this.buffer = [];
    if (batch.length > 0) {
      this.queued.push(batch);
      this.writesInFlight += 1;
      this.writing = this.writing.then(async () => {
        // Nothing left when takeUnwritten took the queued batches back.
        const next = this.queued.shift();
        if (!next || this.failure) return;
        try {
          const written = await retryDbWrite(
            () => upsertRunSamples(this.db, this.hold, next),
            this.options.retryDelaysMs ?? DB_RETRY_DELAYS_MS,
            (err, delayMs) => this.options.onRetry?.(err, delayMs, next.length),
          );
          if (!written.held) throw new RunHoldLostError(written.loss);
          this.counted(next.length);
        } catch (err) {
          this.failure = err;
        }
      }).finally(() => (this.writesInFlight -= 1));
    }
    await this.writing;
    if (this.failure) throw this.failure;
  }

  /**
   * Hands over the rows not written yet (buffered, and batches whose write has not started) instead of writing them,
   * for the transaction that finishes the run to store, and waits for the write under way; throws as flush does. Its
   * first step is synchronous: a caller may do other work before awaiting it.
   */
  async takeUnwritten(): Promise<UnwrittenSamples> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const rows = [...this.queued.flat(), ...this.buffer];
    this.queued = [];
    this.buffer = [];
    await this.writing;
    if (this.failure) throw this.failure;
    return { rows, stored: () => this.counted(rows.length) };
  }

  private counted(rows: number): void {
    this.stored += rows;
    this.options.onStored?.(rows);
  }

  /** The row keeps the record without its images' data (see `storableRecord`). */
  private toRow(record: SampleRecord): NewRunSample {
    return newRunSample(this.hold.runId, this.options.seqOf(record), storedSampleScore(record), storableRecord(record));
  }
}
