/** How numbers, intervals, durations and dates look everywhere in the Studio. */

/** A metric value with 3 significant decimals (accuracies are proportions); integers stay integers. */
export function formatNumber(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (Number.isInteger(value) && Math.abs(value) >= 1) return value.toLocaleString('en-US');
  return value.toFixed(digits);
}

/** `0.734 ± 0.012` when the stderr is known, else the value alone. */
export function formatWithStderr(value: number | null | undefined, stderr: number | null | undefined): string {
  const v = formatNumber(value);
  return stderr === null || stderr === undefined || value === null || value === undefined ? v : `${v} ± ${formatNumber(stderr)}`;
}

/** `[0.701, 0.765]`, or null when the interval is unknown. */
export function formatInterval(lower: number | null | undefined, upper: number | null | undefined): string | null {
  if (lower === null || lower === undefined || upper === null || upper === undefined) return null;
  return `[${formatNumber(lower)}, ${formatNumber(upper)}]`;
}

/** A proportion as a percentage: `73.4%`. */
export function formatPercent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return `${(value * 100).toFixed(digits)}%`;
}

export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : Math.round(value).toLocaleString('en-US');
}

/** A compact count: 950, 12.3k, 4.5M. */
export function formatCompact(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const abs = Math.abs(value);
  if (abs >= 1e9) return `${(value / 1e9).toFixed(1)}B`;
  if (abs >= 1e6) return `${(value / 1e6).toFixed(1)}M`;
  if (abs >= 1e4) return `${(value / 1e3).toFixed(1)}k`;
  return formatCount(value);
}

/** `850 ms`, `12.3 s`, `3m 05s`, `1h 02m`. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || ms < 0 || Number.isNaN(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const totalSeconds = Math.round(s);
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const sec = totalSeconds % 60;
  return h > 0 ? `${h}h ${String(m).padStart(2, '0')}m` : `${m}m ${String(sec).padStart(2, '0')}s`;
}

/** Duration of a run: from start to finish, or to `now` while it runs; null before it starts. */
export function runDurationMs(run: { started_at: string | null; finished_at: string | null }, now = Date.now()): number | null {
  if (!run.started_at) return null;
  const end = run.finished_at ? Date.parse(run.finished_at) : now;
  return end - Date.parse(run.started_at);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** One date format everywhere: `2026-12-06 14:03` in local time. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** `just now`, `5 min ago`, `3 h ago`, `2 days ago` (shown on hover next to the date). */
export function formatRelative(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '';
  const diff = Math.round((now - Date.parse(iso)) / 1000);
  if (Number.isNaN(diff)) return '';
  const future = diff < 0;
  const a = Math.abs(diff);
  let text: string;
  if (a < 45) return 'just now';
  else if (a < 3600) text = `${Math.round(a / 60)} min`;
  else if (a < 86400) text = `${Math.round(a / 3600)} h`;
  else {
    const days = Math.round(a / 86400);
    text = `${days} day${days === 1 ? '' : 's'}`;
  }
  return future ? `in ${text}` : `${text} ago`;
}

/** A metric name for people: `accuracy` → `Accuracy`, `f1_score` → `F1 score`. */
export function metricLabel(name: string): string {
  const words = name.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
