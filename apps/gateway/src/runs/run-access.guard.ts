import { findRun, type Db, type RunRow } from '@studio/db';
import { AppError } from '../errors/app-error';

/**
 * The run by its id as the client wrote it, or RUN_NOT_FOUND. Ids match case-insensitively, so Redis keys,
 * queue jobs and logs must use the row's `run_id` from here on, never the id as written.
 */
export async function requireRun(db: Db, id: string): Promise<RunRow> {
  const row = await findRun(db, id);
  if (!row) throw new AppError('RUN_NOT_FOUND', 'Run not found');
  return row;
}

/** The run, if it is the user's to change: RUN_NOT_FOUND or AUTHZ_FORBIDDEN otherwise. */
export async function requireOwnedRun(db: Db, id: string, userId: string): Promise<RunRow> {
  const row = await requireRun(db, id);
  if (row.user_id !== userId) throw new AppError('AUTHZ_FORBIDDEN', "You don't have permission to modify this run");
  return row;
}
