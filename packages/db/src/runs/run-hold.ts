import type { DbOrTrx } from '../database';

/**
 * A worker's hold on a run: the `attempts` value its claim produced. Two workers can hold the same run for a
 * while (a lost queue lock hands the job to a second worker before the first notices), so every write a worker
 * makes for its run is fenced by its attempt and refused once a later claim has counted another.
 */
export interface RunHold {
  runId: string;
  attempt: number;
}

/** Why a hold no longer applies: a later attempt claimed the run, or the run was deleted or left `running`. */
export type RunHoldLoss = 'taken-over' | 'gone';

/** The result of a fenced write: done (with what it returns), or refused because the hold was lost. */
export type Fenced<T> = ({ held: true } & T) | { held: false; loss: RunHoldLoss };

/** Why a fenced write of `hold` matched no row. */
export async function holdLoss(db: DbOrTrx, hold: RunHold): Promise<RunHoldLoss> {
  const row = await db.selectFrom('runs').select('attempts').where('run_id', '=', hold.runId).executeTakeFirst();
  return row && row.attempts !== hold.attempt ? 'taken-over' : 'gone';
}
