/** The `run_logs` table: a run's log lines, appended by the worker, read by `run.log` and the run's page. */
import type { DbOrTrx } from '../database';
import { postgresText } from '../postgres-text';
import { pagedByKey } from '../query.util';
import type { RunLogRow } from './run-log.table';

/** One line of a run's log as a worker writes it. */
export interface RunLogLine {
  stream: 'stdout' | 'stderr';
  line: string;
}

export async function appendRunLogs(db: DbOrTrx, runId: string, lines: readonly RunLogLine[]): Promise<void> {
  if (lines.length === 0) return;
  await db.insertInto('run_logs').values(lines.map((l) => ({ run_id: runId, stream: l.stream, line: postgresText(l.line) }))).execute();
}

export async function listRunLogs(db: DbOrTrx, runId: string, tail?: number): Promise<RunLogRow[]> {
  if (tail === undefined) return db.selectFrom('run_logs').selectAll().where('run_id', '=', runId).orderBy('id').execute();
  const rows = await db.selectFrom('run_logs').selectAll().where('run_id', '=', runId).orderBy('id', 'desc').limit(tail).execute();
  return rows.reverse();
}

/** The last `tail` lines of one stream, oldest first. */
export async function listRunLogTail(db: DbOrTrx, runId: string, stream: 'stdout' | 'stderr', tail: number): Promise<string[]> {
  if (tail <= 0) return [];
  const rows = await db
    .selectFrom('run_logs')
    .select('line')
    .where('run_id', '=', runId)
    .where('stream', '=', stream)
    .orderBy('id', 'desc')
    .limit(tail)
    .execute();
  return rows.reverse().map((r) => r.line);
}

/** Streams a run's log lines in order, a page at a time. */
export function iterateRunLogs(db: DbOrTrx, runId: string, pageSize = 1000): AsyncGenerator<RunLogRow> {
  return pagedByKey(pageSize, 0, (row) => row.id, (after) =>
    db.selectFrom('run_logs').selectAll().where('run_id', '=', runId).where('id', '>', after).orderBy('id').limit(pageSize).execute(),
  );
}
