/**
 * Outcome recording: how an attempt at a run ended, written to Postgres (the source of truth) and then published.
 * A finished run's results are computed from its stored samples, so they always match samples.jsonl and the .eval
 * log; nothing is recorded for a run this attempt no longer holds.
 */
import { RUN_EXIT_CODE, type TokenUsage } from '@studio/contracts';
import { cancelUnclaimedRun, countRunSamples, finishRun, sumRunSampleUsage, type Db, type RunFinish, type RunHold, type RunResults, type RunSampleOutcome } from '@studio/db';
import { summarizeResults, type EvalSession, type WorkItem } from '@studio/engine';
import type { Logger, RecordedRunOutcome, RunEventPublisher, WebhookQueue } from '@studio/runtime';
import { DB_RETRY_DELAYS_MS, retryDbWrite } from './db-write.retry';
import { messageOf } from './error-message.util';
import { EventChain } from './event.chain';
import { announceRunEnd } from './webhook.announce';
import type { RunControl, StopReason } from './run.control';
import type { RunReporter } from './run.reporter';
import type { UnwrittenSamples } from './sample.sink';

/** How long an attempt waits for its last events once its outcome is in Postgres; Redis may be away meanwhile. */
const EVENT_SETTLE_MS = 5_000;
/** A run handed back because the database is away waits this long in the queue before it resumes. */
export const OUTAGE_HANDBACK_DELAY_MS = 10_000;

/** Why an attempt stops without recording anything: the run is no longer this attempt's to record. */
export type AbandonReason = Extract<StopReason, 'gone' | 'taken-over' | 'lock-lost'>;

/** How an attempt at a run ended, before it is recorded. */
export type Outcome =
  /** `results` and their log `lines` are computed over every row the run will have stored; `lastSamples` are not stored yet. */
  | { kind: 'completed'; results: RunResults; lines: string[]; lastSamples: UnwrittenSamples }
  | { kind: 'failed'; error: string }
  | { kind: 'canceled' }
  | { kind: 'hand-back'; cause: 'shutdown' }
  | { kind: 'hand-back'; cause: 'database'; error: string }
  | { kind: 'abandoned'; reason: AbandonReason };

export function isAbandoned(reason: StopReason | undefined): reason is AbandonReason {
  return reason === 'gone' || reason === 'taken-over' || reason === 'lock-lost';
}

/** The outcome of a run stopped before the engine finished it. */
export function stoppedOutcome(control: RunControl): Outcome {
  const reason = control.stopReason;
  if (reason === 'hand-back') return { kind: 'hand-back', cause: 'shutdown' };
  if (isAbandoned(reason)) return { kind: 'abandoned', reason };
  return { kind: 'canceled' };
}

export interface OutcomeRecorderDeps {
  db: Db;
  events: RunEventPublisher;
  logger: Logger;
  workerId: string;
  webhooks: WebhookQueue;
}

export class OutcomeRecorder {
  constructor(private readonly deps: OutcomeRecorderDeps) {}

  /**
   * Writes the outcome to Postgres, then publishes it, waiting a bounded time for the events: a Redis outage
   * delays them but never keeps a finished run `running`. Nothing is published for a run that moved on meanwhile.
   */
  async record(hold: RunHold, outcome: Outcome, reporter: RunReporter): Promise<RecordedRunOutcome | undefined> {
    const recorded = await this.write(hold, outcome, reporter);
    if (recorded) await announceRunEnd(this.deps.db, this.deps.webhooks, this.deps.logger, hold.runId);
    await reporter.settleEvents(EVENT_SETTLE_MS);
    return recorded;
  }

  /** A run that was canceled before a worker started it, or raced to a final state meanwhile. */
  async recordUnstarted(runId: string): Promise<RecordedRunOutcome | undefined> {
    const { db, events, logger } = this.deps;
    const finished = await cancelUnclaimedRun(db, runId);
    if (!finished) return undefined;
    await announceRunEnd(db, this.deps.webhooks, logger, runId);
    const chain = new EventChain(events, runId, logger);
    const finishedAt = finished.finished_at!.toISOString();
    chain.push({ event: 'status', data: { status: 'canceled', timestamp: new Date().toISOString() } });
    chain.push({ event: 'canceled', data: { finished_at: finishedAt } });
    await chain.settle(EVENT_SETTLE_MS);
    return { status: 'canceled' };
  }

  /** The outcome as written, or undefined when nothing final was recorded (abandoned, handed back). */
  private async write(hold: RunHold, outcome: Outcome, reporter: RunReporter): Promise<RecordedRunOutcome | undefined> {
    const { db, logger, workerId } = this.deps;
    const { runId } = hold;
    if (outcome.kind === 'abandoned' || outcome.kind === 'hand-back') {
      // Writes the last progress and stops the heartbeat.
      await reporter.flush();
      if (outcome.kind === 'abandoned') {
        logger.warn('run is no longer held by this attempt; nothing recorded', { run_id: runId, attempt: hold.attempt, reason: outcome.reason });
        // A deleted run has nowhere to log; otherwise the log says why this attempt stopped.
        if (outcome.reason === 'gone') return undefined;
        reporter.log('stderr', abandonedLine(workerId, hold.attempt, outcome.reason));
      } else if (outcome.cause === 'database') {
        reporter.log(
          'stderr',
          `The database is unavailable (${outcome.error}): run handed back to the queue; it resumes from its stored samples in ${OUTAGE_HANDBACK_DELAY_MS / 1000} s`,
        );
      } else {
        reporter.log(
          'stdout',
          `Worker ${workerId} is shutting down: run handed back to the queue with ${await countRunSamples(db, runId)} samples saved; another worker resumes it`,
        );
      }
      await reporter.flush();
      return undefined;
    }
    let finish: RunFinish;
    if (outcome.kind === 'completed') {
      for (const line of outcome.lines) reporter.log('stdout', line);
      finish = { status: 'completed', results: outcome.results };
    } else if (outcome.kind === 'failed') {
      reporter.log('stderr', `Run failed: ${outcome.error}`);
      finish = { status: 'failed', error: outcome.error };
    } else {
      finish = { status: 'canceled' };
    }
    const { status } = finish;
    // The last samples, the last progress and the log lines not written yet (the closing ones above among them) are
    // stored by finishRun's transaction: one transaction between the last sample and the outcome.
    const closing = { ...(await reporter.close()), samples: outcome.kind === 'completed' ? outcome.lastSamples.rows : [] };
    const written = await this.retrying(hold, () => finishRun(db, hold, finish, closing));
    if (!written.held) {
      // Nothing of the closing was stored with it: it reports an outcome that is not the run's.
      logger.warn('run is no longer held by this attempt; outcome not recorded', { run_id: runId, attempt: hold.attempt, outcome: status, reason: written.loss });
      return undefined;
    }
    if (outcome.kind === 'completed') outcome.lastSamples.stored();
    const finished = written.run;
    const finishedAt = finished.finished_at!.toISOString();
    reporter.status(status);
    if (status === 'completed') reporter.event({ event: 'completed', data: { exit_code: RUN_EXIT_CODE.completed, finished_at: finishedAt } });
    else if (status === 'failed') reporter.event({ event: 'failed', data: { exit_code: RUN_EXIT_CODE.failed, error: finished.error ?? '', finished_at: finishedAt } });
    else reporter.event({ event: 'canceled', data: { finished_at: finishedAt } });
    return { status, error: finished.error };
  }

  /**
   * The outcome's reads and its write, retried with backoff: the samples are all stored by then, and a database
   * blip must not cost the run. A failure past the retries fails the job; BullMQ retries it, and the reconciler
   * re-enqueues a run whose job failed, each time resuming with nothing left to run but this write.
   */
  private retrying<T>(hold: RunHold, write: () => Promise<T>): Promise<T> {
    return retryDbWrite(write, DB_RETRY_DELAYS_MS, (err, delayMs) =>
      this.deps.logger.warn('could not record the outcome of a run; retrying', { run_id: hold.runId, attempt: hold.attempt, error: messageOf(err), delay_ms: delayMs }),
    );
  }
}

/**
 * A completed run's results and closing log lines, over every row it stores (`samples`), not this attempt's scores,
 * so that the metrics match samples.jsonl and the .eval log.
 */
export function completedResults(session: EvalSession, plan: readonly WorkItem[], samples: readonly RunSampleOutcome[]): { results: RunResults; lines: string[] } {
  // The engine's usage covers this attempt only; stored rows cover every attempt exactly once.
  const sums = sumRunSampleUsage(samples);
  const { results, reductions } = session.results(plan, samples);
  const summary = summarizeResults(results, reductions);
  // Stored samples keep the model's usage apart from the rest only, so the judges' calls share one entry.
  const graderId = session.graderModel ?? (Object.values(session.judgeModels).join(' + ') || undefined);
  const usage: Record<string, TokenUsage> = { [session.settings.model]: sums.model };
  if (graderId && sums.other.total_tokens > 0) usage[graderId] = addUsage(usage[graderId], sums.other);
  const totals = Object.values(usage).reduce((a, b) => addUsage(a, b));
  const lines = summary.metrics.map((m) => metricLine(m.name, m.value, m.stderr, m.ci_lower, m.ci_upper));
  lines.push(`Completed: ${summary.scored_samples} samples scored, ${totals.total_tokens} tokens`);
  return {
    results: {
      metrics: summary.metrics,
      breakdowns: summary.breakdowns,
      scores: results,
      primaryMetric: summary.primary_metric,
      modelUsage: usage,
      usage: totals,
    },
    lines,
  };
}

function abandonedLine(workerId: string, attempt: number, reason: Exclude<AbandonReason, 'gone'>): string {
  const why = reason === 'taken-over' ? 'a later attempt took the run over' : "it lost the run's queue lock";
  return `Worker ${workerId} stopped attempt ${attempt}: ${why}; the run continues from its stored samples`;
}

function addUsage(a: TokenUsage | undefined, b: TokenUsage): TokenUsage {
  return {
    input_tokens: (a?.input_tokens ?? 0) + b.input_tokens,
    output_tokens: (a?.output_tokens ?? 0) + b.output_tokens,
    total_tokens: (a?.total_tokens ?? 0) + b.total_tokens,
  };
}

function metricLine(name: string, value: number, stderr: number | null, lower: number | null, upper: number | null): string {
  const parts = [`${name}: ${value.toFixed(4)}`];
  if (stderr !== null) parts.push(`stderr ${stderr.toFixed(4)}`);
  if (lower !== null && upper !== null) parts.push(`95% CI ${lower.toFixed(4)}–${upper.toFixed(4)}`);
  return parts.join(', ');
}
