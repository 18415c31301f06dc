import type { RunJobDescriptor } from '@studio/contracts';
import { enqueueRun, enqueueRuns } from '@studio/runtime';
import type { AppDeps } from '../deps';
import { withTimeout } from '../common/with-timeout';

/**
 * Adds the run's job (id = run id, named and described by benchmark and model for dashboards); fails after
 * RUN_QUEUE_TIMEOUT_MS, though a timed-out add may still land.
 */
export async function enqueueRunJob(deps: AppDeps, run: RunJobDescriptor): Promise<void> {
  await withTimeout(enqueueRun(deps.runQueue, run), deps.config.runQueueTimeoutMs, 'enqueueing the run');
}

/** Adds the jobs of several runs in one step (all land or none), with the same timeout. */
export async function enqueueRunJobs(deps: AppDeps, runs: readonly RunJobDescriptor[]): Promise<void> {
  await withTimeout(enqueueRuns(deps.runQueue, runs), deps.config.runQueueTimeoutMs, 'enqueueing the runs');
}

/**
 * Enqueues a finished run again: its finished job keeps the run id for a while and would turn the add into a no-op,
 * so it is removed first.
 */
export async function reenqueueRunJob(deps: AppDeps, run: RunJobDescriptor): Promise<void> {
  await withTimeout(deps.runQueue.remove(run.run_id), deps.config.runQueueTimeoutMs, 'removing the finished run job');
  await enqueueRunJob(deps, run);
}

/**
 * Takes a waiting job off the queue. A job a worker already holds stays (BullMQ refuses to remove a
 * locked job); failures are logged only, since a worker drops jobs whose run is canceled or gone.
 */
export async function removeRunJob(deps: AppDeps, runId: string): Promise<void> {
  await withTimeout(deps.runQueue.remove(runId), deps.config.runQueueTimeoutMs, 'removing the run job').catch((error: unknown) =>
    deps.logger.warn('run job not removed from the queue', { run_id: runId, error }),
  );
}
