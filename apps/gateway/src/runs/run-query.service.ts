import { listRunLogTail, listRuns, toRunSummary } from '@studio/db';
import type { AppDeps } from '../deps';
import { requireRun } from './run-access.guard';
import { artifactPaths } from './run-artifacts.service';
import { runListQuery, type RunListParams } from './run-list.params';
import { benchCommand, runConfig, toProgress, toSummaryV1 } from './run.mapper';
import type { RunDetail, RunListResponse } from './run.types';

/** Reading runs: the viewer's list, and one run in full. */
export class RunQueryService {
  constructor(private readonly deps: AppDeps) {}

  async list(viewerId: string | null, params: RunListParams): Promise<RunListResponse> {
    const query = runListQuery(viewerId, params);
    const { rows, total } = await listRuns(this.deps.db, query);
    const { page, perPage } = query;
    return { runs: rows.map(toRunSummary), total, page, per_page: perPage, has_more: page * perPage < total };
  }

  async detail(id: string, viewerId: string | null, logLines: number): Promise<RunDetail> {
    const row = await requireRun(this.deps.db, id);
    const [stdout, stderr] = await Promise.all([
      listRunLogTail(this.deps.db, row.run_id, 'stdout', logLines),
      listRunLogTail(this.deps.db, row.run_id, 'stderr', logLines),
    ]);
    const config = runConfig(row);
    return {
      run_id: row.run_id,
      // Whoever holds the run id may read the run, but who owns it is the owner's business.
      user_id: viewerId !== null && viewerId === row.user_id ? row.user_id : null,
      benchmark: row.benchmark,
      model: row.model,
      status: row.status,
      created_at: row.created_at.toISOString(),
      started_at: row.started_at?.toISOString() ?? null,
      finished_at: row.finished_at?.toISOString() ?? null,
      exit_code: row.exit_code,
      error: row.error,
      config,
      progress: toProgress(row),
      primary_metric: row.primary_metric,
      primary_metric_name: row.primary_metric_name,
      metrics: row.metrics ?? [],
      breakdowns: row.breakdowns ?? [],
      summary: toSummaryV1(row),
      input_tokens: row.input_tokens,
      output_tokens: row.output_tokens,
      total_tokens: row.total_tokens,
      model_usage: row.model_usage,
      tags: row.tags,
      notes: row.notes,
      artifacts: artifactPaths(row),
      command: benchCommand(config),
      stdout_tail: stdout.join('\n'),
      stderr_tail: stderr.join('\n'),
    };
  }
}
