import { catalogView, getBenchmark } from '../catalog';
import { BENCHMARKS_WITHOUT_TASK } from '../catalog/benchmark.data';
import { indexByBenchmarkKey } from '../catalog/benchmark.entry';
import { BENCHMARK_TASKS } from './benchmark-tasks';
import { getTask, hasTask, runnableTaskNames } from './registry';

test('every registered benchmark builds a task named after its catalog entry', () => {
  expect(BENCHMARK_TASKS.length).toBeGreaterThan(0);
  for (const { benchmark, create } of BENCHMARK_TASKS) {
    const task = create({});
    expect({ name: task.name, displayName: task.displayName }).toEqual({ name: benchmark.name, displayName: benchmark.display_name });
    expect(getTask(benchmark.name).name).toBe(benchmark.name);
  }
});

test('the catalog serves every task entry as runnable and every entry without a task as not runnable', () => {
  const served = new Map(
    catalogView(new Set(runnableTaskNames()), { includeSubtasks: true, includeAlpha: true }).map((meta) => [meta.name, meta]),
  );
  expect(served.size).toBe(BENCHMARK_TASKS.length + BENCHMARKS_WITHOUT_TASK.length);
  for (const { benchmark } of BENCHMARK_TASKS) expect(served.get(benchmark.name)?.runnable).toBe(true);
  for (const entry of BENCHMARKS_WITHOUT_TASK) expect(served.get(entry.name)?.runnable).toBe(false);
  expect(runnableTaskNames()).toEqual(BENCHMARK_TASKS.map(({ benchmark }) => benchmark.name).sort());
});

test('a name resolves with - and _ interchangeable and is otherwise exact', () => {
  expect(hasTask('mmlu_pro')).toBe(true);
  expect(getTask('mmlu_pro').name).toBe('mmlu-pro');
  expect(getTask('gpqa-diamond').name).toBe('gpqa_diamond');
  expect(hasTask('MMLU')).toBe(false);
  expect(hasTask('cybench')).toBe(false);
  expect(getBenchmark('cybench')).toBeDefined();
  expect(() => getTask('cybench')).toThrow(/^Benchmark "cybench" is not runnable by this engine; runnable: .*\barc_challenge, arc_easy, /);
});

test('a benchmark written twice, or two names that differ only by - vs _, are refused', () => {
  const entry = (name: string) => ({ name });
  const nameOf = (item: { name: string }) => item.name;
  expect(() => indexByBenchmarkKey([entry('piqa'), entry('piqa')], nameOf)).toThrow('benchmark catalog: piqa is written twice');
  expect(() => indexByBenchmarkKey([entry('mmlu-pro'), entry('mmlu_pro')], nameOf)).toThrow(
    "benchmark catalog: mmlu_pro and mmlu-pro differ only by '-' vs '_'",
  );
  expect([...indexByBenchmarkKey([entry('mmlu-pro'), entry('piqa')], nameOf).keys()]).toEqual(['mmlu_pro', 'piqa']);
});

test('only subtasks are marked surfaced', () => {
  const entries = [...BENCHMARK_TASKS.map(({ benchmark }) => benchmark), ...BENCHMARKS_WITHOUT_TASK];
  const surfaced = entries.filter((entry) => entry.surfaced);
  expect(surfaced.length).toBeGreaterThan(0);
  for (const entry of surfaced) expect(entry.subtask).toBe(true);
});
