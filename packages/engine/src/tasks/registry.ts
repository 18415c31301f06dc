import { benchmarkKey, indexByBenchmarkKey } from '../catalog/benchmark.entry';
import type { TaskDefinition } from '../types';
import { BENCHMARK_TASKS } from './benchmark-tasks';
import type { BenchmarkTask, TaskOptions } from './task.types';

const BY_KEY: ReadonlyMap<string, BenchmarkTask> = indexByBenchmarkKey(BENCHMARK_TASKS, (task) => task.benchmark.name);

/** openbench keys this engine can run (also the catalog's `runnable` flags). */
export function runnableTaskNames(): string[] {
  return BENCHMARK_TASKS.map((task) => task.benchmark.name).sort();
}

export function hasTask(name: string): boolean {
  return BY_KEY.has(benchmarkKey(name));
}

/** Builds the task for an openbench key (`-` and `_` are interchangeable, as in openbench). */
export function getTask(name: string, options: TaskOptions = {}): TaskDefinition {
  const task = BY_KEY.get(benchmarkKey(name));
  if (!task) throw new Error(`Benchmark "${name}" is not runnable by this engine; runnable: ${runnableTaskNames().join(', ')}`);
  return task.create(options);
}
