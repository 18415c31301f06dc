/** Arranging runs in tests: bare runs, claims, and states the named transitions of run-state.repository.ts do not reach. */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../database';
import type { RunHold } from '../runs/run-hold';
import { claimRun } from '../runs/run-state.repository';
import type { RunUpdate } from '../runs/run.table';
import { insertRun } from '../runs/run.repository';

/** A queued run with no owner and only the columns every run needs; returns its id. */
export async function insertBareRun(db: Db): Promise<string> {
  const runId = randomUUID();
  await insertRun(db, { run_id: runId, user_id: null, benchmark: 'mmlu', model: 'openai/m', config: '{}', eval_id: randomBytes(4).toString('hex'), task_id: 'x' });
  return runId;
}

/** A worker's claim of a run, as the hold that fences its writes; throws when the run cannot be claimed. */
export async function claimTestRun(db: Db, runId: string, workerId = 'w'): Promise<RunHold> {
  const claimed = await claimRun(db, runId, workerId);
  if (!claimed) throw new Error(`run ${runId} cannot be claimed`);
  return { runId, attempt: claimed.attempts };
}

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
