/** Exports of runs as CSV or JSON files, built in the browser from what the API returned. */
import type { RunSummary } from '../api/types';
import { runDurationMs } from './format';

type Cell = string | number | boolean | null | undefined;

/**
 * One CSV field (RFC 4180). Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first)
 * gets a leading apostrophe, so an exported tag or model name cannot execute anything when opened.
 */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(header: string[], rows: Cell[][]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export const RUN_CSV_HEADER = [
  'run_id',
  'benchmark',
  'model',
  'status',
  'primary_metric_name',
  'primary_metric',
  'primary_metric_ci_lower',
  'primary_metric_ci_upper',
  'created_at',
  'started_at',
  'finished_at',
  'duration_seconds',
  'total_tokens',
  'tags',
  'notes',
];

export function runsToCsv(runs: RunSummary[]): string {
  return toCsv(
    RUN_CSV_HEADER,
    runs.map((r) => {
      const ms = r.finished_at ? runDurationMs(r) : null;
      return [
        r.run_id,
        r.benchmark,
        r.model,
        r.status,
        r.primary_metric_name,
        r.primary_metric,
        r.primary_metric_ci_lower,
        r.primary_metric_ci_upper,
        r.created_at,
        r.started_at,
        r.finished_at,
        ms === null ? null : Math.round(ms) / 1000,
        r.total_tokens,
        r.tags.join(';'),
        r.notes,
      ];
    }),
  );
}

export function runsToJson(runs: RunSummary[]): string {
  return `${JSON.stringify(runs, null, 2)}\n`;
}

/** Saves `content` as a file through the browser's download. */
export function downloadText(filename: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** `openbench-runs-2026-12-06.csv` */
export const exportFilename = (what: string, ext: string, now = new Date()) =>
  `openbench-${what}-${now.toISOString().slice(0, 10)}.${ext}`;
