import type { RunSummary } from '@studio/contracts';
import { RUN_LIST_COLUMNS, type RunListRow } from './run.repository';
import type { RunRow } from './run.table';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** A run as lists show it and webhook deliveries carry it. */
export function toRunSummary(row: RunListRow): RunSummary {
  return {
    run_id: row.run_id,
    benchmark: row.benchmark,
    model: row.model,
    status: row.status,
    created_at: row.created_at.toISOString(),
    started_at: iso(row.started_at),
    finished_at: iso(row.finished_at),
    primary_metric: row.primary_metric,
    primary_metric_name: row.primary_metric_name,
    primary_metric_stderr: row.primary_metric_stats?.stderr ?? null,
    primary_metric_ci_lower: row.primary_metric_stats?.ci_lower ?? null,
    primary_metric_ci_upper: row.primary_metric_stats?.ci_upper ?? null,
    tags: row.tags,
    notes: row.notes,
    total_tokens: row.total_tokens,
  };
}

/** A full run row as the list reads it (the list query picks the primary metric's entry of `metrics` in SQL). */
export function toRunListRow(row: RunRow): RunListRow {
  const m = row.metrics?.find((x) => x.name === row.primary_metric_name);
  const listed = Object.fromEntries(RUN_LIST_COLUMNS.map((c) => [c, row[c]])) as Pick<RunRow, (typeof RUN_LIST_COLUMNS)[number]>;
  return { ...listed, primary_metric_stats: m ? { stderr: m.stderr, ci_lower: m.ci_lower, ci_upper: m.ci_upper } : null };
}
