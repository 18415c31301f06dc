import { UnrecoverableError, type Job } from 'bullmq';
import type { RunJobResult, RunStatus } from '@studio/contracts';

/** A run as its outcome was recorded in Postgres. */
export interface RecordedRunOutcome {
  status: Extract<RunStatus, 'completed' | 'failed' | 'canceled'>;
  error?: string | null;
}

/**
 * How a run job ends once the run's outcome is in Postgres (the source of truth), so that the queue tells the same
 * story to dashboards: the processor returns what this returns, or lets it throw.
 * - completed: the job completes with `{status: 'completed'}`;
 * - canceled: the job completes with `{status: 'canceled'}` (a user's decision, not a failure to alert on);
 * - failed: throws an `UnrecoverableError` carrying the run's error, so the job lands in the failed list with that
 *   error as its `failedReason`, at once: BullMQ spends no further attempt on a run whose failure is recorded.
 */
export function settleRunJob(run: RecordedRunOutcome): RunJobResult {
  if (run.status === 'failed') throw new UnrecoverableError(run.error?.trim() || 'Run failed');
  return { status: run.status };
}

/**
 * Mirrors the run's progress (the `percentage` of its progress events) on the job, for dashboards. Never throws:
 * the job may be gone (a reset queue) and progress shown on a dashboard is not worth failing a run for. Returns
 * whether the job took it.
 */
export async function mirrorRunJobProgress(job: Pick<Job, 'updateProgress'>, percentage: number): Promise<boolean> {
  try {
    await job.updateProgress(Math.min(100, Math.max(0, percentage)));
    return true;
  } catch {
    return false;
  }
}
