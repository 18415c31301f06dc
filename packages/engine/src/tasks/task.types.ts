import type { BenchmarkEntry } from '../catalog/benchmark.entry';
import type { TaskDefinition } from '../types';

/** Per-run task arguments (openbench `-T key=value`, plus the grader model override). */
export interface TaskOptions {
  /** Overrides the task's default grader model (`provider/model`). */
  graderModel?: string;
  args?: Record<string, string>;
}

export type TaskFactory = (options: TaskOptions) => TaskDefinition;

/**
 * One runnable benchmark in one place: the catalog entry `GET /api/benchmarks` serves for it (its `name` is the
 * openbench key the registry answers to) and the factory that builds its task for a run.
 */
export interface BenchmarkTask {
  readonly benchmark: BenchmarkEntry;
  readonly create: TaskFactory;
}
