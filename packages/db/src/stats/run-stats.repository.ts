/**
 * Aggregates over one user's runs for the Studio's dashboards, computed by PostgreSQL (the runs table can
 * hold tens of thousands of runs per user): totals and success rate, runs per day, and the best completed
 * run of each model per benchmark.
 */
import { sql } from 'kysely';
import type { Db } from '../database';

export interface RunStatusCounts {
  queued: number;
  running: number;
  completed: number;
  failed: number;
  canceled: number;
}

export interface RunTotals {
  runs: number;
  by_status: RunStatusCounts;
  /** completed ÷ (completed + failed); null before any run has completed or failed. */
  success_rate: number | null;
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
  benchmarks: number;
  models: number;
  first_run_at: Date | null;
  last_run_at: Date | null;
}

const STATUS_COUNTS = sql`
  count(*) filter (where status = 'queued') as queued,
  count(*) filter (where status = 'running') as running,
  count(*) filter (where status = 'completed') as completed,
  count(*) filter (where status = 'failed') as failed,
  count(*) filter (where status = 'canceled') as canceled`;

/** A row of counts and other columns as the API nests it: the status counts under `by_status`. */
function nestStatus<T extends RunStatusCounts>(row: T): Omit<T, keyof RunStatusCounts> & { by_status: RunStatusCounts } {
  const { queued, running, completed, failed, canceled, ...rest } = row;
  return { ...rest, by_status: { queued, running, completed, failed, canceled } };
}

const SUCCESS_RATE = sql`(count(*) filter (where status = 'completed'))::float8
  / nullif(count(*) filter (where status in ('completed', 'failed')), 0)`;

// Counts are bigint (read as numbers); sums of bigint are numeric, hence the casts back to bigint.
export async function summarizeUserRuns(db: Db, userId: string): Promise<RunTotals> {
  const { rows } = await sql<Omit<RunTotals, 'by_status'> & RunStatusCounts>`
    select count(*) as runs, ${STATUS_COUNTS}, ${SUCCESS_RATE} as success_rate,
      coalesce(sum(input_tokens), 0)::bigint as input_tokens,
      coalesce(sum(output_tokens), 0)::bigint as output_tokens,
      coalesce(sum(total_tokens), 0)::bigint as total_tokens,
      count(distinct benchmark) as benchmarks,
      count(distinct model) as models,
      min(created_at) as first_run_at,
      max(created_at) as last_run_at
    from runs where user_id = ${userId}`.execute(db);
  return nestStatus(rows[0]!);
}

export interface RunDay {
  /** UTC day, `YYYY-MM-DD`. */
  date: string;
  runs: number;
  by_status: RunStatusCounts;
  success_rate: number | null;
  total_tokens: number;
}

/** Runs created on each of the last `days` UTC days (today included), days without runs too, oldest first. */
export async function listUserRunDays(db: Db, userId: string, days: number): Promise<RunDay[]> {
  const { rows } = await sql<Omit<RunDay, 'by_status'> & RunStatusCounts>`
    select to_char(d.day, 'YYYY-MM-DD') as date, count(r.run_id) as runs, ${STATUS_COUNTS}, ${SUCCESS_RATE} as success_rate,
      coalesce(sum(r.total_tokens), 0)::bigint as total_tokens
    from generate_series(
      (now() at time zone 'utc')::date - ${days - 1}::int,
      (now() at time zone 'utc')::date,
      interval '1 day'
    ) as d(day)
    left join runs r on r.user_id = ${userId}
      and r.created_at >= (d.day::timestamp at time zone 'utc')
      and r.created_at < ((d.day + interval '1 day')::timestamp at time zone 'utc')
    group by d.day
    order by d.day`.execute(db);
  return rows.map(nestStatus);
}

export type LeaderboardSort = 'primary_metric' | 'model' | 'finished_at' | 'total_tokens' | 'runs';

export interface LeaderboardRow {
  benchmark: string;
  /** 1 for the best primary metric of the benchmark; ties share a rank. */
  rank: number;
  model: string;
  run_id: string;
  primary_metric_name: string;
  primary_metric: number;
  stderr: number | null;
  ci_lower: number | null;
  ci_upper: number | null;
  /** (sample, epoch) items the run evaluated. */
  samples: number;
  total_tokens: number | null;
  finished_at: Date | null;
  /** Completed runs of this model on the benchmark. */
  runs: number;
}

const SORT_COLUMN: Record<LeaderboardSort, string> = {
  primary_metric: 'primary_metric',
  model: 'model',
  finished_at: 'finished_at',
  total_tokens: 'total_tokens',
  runs: 'runs',
};

/**
 * The best completed run (highest primary metric, the latest on a tie) of each model on each benchmark, with
 * the metric's stderr and interval from the run's metrics; sorted within each benchmark.
 */
export async function listUserLeaderboard(
  db: Db,
  userId: string,
  query: { benchmark?: string; sortBy: LeaderboardSort; sortOrder: 'asc' | 'desc' },
): Promise<LeaderboardRow[]> {
  const order = sql.raw(`${SORT_COLUMN[query.sortBy]} ${query.sortOrder === 'asc' ? 'asc' : 'desc'} nulls last`);
  const { rows } = await sql<LeaderboardRow>`
    with best as (
      select distinct on (benchmark, model)
        benchmark, model, run_id, primary_metric_name, primary_metric, progress_total as samples, total_tokens,
        finished_at, metrics,
        count(*) over (partition by benchmark, model) as runs
      from runs
      where user_id = ${userId} and status = 'completed' and primary_metric is not null
        ${query.benchmark === undefined ? sql`` : sql`and benchmark = ${query.benchmark}`}
      order by benchmark, model, primary_metric desc, finished_at desc nulls last, run_id
    )
    select benchmark, model, run_id, primary_metric_name, primary_metric, samples, total_tokens, finished_at, runs,
      rank() over (partition by benchmark order by primary_metric desc) as rank,
      (m.metric->>'stderr')::float8 as stderr,
      (m.metric->>'ci_lower')::float8 as ci_lower,
      (m.metric->>'ci_upper')::float8 as ci_upper
    from best
    left join lateral (
      select e as metric from jsonb_array_elements(coalesce(best.metrics, '[]'::jsonb)) e
      where e->>'name' = best.primary_metric_name limit 1
    ) m on true
    order by benchmark, ${order}, model, run_id`.execute(db);
  return rows;
}
