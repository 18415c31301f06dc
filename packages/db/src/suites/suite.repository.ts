/** The `suites` table and the runs that belong to a suite. */
import type { RunStatus } from '@studio/contracts';
import type { Db, DbOrTrx } from '../database';
import { isUuid } from '../query.util';
import type { NewRun, RunRow } from '../runs/run.table';
import type { NewSuite, SuiteRow } from './suite.table';

/** Inserts the suite and all its runs at once: a failure leaves neither. */
export async function insertSuiteWithRuns(db: Db, suite: NewSuite, runs: readonly NewRun[]): Promise<{ suite: SuiteRow; runs: RunRow[] }> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('suites').values(suite).returningAll().executeTakeFirstOrThrow();
    const inserted = await trx
      .insertInto('runs')
      .values(runs.map((r) => ({ ...r, suite_id: row.suite_id })))
      .returningAll()
      .execute();
    return { suite: row, runs: inserted };
  });
}

export async function findSuite(db: DbOrTrx, suiteId: string): Promise<SuiteRow | undefined> {
  if (!isUuid(suiteId)) return undefined;
  return db.selectFrom('suites').selectAll().where('suite_id', '=', suiteId).executeTakeFirst();
}

/** The suite's runs, oldest first (the order they were created in). */
export async function listSuiteRuns(db: DbOrTrx, suiteId: string): Promise<RunRow[]> {
  return db.selectFrom('runs').selectAll().where('suite_id', '=', suiteId).orderBy('created_at').orderBy('run_id').execute();
}

/** The runs of several suites, for a page of the suite list. */
export async function listRunsOfSuites(db: DbOrTrx, suiteIds: readonly string[]): Promise<RunRow[]> {
  if (suiteIds.length === 0) return [];
  return db.selectFrom('runs').selectAll().where('suite_id', 'in', [...suiteIds]).execute();
}

/** The user's suites, newest first. */
export async function listSuites(db: DbOrTrx, userId: string, page: number, perPage: number): Promise<{ rows: SuiteRow[]; total: number }> {
  const base = db.selectFrom('suites').where('user_id', '=', userId);
  const [{ total }] = await base.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await base
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('suite_id')
    .limit(perPage)
    .offset((page - 1) * perPage)
    .execute();
  return { rows, total: Number(total) };
}

/**
 * Deletes the suite with its runs, all or nothing: when one of its runs is in none of `from` (a worker holds it), nothing
 * is deleted and the answer is undefined. Returns the deleted runs with the status each had.
 */
export async function deleteSuiteWithRuns(
  db: Db,
  suiteId: string,
  from: readonly RunStatus[],
): Promise<Pick<RunRow, 'run_id' | 'status'>[] | undefined> {
  return db
    .transaction()
    .execute(async (trx) => {
      const deleted = await trx.deleteFrom('runs').where('suite_id', '=', suiteId).where('status', 'in', [...from]).returning(['run_id', 'status']).execute();
      const left = await trx.selectFrom('runs').select('run_id').where('suite_id', '=', suiteId).executeTakeFirst();
      if (left) throw new SuiteStillRunning();
      await trx.deleteFrom('suites').where('suite_id', '=', suiteId).execute();
      return deleted;
    })
    .catch((err: unknown) => {
      if (err instanceof SuiteStillRunning) return undefined;
      throw err;
    });
}

class SuiteStillRunning extends Error {}
