import { setTimeout as sleep } from 'node:timers/promises';
import { isTerminal, type RunStatus } from '@studio/contracts';
import { cancelQueuedRun, listPendingRunDeliveries, requestRunCancel } from '@studio/db';
import { enqueueWebhookDeliveries } from '@studio/runtime';
import type { AppDeps } from '../deps';
import { AppError } from '../errors/app-error';
import { withTimeout } from '../common/with-timeout';
import { requireOwnedRun, requireRun } from './run-access.guard';
import { removeRunJob } from './run-jobs';
import { RunSignals } from './run-signals';
import type { RunStatusResponse } from './run.types';

const CANCEL_WAIT_MS = 3000;
/** The cancel answers after this even when Redis does not; the sweep enqueues what did not make it. */
const ENQUEUE_TIMEOUT_MS = 2000;
const CANCEL_POLL_MS = 100;

/** `POST /api/runs/{id}/cancel`. */
export class RunCancelService {
  private readonly signals: RunSignals;
  constructor(private readonly deps: AppDeps) {
    this.signals = new RunSignals(deps);
  }

  /**
   * A queued run is taken off the queue and canceled here. A running one is asked to stop (the worker
   * holding it listens for cancel requests and also checks `cancel_requested_at`); the answer waits a
   * few seconds for the worker to finish it. A run that ends on its own meanwhile is RUN_NOT_RUNNING.
   */
  async cancel(id: string, userId: string): Promise<RunStatusResponse> {
    let row = await requireOwnedRun(this.deps.db, id, userId);
    const runId = row.run_id;
    if (row.status === 'queued') {
      if (await this.cancelQueued(runId)) return { status: 'canceled' };
      // A worker took the job between the read and the transition.
      row = await requireRun(this.deps.db, runId);
    }
    const notRunning = () => new AppError('RUN_NOT_RUNNING', 'This benchmark is not currently running');
    if (row.status !== 'running') throw notRunning();
    // Undefined when the run ended between the read and this update.
    if (!(await requestRunCancel(this.deps.db, runId))) throw notRunning();
    await this.signals.requestCancel(runId);
    this.deps.logger.info('run cancel requested', { run_id: runId, user_id: userId });
    const status = await this.waitForEnd(runId);
    // A worker ends a canceled run as `canceled`; completed or failed, the run ended on its own before the cancel took effect.
    if (status === 'completed' || status === 'failed')
      throw new AppError('RUN_NOT_RUNNING', `This benchmark ${status} on its own before it could be canceled`);
    return { status };
  }

  /** Queued → canceled; false when the run is no longer queued (a worker took it). */
  private async cancelQueued(runId: string): Promise<boolean> {
    await removeRunJob(this.deps, runId);
    const canceled = await cancelQueuedRun(this.deps.db, runId);
    if (!canceled) return false;
    await this.signals.status(runId, 'canceled');
    await this.signals.canceled(runId, canceled.finished_at!);
    this.deps.logger.info('queued run canceled', { run_id: runId });
    await this.announceEnd(runId);
    return true;
  }

  /**
   * Enqueues the webhook deliveries the cancel recorded with the run's end. After the commit, so a delivery never
   * announces an end that did not happen; if this fails (Redis away, a crash), the worker's sweep enqueues them.
   */
  private async announceEnd(runId: string): Promise<void> {
    try {
      const ids = await listPendingRunDeliveries(this.deps.db, runId);
      await withTimeout(enqueueWebhookDeliveries(this.deps.webhookQueue, ids), ENQUEUE_TIMEOUT_MS, 'enqueueing webhook deliveries');
    } catch (error) {
      this.deps.logger.warn('webhook deliveries not enqueued; the sweep will', { run_id: runId, error: String(error) });
    }
  }

  private async waitForEnd(runId: string): Promise<RunStatus> {
    const deadline = Date.now() + CANCEL_WAIT_MS;
    for (;;) {
      const { status } = await requireRun(this.deps.db, runId);
      if (isTerminal(status) || Date.now() >= deadline) return status;
      await sleep(CANCEL_POLL_MS);
    }
  }
}
