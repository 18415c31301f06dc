import type { RunStatus } from '@studio/contracts';
import { deleteRunRows, findRun, findRuns, type RunRow } from '@studio/db';
import type { DeletedResponse } from '../api-keys/api-key.service';
import type { AppDeps } from '../deps';
import { AppError, validationError } from '../errors/app-error';
import { requireOwnedRun } from './run-access.guard';
import { removeRunJob } from './run-jobs';
import { RunSignals } from './run-signals';
import type { BulkDeleteIds, BulkDeleteResponse } from './run.types';

const MAX_BULK_DELETE = 1000;
/** Every status but `running`: a worker holds a running run, so it is never deleted under it. */
export const DELETABLE: readonly RunStatus[] = ['queued', 'completed', 'failed', 'canceled'];

export const stillRunning = () => new AppError('RUN_STILL_RUNNING', 'Cannot delete a running benchmark; cancel it first');

/** Deleting runs with their samples, logs, queue job and event history. */
export class RunDeleteService {
  private readonly signals: RunSignals;
  constructor(private readonly deps: AppDeps) {
    this.signals = new RunSignals(deps);
  }

  async remove(id: string, userId: string): Promise<DeletedResponse> {
    const row = await requireOwnedRun(this.deps.db, id, userId);
    const runId = row.run_id;
    if (row.status === 'running') throw stillRunning();
    if (row.status === 'queued') await removeRunJob(this.deps, runId);
    const deleted = await deleteRunRows(this.deps.db, [runId], DELETABLE);
    if (deleted.length === 0) {
      if ((await findRun(this.deps.db, runId))?.status === 'running') throw stillRunning();
      throw new AppError('RUN_NOT_FOUND', 'Run not found');
    }
    await this.signals.endStreams(deleted);
    this.deps.logger.info('run deleted', { run_id: runId, user_id: userId });
    return { status: 'deleted' };
  }

  async bulkRemove(userId: string, runIds: readonly string[]): Promise<BulkDeleteResponse> {
    if (runIds.length > MAX_BULK_DELETE) throw validationError('run_ids', `at most ${MAX_BULK_DELETE} runs per request`);
    const ids = [...new Set(runIds)];
    const details: BulkDeleteIds = { deleted: [], failed: [], running: [], not_found: [], forbidden: [] };
    const found = new Map((await findRuns(this.deps.db, ids)).map((r) => [r.run_id, r]));
    const candidates: RunRow[] = [];
    for (const id of ids) {
      const row = found.get(id.toLowerCase());
      if (!row) details.not_found.push(id);
      else if (row.user_id !== userId) details.forbidden.push(id);
      else if (row.status === 'running') details.running.push(id);
      else candidates.push(row);
    }
    await Promise.all(candidates.filter((r) => r.status === 'queued').map((r) => removeRunJob(this.deps, r.run_id)));
    const deletedRuns = await deleteRunRows(this.deps.db, candidates.map((r) => r.run_id), DELETABLE).catch((error: unknown) => {
      this.deps.logger.error('bulk delete failed', { error });
      return [];
    });
    const deleted = new Set(deletedRuns.map((r) => r.run_id));
    // Runs a worker started since the first read are reported as running, anything else left as failed.
    const left = candidates.filter((r) => !deleted.has(r.run_id)).map((r) => r.run_id);
    const nowRunning = new Set((await findRuns(this.deps.db, left).catch(() => [])).filter((r) => r.status === 'running').map((r) => r.run_id));
    const candidateIds = new Set(candidates.map((r) => r.run_id));
    for (const id of ids) {
      const runId = id.toLowerCase();
      if (!candidateIds.has(runId)) continue;
      if (deleted.has(runId)) details.deleted.push(id);
      else if (nowRunning.has(runId)) details.running.push(id);
      else details.failed.push(id);
    }
    await this.signals.endStreams(deletedRuns);
    this.deps.logger.info('runs bulk deleted', { user_id: userId, deleted: deleted.size });
    return {
      status: 'completed',
      summary: {
        total: ids.length,
        deleted: details.deleted.length,
        failed: details.failed.length,
        running: details.running.length,
        not_found: details.not_found.length,
        forbidden: details.forbidden.length,
      },
      details,
    };
  }
}
