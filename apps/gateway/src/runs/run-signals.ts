import type { RunEvent, RunStatus } from '@studio/contracts';
import type { RunRow } from '@studio/db';
import type { AppDeps } from '../deps';

/**
 * The gateway's side of the run protocol (`@studio/runtime`): the events of the status changes it makes,
 * cancel requests and the removal of deleted runs' events. Redis carries a live view; PostgreSQL holds the
 * truth, so none of these fails a request: a failure is logged, and SSE rebuilds what was lost from the row.
 */
export class RunSignals {
  constructor(private readonly deps: AppDeps) {}

  async status(runId: string, status: RunStatus): Promise<void> {
    await this.publish(runId, { event: 'status', data: { status, timestamp: new Date().toISOString() } });
  }

  async canceled(runId: string, finishedAt: Date): Promise<void> {
    await this.publish(runId, { event: 'canceled', data: { finished_at: finishedAt.toISOString() } });
  }

  /** A worker that misses the message sees the run's `cancel_requested_at` on its next progress tick. */
  async requestCancel(runId: string): Promise<void> {
    await this.deps.runProtocol
      .requestCancel(runId)
      .catch((error: unknown) => this.deps.logger.warn('cancel not published; the worker will see cancel_requested_at', { run_id: runId, error }));
  }

  /**
   * Ends the streams of deleted runs. A queued run had no final event yet, and its watchers would wait for one
   * forever: it gets `canceled` first (a finished run's watchers already had their final event). Then the
   * streams are removed.
   */
  async endStreams(runs: readonly Pick<RunRow, 'run_id' | 'status'>[]): Promise<void> {
    const finishedAt = new Date();
    await Promise.all(runs.filter((r) => r.status === 'queued').map((r) => this.canceled(r.run_id, finishedAt)));
    await this.dropStreams(runs.map((r) => r.run_id));
  }

  /** Removes the streams of runs nobody watches (their ids were never handed out). */
  async dropStreams(runIds: readonly string[]): Promise<void> {
    await this.deps.runProtocol
      .deleteEvents(runIds)
      .catch((error: unknown) => this.deps.logger.warn('run event streams not deleted', { run_ids: runIds, error }));
  }

  private async publish(runId: string, event: RunEvent): Promise<void> {
    await this.deps.runProtocol.publish(runId, event).catch((error: unknown) => this.deps.logger.warn('run event not published', { run_id: runId, error }));
  }
}
