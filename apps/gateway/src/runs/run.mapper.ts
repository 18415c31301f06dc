import { RunConfigSchema, isTerminal, type RunConfig } from '@studio/contracts';
import type { RunRow } from '@studio/db';
import type { RunProgress, SummaryV1 } from './run.types';

/** Rows written before a config field existed still parse: missing options become null. */
export function runConfig(row: RunRow): RunConfig {
  return RunConfigSchema.parse(row.config);
}

export function toProgress(row: RunRow): RunProgress {
  const { progress_current: current, progress_total: total } = row;
  return { current, total, percentage: total > 0 ? Math.round((current / total) * 1000) / 10 : 0 };
}

/**
 * Summary v1 of a finished run, built from the metrics the worker stored; null before the run ends and
 * for a run that ended without ever starting (canceled while queued), which has no results to sum up.
 */
export function toSummaryV1(row: RunRow): SummaryV1 | null {
  if (!isTerminal(row.status) || row.started_at === null) return null;
  const primary =
    row.primary_metric_name !== null && row.primary_metric !== null
      ? { name: row.primary_metric_name, value: row.primary_metric, unit: null }
      : null;
  return {
    schema_version: 1,
    primary_metric: primary,
    metrics: (row.metrics ?? []).map((m) => ({ name: m.name, value: m.value, unit: null })),
    breakdowns: (row.breakdowns ?? []).map((b) => ({
      name: b.name,
      items: b.items.map((i) => ({ key: i.key, value: i.value, unit: null })),
    })),
    notes: [],
    token_usage:
      row.total_tokens === null
        ? null
        : { input_tokens: row.input_tokens ?? 0, output_tokens: row.output_tokens ?? 0, total_tokens: row.total_tokens },
    raw: { source: 'results', hint: 'computed by the engine from the scored samples' },
  };
}

/** Python's `shlex.quote`, so the command reads exactly as the original Studio printed it. */
export function shellQuote(arg: string): string {
  if (arg === '') return "''";
  if (!/[^\w@%+=:,./-]/.test(arg)) return arg;
  return `'${arg.replaceAll("'", `'"'"'`)}'`;
}

/** Python's `str(float)` for the values these options take (0.0, 0.5, 1.0). */
function pyFloat(value: number): string {
  return Number.isInteger(value) ? value.toFixed(1) : String(value);
}

/** The `bench eval` command line equivalent to a run's configuration, options in openbench's order. */
export function benchCommand(config: RunConfig): string {
  const argv = ['bench', 'eval', config.benchmark, '--model', config.model];
  const option = (flag: string, value: string | null) => {
    if (value !== null) argv.push(flag, value);
  };
  const int = (value: number | null) => (value === null ? null : String(value));
  option('--limit', int(config.limit));
  option('--temperature', config.temperature === null ? null : pyFloat(config.temperature));
  option('--top-p', config.top_p === null ? null : pyFloat(config.top_p));
  option('--max-tokens', int(config.max_tokens));
  option('--timeout', int(config.timeout));
  option('--epochs', int(config.epochs));
  option('--max-connections', int(config.max_connections));
  option('--seed', int(config.seed));
  option('--model-role', config.grader_model === null ? null : `grader=${config.grader_model}`);
  option('--epochs-reducer', config.epochs_reducer ? config.epochs_reducer.join(',') : null);
  option('--reasoning-effort', config.reasoning_effort ?? null);
  for (const [key, value] of Object.entries(config.task_args ?? {})) option('-T', `${key}=${value}`);
  // openbench: `--fail-on-error 0` means "fail on any error" (its default), so only a looser budget is spelled out.
  if (config.fail_on_error === false) argv.push('--no-fail-on-error');
  else if (typeof config.fail_on_error === 'number' && config.fail_on_error > 0) option('--fail-on-error', String(config.fail_on_error));
  return argv.map(shellQuote).join(' ');
}

/** Deep pages are pointless and an unbounded page would overflow the SQL offset. */
const MAX_PAGE = 1_000_000;

/** Page (≥1) and page size (1..max) clamped the way the original API clamps them, instead of refused. */
export function clampPage(page: number | undefined, perPage: number | undefined, defaultPerPage: number, maxPerPage: number) {
  return {
    page: Math.min(MAX_PAGE, Math.max(1, page ?? 1)),
    perPage: Math.min(maxPerPage, Math.max(1, perPage ?? defaultPerPage)),
  };
}
