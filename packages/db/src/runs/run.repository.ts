/**
 * The `runs` table: inserting, finding, listing, tagging and deleting runs. Every change of a run's state is a
 * named transition in run-state.repository.ts.
 */
import { sql } from 'kysely';
import type { MetricSummary, RunStatus } from '@studio/contracts';
import type { DbOrTrx } from '../database';
import { containsPattern, isUuid } from '../query.util';
import type { NewRun, RunRow } from './run.table';

export async function insertRun(db: DbOrTrx, run: NewRun): Promise<RunRow> {
  return db.insertInto('runs').values(run).returningAll().executeTakeFirstOrThrow();
}

export async function findRun(db: DbOrTrx, runId: string): Promise<RunRow | undefined> {
  if (!isUuid(runId)) return undefined;
  return db.selectFrom('runs').selectAll().where('run_id', '=', runId).executeTakeFirst();
}

/** Runs by id (malformed ids are skipped); order is not guaranteed. */
export async function findRuns(db: DbOrTrx, runIds: readonly string[]): Promise<RunRow[]> {
  const ids = runIds.filter(isUuid);
  if (ids.length === 0) return [];
  return db.selectFrom('runs').selectAll().where('run_id', 'in', ids).execute();
}

/**
 * Deletes the runs that are still in one of `from` (samples and logs cascade), so a run that a worker
 * started in the meantime survives. Returns the runs actually deleted, with the status each had.
 */
export async function deleteRunRows(
  db: DbOrTrx,
  runIds: readonly string[],
  from: readonly RunStatus[],
): Promise<Pick<RunRow, 'run_id' | 'status'>[]> {
  const ids = runIds.filter(isUuid);
  if (ids.length === 0) return [];
  return db.deleteFrom('runs').where('run_id', 'in', ids).where('status', 'in', [...from]).returning(['run_id', 'status']).execute();
}

/** Replaces a run's tags. */
export async function setRunTags(db: DbOrTrx, runId: string, tags: string[]): Promise<void> {
  await db.updateTable('runs').set({ tags, updated_at: new Date() }).where('run_id', '=', runId).execute();
}

export async function setRunNotes(db: DbOrTrx, runId: string, notes: string | null): Promise<void> {
  await db.updateTable('runs').set({ notes, updated_at: new Date() }).where('run_id', '=', runId).execute();
}

export type RunSortField = 'created_at' | 'benchmark' | 'model' | 'status' | 'primary_metric' | 'finished_at';

export interface RunListQuery {
  /** null: anonymous caller, who sees no private runs. */
  viewerId: string | null;
  page: number;
  perPage: number;
  search?: string;
  status?: RunStatus;
  benchmark?: string;
  model?: string;
  tag?: string;
  startedAfter?: Date;
  startedBefore?: Date;
  sortBy: RunSortField;
  sortOrder: 'asc' | 'desc';
}

/** Runs visible to the viewer: their own (runs always belong to their creator). */
function visible(db: DbOrTrx, viewerId: string | null) {
  const q = db.selectFrom('runs');
  return viewerId ? q.where('user_id', '=', viewerId) : q.where(sql<boolean>`false`);
}

/** The columns a run list shows (the API's `RunSummary`), not the run's config, results or log. */
export const RUN_LIST_COLUMNS = [
  'run_id',
  'benchmark',
  'model',
  'status',
  'created_at',
  'started_at',
  'finished_at',
  'primary_metric',
  'primary_metric_name',
  'tags',
  'notes',
  'total_tokens',
] as const;

/** The primary metric's stderr and 95% interval, as its entry in the run's `metrics` holds them. */
export type PrimaryMetricStats = Pick<MetricSummary, 'stderr' | 'ci_lower' | 'ci_upper'>;

export type RunListRow = Pick<RunRow, (typeof RUN_LIST_COLUMNS)[number]> & { primary_metric_stats: PrimaryMetricStats | null };

/** Only the primary metric's entry of `metrics` leaves the database, not the whole array. */
const primaryMetricStatsSql = sql<PrimaryMetricStats | null>`(
  select jsonb_build_object('stderr', e->'stderr', 'ci_lower', e->'ci_lower', 'ci_upper', e->'ci_upper')
  from jsonb_array_elements(coalesce(metrics, '[]'::jsonb)) e where e->>'name' = primary_metric_name limit 1
)`;

/**
 * One page of the viewer's runs, with the number of runs matching: one query (the count as a window over the
 * matching rows) unless the page is past the end, which has no row to carry the count.
 */
export async function listRuns(db: DbOrTrx, q: RunListQuery): Promise<{ rows: RunListRow[]; total: number }> {
  let base = visible(db, q.viewerId);
  if (q.status) base = base.where('status', '=', q.status);
  if (q.benchmark) base = base.where('benchmark', '=', q.benchmark);
  if (q.model) base = base.where('model', '=', q.model);
  if (q.tag) base = base.where(sql<boolean>`${q.tag} = any(tags)`);
  if (q.startedAfter) base = base.where('created_at', '>=', q.startedAfter);
  if (q.startedBefore) base = base.where('created_at', '<=', q.startedBefore);
  if (q.search) {
    const like = containsPattern(q.search);
    base = base.where((eb) =>
      eb.or([
        eb('benchmark', 'ilike', like),
        eb('model', 'ilike', like),
        eb('notes', 'ilike', like),
        eb(sql<string>`array_to_string(tags, ' ')`, 'ilike', like),
      ]),
    );
  }
  const page = await base
    .select([...RUN_LIST_COLUMNS, primaryMetricStatsSql.as('primary_metric_stats'), sql<string>`count(*) over ()`.as('total')])
    .orderBy(q.sortBy, (ob) => (q.sortOrder === 'asc' ? ob.asc() : ob.desc()).nullsLast())
    .orderBy('run_id')
    .limit(q.perPage)
    .offset((q.page - 1) * q.perPage)
    .execute();
  if (page.length === 0) {
    const [{ total }] = await base.select((eb) => eb.fn.countAll<string>().as('total')).execute();
    return { rows: [], total: Number(total) };
  }
  return { rows: page.map(({ total: _total, ...row }) => row), total: Number(page[0].total) };
}

export async function listTags(db: DbOrTrx, viewerId: string | null): Promise<string[]> {
  const rows = await visible(db, viewerId)
    .select(sql<string>`unnest(tags)`.as('tag'))
    .distinct()
    .orderBy('tag')
    .execute();
  return rows.map((r) => r.tag);
}

/** Runs in the given states last touched before `before`, for the reconciler. */
export async function listRunsByStatus(db: DbOrTrx, statuses: RunStatus[], before: Date, limit: number): Promise<RunRow[]> {
  return db
    .selectFrom('runs')
    .selectAll()
    .where('status', 'in', statuses)
    .where('updated_at', '<', before)
    .orderBy('updated_at')
    .limit(limit)
    .execute();
}

/** How many runs are in each status; a status without runs is absent. One index-only scan of `runs_status_idx`. */
export async function countRunsByStatus(db: DbOrTrx): Promise<Partial<Record<RunStatus, number>>> {
  const rows = await db.selectFrom('runs').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
