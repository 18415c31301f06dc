import { countRunSampleVerdicts, listRunSamplePage } from '@studio/db';
import type { AppDeps } from '../deps';
import { validationError } from '../errors/app-error';
import { requireRun } from './run-access.guard';
import { evalLogPage, runDataset } from './run-eval-log.builder';
import { clampPage } from './run.mapper';
import { toRunSample } from './run-samples.mapper';
import type { RunSamplesResponse, SampleVerdictFilter } from './run-samples.types';

export const SAMPLES_DEFAULT_PER_PAGE = 100;
export const SAMPLES_MAX_PER_PAGE = 500;
export const SAMPLES_MAX_IDS = 200;

export interface RunSamplesQuery {
  page?: number;
  per_page?: number;
  verdict?: SampleVerdictFilter;
  search?: string;
  /** Comma-separated sample ids. */
  ids?: string;
}

function sampleIds(raw: string | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  const ids = [...new Set(raw.split(',').map((id) => id.trim()).filter(Boolean))];
  if (ids.length === 0) throw validationError('ids', 'must list at least one sample id');
  if (ids.length > SAMPLES_MAX_IDS) throw validationError('ids', `at most ${SAMPLES_MAX_IDS} sample ids`);
  return ids;
}

export class RunSamplesService {
  constructor(private readonly deps: AppDeps) {}

  /**
   * A page of the run's stored samples. The rows go through the same log writer and reader as the
   * `.eval` download (evalLogPage), so every text equals the log's; the verdict comes from the stored score
   * that the filter and the counts use.
   */
  async list(runId: string, query: RunSamplesQuery): Promise<RunSamplesResponse> {
    const row = await requireRun(this.deps.db, runId);
    const { page, perPage } = clampPage(query.page, query.per_page, SAMPLES_DEFAULT_PER_PAGE, SAMPLES_MAX_PER_PAGE);
    const search = query.search?.trim() || undefined;
    const filter = { verdict: query.verdict, search, sampleIds: sampleIds(query.ids) };
    const [counts, rows, custom] = await Promise.all([
      countRunSampleVerdicts(this.deps.db, row.run_id, filter),
      listRunSamplePage(this.deps.db, row.run_id, filter, { offset: (page - 1) * perPage, limit: perPage }),
      runDataset(this.deps.db, row),
    ]);
    const log = evalLogPage(row, rows, custom);
    const samples = (log.samples ?? []).map((sample, i) => toRunSample(sample, rows[i]!.score));
    const total = query.verdict ? counts[query.verdict] : counts.all;
    return { samples, total, page, per_page: perPage, has_more: page * perPage < total, counts };
  }
}
