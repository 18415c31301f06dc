import type { RunSummary } from '@studio/contracts';
import type { RunRow } from './run.table';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** A run as lists show it and webhook deliveries carry it. */
export function toRunSummary(row: RunRow): RunSummary {
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
    tags: row.tags,
    notes: row.notes,
    total_tokens: row.total_tokens,
  };
}
