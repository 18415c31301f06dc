import type { RunJobDescriptor } from '@studio/contracts';
import { enqueueRun } from '@studio/runtime';
import type { AppDeps } from '../deps';

/** Fails after `ms`; the queue's Redis connection queues commands while Redis is away instead of failing them. */
async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Adds the run's job (id = run id, named and described by benchmark and model for dashboards); fails after
 * RUN_QUEUE_TIMEOUT_MS, though a timed-out add may still land.
 */
export async function enqueueRunJob(deps: AppDeps, run: RunJobDescriptor): Promise<void> {
  await withTimeout(enqueueRun(deps.runQueue, run), deps.config.runQueueTimeoutMs, 'enqueueing the run');
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
