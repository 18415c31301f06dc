/** Arranging runs in tests, where the named transitions of run-state.repository.ts do not reach. */
import type { Db } from '../database';
import type { RunHold } from '../runs/run-hold';
import type { RunUpdate } from '../runs/run.table';

/**
 * Writes columns of a run as given, from whatever state it is in: for a test that needs a state no transition
 * produces (a run completed straight from queued, a canceled run turned failed, other breakdowns).
 */
export async function updateRunRow(db: Db, runId: string, update: RunUpdate): Promise<void> {
  await db.updateTable('runs').set({ ...update, updated_at: new Date() }).where('run_id', '=', runId).execute();
}

/** The hold of the attempt that holds a run now, for a test playing its worker. */
export async function holdOf(db: Db, runId: string): Promise<RunHold> {
  const { attempts } = await db.selectFrom('runs').select('attempts').where('run_id', '=', runId).executeTakeFirstOrThrow();
  return { runId, attempt: attempts };
}
