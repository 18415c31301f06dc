import { RUN_STATUSES, isTerminal } from '@studio/contracts';
import type { RunRow, SuiteRow } from '@studio/db';
import { getEvalGroup, groupSummary, type EvalScoreResult } from '@studio/engine';
import type { RunStatusName } from '../runs/run.types';
import type { GroupSummary, SuiteCell, SuiteDetail, SuiteMatrixRow, SuiteMetric, SuiteProgress, SuiteStatus, SuiteSummary } from './suite.types';

type SuiteRun = Pick<RunRow, 'run_id' | 'benchmark' | 'model' | 'status' | 'progress_current' | 'progress_total' | 'finished_at' | 'primary_metric' | 'primary_metric_name' | 'metrics' | 'error' | 'results'>;

/** Per run id, its samples completed without error (`countCompletedRunSamples`): a member's `completed_samples`. */
export type CompletedSamples = ReadonlyMap<string, number>;

/**
 * The group summary over one model's runs once they have all finished: each run is a member's log, its stored
 * `results` (none when it failed or was canceled before results) read as openbench reads a log's.
 */
function rowGroupSummary(suite: Pick<SuiteRow, 'eval_group'>, runs: readonly SuiteRun[], completed: CompletedSamples): GroupSummary | null {
  const group = suite.eval_group === null ? undefined : getEvalGroup(suite.eval_group);
  if (!group || runs.length === 0 || !runs.every((r) => isTerminal(r.status))) return null;
  const logs = runs.map((r) => ({
    task: r.benchmark,
    results: r.results ? { completed_samples: completed.get(r.run_id) ?? 0, scores: r.results as EvalScoreResult[] } : null,
  }));
  return groupSummary(group.name, group.members, logs);
}

/** Running until every run has finished; then what they all ended as, or `partial` when they differ. */
export function suiteStatus(runs: readonly Pick<RunRow, 'status'>[]): SuiteStatus {
  if (runs.some((r) => !isTerminal(r.status))) return 'running';
  const ends = new Set(runs.map((r) => r.status));
  return ends.size === 1 ? (runs[0].status as Exclude<SuiteStatus, 'running' | 'partial'>) : 'partial';
}

export function suiteProgress(runs: readonly SuiteRun[]): SuiteProgress {
  const counts = Object.fromEntries(RUN_STATUSES.map((s) => [s, 0])) as Record<RunStatusName, number>;
  let current = 0;
  let total = 0;
  let fractions = 0;
  for (const r of runs) {
    counts[r.status] += 1;
    current += r.progress_current;
    total += r.progress_total;
    fractions += isTerminal(r.status) ? 1 : r.progress_total > 0 ? Math.min(1, r.progress_current / r.progress_total) : 0;
  }
  return { runs_total: runs.length, runs: counts, samples_current: current, samples_total: total, fraction: runs.length ? fractions / runs.length : 0 };
}

/** The run's primary metric with the stderr and 95% interval its stored metrics give it (as run detail shows them). */
function primaryMetric(run: SuiteRun): SuiteMetric | null {
  if (run.status !== 'completed' || run.primary_metric === null || run.primary_metric_name === null) return null;
  const m = (run.metrics ?? []).find((x) => x.name === run.primary_metric_name);
  return { name: run.primary_metric_name, value: run.primary_metric, stderr: m?.stderr ?? null, ci_lower: m?.ci_lower ?? null, ci_upper: m?.ci_upper ?? null };
}

/** One row per model and a cell per benchmark, in the suite's order; each row's mean is over its completed cells. */
export function suiteMatrix(suite: Pick<SuiteRow, 'benchmarks' | 'models' | 'eval_group'>, runs: readonly SuiteRun[], completed: CompletedSamples): SuiteMatrixRow[] {
  const byPair = new Map(runs.map((r) => [`${r.model}\n${r.benchmark}`, r]));
  return suite.models.map((model) => {
    const cells: SuiteCell[] = suite.benchmarks.flatMap((benchmark) => {
      const run = byPair.get(`${model}\n${benchmark}`);
      if (!run) return [];
      return [
        {
          benchmark,
          run_id: run.run_id,
          status: run.status,
          progress_current: run.progress_current,
          progress_total: run.progress_total,
          primary_metric: primaryMetric(run),
          error: run.status === 'failed' ? run.error : null,
        },
      ];
    });
    const values = cells.flatMap((c) => (c.primary_metric ? [c.primary_metric.value] : []));
    // In the suite's benchmark order (openbench's member order), as `bench eval` returns the logs.
    const own = suite.benchmarks.flatMap((benchmark) => byPair.get(`${model}\n${benchmark}`) ?? []);
    return {
      model,
      cells,
      mean: values.length ? values.reduce((a, b) => a + b, 0) / values.length : null,
      mean_over: values.length,
      group_summary: rowGroupSummary(suite, own, completed),
    };
  });
}

export function toSuiteSummary(suite: SuiteRow, runs: readonly SuiteRun[]): SuiteSummary {
  const status = suiteStatus(runs);
  const finished = status === 'running' ? null : runs.reduce<Date | null>((max, r) => (r.finished_at && (!max || r.finished_at > max) ? r.finished_at : max), null);
  return {
    suite_id: suite.suite_id,
    name: suite.name,
    status,
    created_at: suite.created_at.toISOString(),
    finished_at: finished ? finished.toISOString() : null,
    benchmarks: suite.benchmarks,
    models: suite.models,
    group: suite.eval_group,
    progress: suiteProgress(runs),
  };
}

export function toSuiteDetail(suite: SuiteRow, runs: readonly SuiteRun[], completed: CompletedSamples): SuiteDetail {
  return { ...toSuiteSummary(suite, runs), matrix: suiteMatrix(suite, runs, completed) };
}
