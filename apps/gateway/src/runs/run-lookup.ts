import { findRun, type Db, type RunRow } from '@studio/db';
import { AppError } from '../errors/app-error';

/** The run, or 404 RUN_NOT_FOUND (a malformed id is not found either). */
export async function findRunOrThrow(db: Db, runId: string): Promise<RunRow> {
  const row = await findRun(db, runId);
  if (!row) throw new AppError('RUN_NOT_FOUND', 'Run not found');
  return row;
}
