/**
 * openbench's group summary (`display_group_summary` in src/openbench/_cli/eval_command.py, v0.5.3), ported exactly:
 * which logs belong to the group, which metric each one gives, what a member without results or without such a metric
 * counts for, and the statistics numpy computes, summed as numpy sums (pairwise), so the figures are the same doubles.
 */

/** What the summary reads of one finished member: its task name and, unless it ended without them, its results. */
export interface GroupSummaryLog {
  /** The log's task name (`openbench/` prefix allowed). */
  readonly task: string;
  readonly results: {
    readonly completed_samples: number;
    readonly scores: readonly { readonly metrics: Readonly<Record<string, { readonly value: number | null }>> }[];
  } | null;
}

export interface GroupSummaryStats {
  readonly mean: number;
  readonly median: number;
  /** Sample standard deviation (ddof 1); 0 for one benchmark. */
  readonly std: number;
  readonly stderr: number;
  /** mean ± 1.96 stderr, clamped to [0, 1]. */
  readonly ci_lower: number;
  readonly ci_upper: number;
}

export interface GroupSummary {
  /** The group's display name. */
  readonly group: string;
  /** Members with a log ("Total benchmarks"), also those that failed or report no accuracy. */
  readonly benchmarks: number;
  /** `completed_samples` summed over the members the mean is over ("Total samples"). */
  readonly samples: number;
  /** Members the mean is over: those whose results have `accuracy`, `group_score` or `overall`. */
  readonly scored: number;
  /** Null when no member reported such a metric. */
  readonly stats: GroupSummaryStats | null;
  /** openbench's note when members have results but none of those metrics; null otherwise. */
  readonly note: string | null;
}

/** The metrics openbench reads per member, in its order of preference. */
export const GROUP_SUMMARY_METRICS = ['accuracy', 'group_score', 'overall'] as const;

export const GROUP_SUMMARY_NOTE =
  "Note: Group evaluation completed but aggregate summary unavailable. This may occur if benchmarks don't report accuracy metrics.";

/** `task_matches_benchmark`: the task without its namespace is the benchmark or one of its `<benchmark>_…` variants. */
export function taskMatchesBenchmark(task: string, benchmark: string): boolean {
  const base = task.includes('/') ? task.split('/').at(-1)! : task;
  return base === benchmark || base.startsWith(`${benchmark}_`);
}

/** numpy's `pairwise_sum` (add.reduce of a contiguous float64 array): 8 running sums per block of up to 128. */
function pairwiseSum(a: readonly number[], start = 0, n = a.length): number {
  if (n < 8) {
    let sum = -0;
    for (let i = start; i < start + n; i++) sum += a[i];
    return sum;
  }
  if (n <= 128) {
    const r = a.slice(start, start + 8);
    let i = 8;
    for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) r[j] += a[start + i + j];
    let sum = r[0] + r[1] + (r[2] + r[3]) + (r[4] + r[5] + (r[6] + r[7]));
    for (; i < n; i++) sum += a[start + i];
    return sum;
  }
  let half = Math.floor(n / 2);
  half -= half % 8;
  return pairwiseSum(a, start, half) + pairwiseSum(a, start + half, n - half);
}

const npMean = (values: readonly number[]) => pairwiseSum(values) / values.length;

/** `np.std(values, ddof=1)`. */
function sampleStd(values: readonly number[]): number {
  const mean = npMean(values);
  const squares = values.map((v) => (v - mean) * (v - mean));
  return Math.sqrt(pairwiseSum(squares) / (values.length - 1));
}

/** `np.median`: NaN when any value is. */
function median(values: readonly number[]): number {
  if (values.some(Number.isNaN)) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : npMean([sorted[mid - 1], sorted[mid]]);
}

/** The first of `accuracy`, `group_score`, `overall` in the first score that has one with a value. */
function memberValue(results: NonNullable<GroupSummaryLog['results']>): number | null {
  for (const score of results.scores) {
    for (const name of GROUP_SUMMARY_METRICS) {
      if (name in score.metrics) {
        const value = score.metrics[name].value;
        if (value !== null) return value;
        break;
      }
    }
  }
  return null;
}

/**
 * The summary of group `group` (its display name) over `logs`, the logs of everything that ran: null when none of
 * them is a member's (openbench prints nothing then).
 */
export function groupSummary(group: string, members: readonly string[], logs: readonly GroupSummaryLog[]): GroupSummary | null {
  const groupLogs = logs.filter((log) => members.some((m) => taskMatchesBenchmark(log.task, m)));
  if (groupLogs.length === 0) return null;
  const values: number[] = [];
  let samples = 0;
  for (const log of groupLogs) {
    if (!log.results) continue;
    const value = memberValue(log.results);
    if (value === null) continue;
    samples += log.results.completed_samples;
    values.push(value);
  }
  const base = { group, benchmarks: groupLogs.length, samples, scored: values.length };
  if (values.length === 0) return { ...base, stats: null, note: groupLogs.some((log) => log.results) ? GROUP_SUMMARY_NOTE : null };
  const n = values.length;
  const mean = npMean(values);
  const std = n > 1 ? sampleStd(values) : 0;
  const stderr = n > 1 ? std / Math.sqrt(n) : 0;
  const margin = n > 1 ? 1.96 * stderr : 0;
  return {
    ...base,
    // Python's max(0.0, x) and min(1.0, x) keep their first argument when x is NaN (a member whose accuracy is NaN).
    stats: { mean, median: median(values), std, stderr, ci_lower: mean - margin > 0 ? mean - margin : 0, ci_upper: mean + margin < 1 ? mean + margin : 1 },
    note: null,
  };
}

/**
 * Python's `format(x, '.<digits>f')`: correctly rounded like `toFixed`, but an exact tie goes to the even digit
 * (`toFixed` rounds it up).
 */
export function pythonFixed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  const [whole, fraction] = Math.abs(x).toFixed(100).split('.');
  const kept = fraction.slice(0, digits);
  const tieToEven = /^50*$/.test(fraction.slice(digits)) && Number((kept || whole).at(-1)) % 2 === 0;
  if (!tieToEven) return x.toFixed(digits);
  return `${x < 0 ? '-' : ''}${whole}${digits > 0 ? `.${kept}` : ''}`;
}

/** Python's `format(x, '.2%')`: the value times 100, then as `.2f`. */
const percent = (x: number) => `${pythonFixed(x * 100, 2)}%`;

/** The lines openbench prints for the summary (`typer.echo`), the note alone when there are no statistics. */
export function formatGroupSummary(summary: GroupSummary): string {
  if (!summary.stats) return summary.note ? `\n⚠️  ${summary.note}\n` : '';
  const { stats } = summary;
  const rule = '='.repeat(60);
  return [
    `\n${rule}`,
    `📊 GROUP SUMMARY - ${summary.group}`,
    rule,
    `Total benchmarks:    ${summary.benchmarks}`,
    `Total samples:       ${summary.samples.toLocaleString('en-US')}`,
    `Mean accuracy:       ${percent(stats.mean)}`,
    `Median accuracy:     ${percent(stats.median)}`,
    `95% CI:              [${percent(stats.ci_lower)}, ${percent(stats.ci_upper)}]`,
    `Std deviation:       ${pythonFixed(stats.std, 4)}`,
    `Std error:           ${pythonFixed(stats.stderr, 4)}`,
    `${rule}\n`,
  ].join('\n') + '\n';
}
