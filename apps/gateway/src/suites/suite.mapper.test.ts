import type { RunRow } from '@studio/db';
import { suiteMatrix, suiteProgress, suiteStatus } from './suite.mapper';

type Run = Parameters<typeof suiteMatrix>[1][number];
const run = (benchmark: string, model: string, status: RunRow['status'], extra: Partial<Run> = {}): Run => ({
  run_id: `${model}:${benchmark}`,
  benchmark,
  model,
  status,
  progress_current: 0,
  progress_total: 0,
  finished_at: null,
  primary_metric: null,
  primary_metric_name: null,
  metrics: null,
  error: null,
  results: null,
  ...extra,
});

test.each([
  [['queued', 'completed'], 'running'],
  [['running', 'failed'], 'running'],
  [['completed', 'completed'], 'completed'],
  [['failed', 'failed'], 'failed'],
  [['canceled'], 'canceled'],
  [['completed', 'failed'], 'partial'],
  [['completed', 'canceled'], 'partial'],
] as const)('runs %j make a suite %s', (statuses, expected) => {
  expect(suiteStatus(statuses.map((status) => ({ status })))).toBe(expected);
});

test('progress: runs by status, samples, and the mean fraction with finished runs as whole', () => {
  const p = suiteProgress([
    run('a', 'm', 'running', { progress_current: 5, progress_total: 10 }),
    run('b', 'm', 'failed', { progress_current: 2, progress_total: 10 }),
    run('c', 'm', 'queued'),
  ]);
  expect(p).toEqual({ runs_total: 3, runs: { queued: 1, running: 1, completed: 0, failed: 1, canceled: 0 }, samples_current: 7, samples_total: 20, fraction: 0.5 });
});

test('the matrix: rows by model, cells by benchmark in the suite order, each row meaned over its completed cells', () => {
  const accuracy = (value: number) => ({
    primary_metric: value,
    primary_metric_name: 'accuracy',
    metrics: [{ name: 'accuracy', value, stderr: 0.1, ci_lower: value - 0.2, ci_upper: value + 0.1 }],
  });
  const matrix = suiteMatrix({ benchmarks: ['b1', 'b2'], models: ['m1', 'm2'], eval_group: null }, [
    run('b2', 'm1', 'completed', accuracy(0.5)),
    run('b1', 'm1', 'completed', accuracy(0.75)),
    run('b1', 'm2', 'failed', { error: 'boom' }),
    run('b2', 'm2', 'completed', { primary_metric: 0.25, primary_metric_name: 'f1', metrics: [] }),
  ], new Map());
  expect(matrix.map((row) => row.group_summary)).toEqual([null, null]);
  expect(matrix[0]).toMatchObject({ model: 'm1', mean: 0.625, mean_over: 2 });
  expect(matrix[0].cells.map((c) => c.benchmark)).toEqual(['b1', 'b2']);
  expect(matrix[0].cells[0].primary_metric).toEqual({ name: 'accuracy', value: 0.75, stderr: 0.1, ci_lower: 0.55, ci_upper: 0.85 });
  expect(matrix[1]).toMatchObject({ model: 'm2', mean: 0.25, mean_over: 1 });
  expect(matrix[1].cells[0]).toMatchObject({ status: 'failed', error: 'boom', primary_metric: null });
  // A metric without a stored interval has none.
  expect(matrix[1].cells[1].primary_metric).toEqual({ name: 'f1', value: 0.25, stderr: null, ci_lower: null, ci_upper: null });
});

test("a group suite's row gets openbench's group summary once all its runs have finished", () => {
  const scored = (accuracy: number) => ({ results: [{ name: 'mcq_scorer', scorer: 'mcq_scorer', scored_samples: 4, unscored_samples: 0, metrics: { accuracy: { name: 'accuracy', value: accuracy } } }] });
  const suite = { benchmarks: ['anli_r1', 'anli_r2', 'anli_r3'], models: ['m1', 'm2'], eval_group: 'anli' };
  const matrix = suiteMatrix(suite, [
    run('anli_r1', 'm1', 'completed', scored(1)),
    run('anli_r2', 'm1', 'completed', scored(0.25)),
    // Failed: counted among the benchmarks, not in the mean.
    run('anli_r3', 'm1', 'failed'),
    run('anli_r1', 'm2', 'completed', scored(0.5)),
    run('anli_r2', 'm2', 'running'),
    run('anli_r3', 'm2', 'queued'),
  ], new Map([['m1:anli_r1', 4], ['m1:anli_r2', 3], ['m2:anli_r1', 4]]));
  // numpy: mean([1, 0.25]) = 0.625, std(ddof=1) = 0.5303300858899106, stderr = 0.375.
  expect(matrix[0].group_summary).toEqual({
    group: 'ANLI',
    benchmarks: 3,
    samples: 7,
    scored: 2,
    stats: { mean: 0.625, median: 0.625, std: 0.5303300858899106, stderr: 0.37499999999999994, ci_lower: 0, ci_upper: 1 },
    note: null,
  });
  expect(matrix[1].group_summary).toBeNull();
});
