/**
 * What a run request accepts as a benchmark, in one place: a runnable benchmark of the catalog, or one of the
 * caller's own datasets as `custom/<slug>` (another user's is unknown, exactly as one that does not exist).
 */
import { customBenchmarkName, customBenchmarkSlug } from '@studio/contracts';
import { customDatasetSource, type Db } from '@studio/db';
import { customDatasetTask, getBenchmark, getTask, hasTask, type TaskDefinition, type TaskOptions } from '@studio/engine';
import { InvalidRunRequest } from './run-request';

export interface RunBenchmark {
  /** The name stored with the run: the catalog's key, or `custom/<slug>`. */
  name: string;
  /**
   * Its task as the worker builds it for a run with these options, so the task's own checks (its `-T` arguments)
   * and its grader are the worker's. A dataset's rows are not read.
   */
  task: (options: TaskOptions) => TaskDefinition;
  /** Its samples carry images (`requirements.vision`), so the model's provider must take them. */
  vision: boolean;
}

export async function resolveRunBenchmark(db: Db, userId: string, requested: string): Promise<RunBenchmark> {
  const raw = requested.trim();
  if (customBenchmarkSlug(raw) !== undefined) {
    const dataset = await customDatasetSource(db, userId, raw);
    if (!dataset) throw new InvalidRunRequest('benchmark', `you have no dataset "${raw}"; see GET /api/datasets`);
    return { name: customBenchmarkName(dataset.slug), task: (options) => customDatasetTask(dataset, options), vision: false };
  }
  const meta = getBenchmark(raw);
  if (!meta) throw new InvalidRunRequest('benchmark', `unknown benchmark "${requested}"; see GET /api/benchmarks`);
  if (!hasTask(meta.name))
    throw new InvalidRunRequest('benchmark', `"${meta.name}" cannot be run by this server yet; see GET /api/benchmarks?runnable_only=true`);
  return { name: meta.name, task: (options) => getTask(meta.name, options), vision: meta.requirements.vision };
}
