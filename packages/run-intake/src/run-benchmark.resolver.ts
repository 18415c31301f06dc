/**
 * What a run request accepts as a benchmark, in one place: a runnable benchmark of the catalog, or one of the
 * caller's own datasets as `custom/<slug>` (another user's is unknown, exactly as one that does not exist).
 */
import { customBenchmarkName, customBenchmarkSlug } from '@studio/contracts';
import { findDatasetBySlug, type Db } from '@studio/db';
import { getBenchmark, getTask, hasTask } from '@studio/engine';
import { InvalidRunRequest } from './run-request';

export interface RunBenchmark {
  /** The name stored with the run: the catalog's key, or `custom/<slug>`. */
  name: string;
  /** The grader a model-graded benchmark uses when the run names none; undefined when it is not model-graded. */
  defaultGrader: string | undefined;
  /** Its samples carry images (`requirements.vision`), so the model's provider must take them. */
  vision: boolean;
}

export async function resolveRunBenchmark(db: Db, userId: string, requested: string): Promise<RunBenchmark> {
  const raw = requested.trim();
  const slug = customBenchmarkSlug(raw);
  if (slug !== undefined) {
    const dataset = await findDatasetBySlug(db, userId, slug);
    if (!dataset) throw new InvalidRunRequest('benchmark', `you have no dataset "${raw}"; see GET /api/datasets`);
    return { name: customBenchmarkName(dataset.slug), defaultGrader: dataset.grader_model ?? undefined, vision: false };
  }
  const meta = getBenchmark(raw);
  if (!meta) throw new InvalidRunRequest('benchmark', `unknown benchmark "${requested}"; see GET /api/benchmarks`);
  if (!hasTask(meta.name))
    throw new InvalidRunRequest('benchmark', `"${meta.name}" cannot be run by this server yet; see GET /api/benchmarks?runnable_only=true`);
  return { name: meta.name, defaultGrader: getTask(meta.name).graderModel, vision: meta.requirements.vision };
}
