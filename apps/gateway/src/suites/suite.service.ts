import { randomUUID } from 'node:crypto';
import { isTerminal, type RunConfig } from '@studio/contracts';
import { countCompletedRunSamples, deleteSuiteWithRuns, findSuite, insertSuiteWithRuns, listRunsOfSuites, listSuiteRuns, listSuites, requeueFinishedRun, type NewRun, type RunRow, type SuiteRow } from '@studio/db';
import { evalGroupView, getEvalGroup } from '@studio/engine';
import { RUNNABLE_BENCHMARKS } from '../benchmarks/runnable-benchmarks';
import type { DeletedResponse } from '../api-keys/api-key.service';
import type { AppDeps } from '../deps';
import { AppError, notFound, validationError } from '../errors/app-error';
import { RunCancelService } from '../runs/run-cancel.service';
import { RunCreateService } from '../runs/run-create.service';
import { DELETABLE, stillRunning } from '../runs/run-delete.service';
import { enqueueRunJobs, reenqueueRunJob, removeRunJob } from '../runs/run-jobs';
import { clampPage } from '../runs/run.mapper';
import { RunSignals } from '../runs/run-signals';
import type { RunOptions } from '../runs/run.types';
import { toSuiteDetail, toSuiteSummary } from './suite.mapper';
import type { SuiteCreate, SuiteCreated, SuiteDetail, SuiteListResponse, SuiteRetried } from './suite.types';

/** Most runs one suite creates: a group's members × the models (a list of benchmarks is capped at 20 × 20 by its schema). */
const MAX_SUITE_RUNS = 400;

/** The tag every run of a suite carries. */
export const suiteTag = (suiteId: string) => `suite:${suiteId}`;

/** The suite with its matrix; a group suite's finished runs also need their completed samples counted for the summary. */
export async function loadSuiteDetail(deps: AppDeps, suite: SuiteRow, runs: readonly RunRow[]): Promise<SuiteDetail> {
  const finished = suite.eval_group === null ? [] : runs.filter((r) => isTerminal(r.status)).map((r) => r.run_id);
  return toSuiteDetail(suite, runs, await countCompletedRunSamples(deps.db, finished));
}

/** The suite, if it is the user's: anyone else (and an unknown id) gets 404, so suite ids reveal nothing. */
export async function requireOwnedSuite(deps: AppDeps, id: string, userId: string): Promise<SuiteRow> {
  const suite = await findSuite(deps.db, id);
  if (!suite || suite.user_id !== userId) throw notFound('Suite');
  return suite;
}

/** The tag every run of a group suite carries besides its suite's. */
export const groupTag = (group: string) => `group:${group}`;

/**
 * The benchmarks a suite runs: those listed, or the members of its eval group, which must be runnable as a whole (as
 * openbench refuses `bench eval <group>` when a member cannot load); 422 naming each member that cannot run and why.
 */
function suiteBenchmarks(benchmarks: readonly string[] | undefined, group: string | null | undefined, models: number): { benchmarks: readonly string[]; group: string | null } {
  if (group == null) {
    if (!benchmarks) throw validationError('benchmarks', 'is required (or give an eval group as group)');
    return { benchmarks, group: null };
  }
  if (benchmarks) throw validationError('group', 'is given with benchmarks: a suite runs either listed benchmarks or an eval group');
  const entry = getEvalGroup(group.trim());
  if (!entry) throw validationError('group', `"${group}" is not an eval group (GET /api/benchmark-groups)`);
  const view = evalGroupView(entry, RUNNABLE_BENCHMARKS);
  if (!view.runnable) {
    const fields = view.members.filter((m) => !m.runnable).map((m) => ({ field: `group.members[${m.name}]`, message: m.reason! }));
    throw new AppError('VALIDATION_ERROR', `The eval group ${entry.key} cannot run: ${view.reason}`, { fields });
  }
  if (entry.members.length * models > MAX_SUITE_RUNS)
    throw validationError('models', `${entry.key} has ${entry.members.length} members: at most ${Math.floor(MAX_SUITE_RUNS / entry.members.length)} models (${MAX_SUITE_RUNS} runs)`);
  return { benchmarks: entry.members, group: entry.key };
}

function duplicates(values: readonly string[]): string[] {
  return [...new Set(values.filter((v, i) => values.indexOf(v) !== i))];
}

/** The Suites API: many runs (benchmarks × models) submitted, watched, canceled, retried and deleted as one. */
export class SuiteService {
  private readonly runs: RunCreateService;
  private readonly signals: RunSignals;
  constructor(private readonly deps: AppDeps) {
    this.runs = new RunCreateService(deps);
    this.signals = new RunSignals(deps);
  }

  /**
   * Validates every (model, benchmark) pair as `POST /api/runs` does and refuses the whole suite, naming each failing
   * pair, when one fails. Then inserts the suite and its runs in one transaction, publishes their `queued` and adds
   * their jobs in one step (BullMQ `addBulk`: all or none). When the jobs cannot be added the suite is deleted again
   * with its runs, unless a worker started one of them (a timed-out add may have landed): then it is kept, and the
   * reconciler enqueues any of its queued runs left without a job, as for a single run.
   */
  async create(userId: string, body: SuiteCreate): Promise<SuiteCreated> {
    const { name, benchmarks, group, models, ...options } = body;
    const planned = suiteBenchmarks(benchmarks, group, models.length);
    await this.runs.countCreation(userId);
    const configs = await this.validConfigs(userId, planned.benchmarks, models, options);
    const suiteId = randomUUID();
    const tags = [suiteTag(suiteId), ...(planned.group ? [groupTag(planned.group)] : [])];
    const rows: NewRun[] = configs.map((config) => this.runs.newRun(userId, config, options, tags));
    const { runs } = await insertSuiteWithRuns(
      this.deps.db,
      {
        suite_id: suiteId,
        user_id: userId,
        name: name?.trim() || null,
        benchmarks: [...new Set(configs.map((c) => c.benchmark))],
        models: [...new Set(configs.map((c) => c.model))],
        eval_group: planned.group,
      },
      rows,
    );
    await Promise.all(runs.map((r) => this.signals.status(r.run_id, 'queued')));
    try {
      await enqueueRunJobs(this.deps, runs);
    } catch (error) {
      this.deps.logger.error('suite runs not enqueued; deleting the suite', { suite_id: suiteId, error });
      if (!(await this.startedDespiteFailedEnqueue(suiteId, runs)))
        throw new AppError('SERVICE_UNAVAILABLE', 'The run queue is unavailable, so the suite was not created; try again shortly');
      this.deps.logger.warn('the enqueue landed after all and a worker took a run of the suite; keeping it', { suite_id: suiteId });
    }
    this.deps.logger.info('suite created', { suite_id: suiteId, user_id: userId, runs: runs.length });
    const order = new Map(rows.map((r, i) => [r.run_id, i]));
    return { suite_id: suiteId, run_ids: runs.sort((a, b) => order.get(a.run_id)! - order.get(b.run_id)!).map((r) => r.run_id) };
  }

  /** Every pair's config, models first; 422 naming each failing pair (and duplicates) when any fails. */
  private async validConfigs(userId: string, benchmarks: readonly string[], models: readonly string[], options: RunOptions): Promise<RunConfig[]> {
    const pairs = models.flatMap((model) => benchmarks.map((benchmark) => ({ benchmark, model })));
    const results = await Promise.all(
      pairs.map(async (pair) => {
        try {
          return { pair, config: await this.runs.validConfig(userId, { ...options, ...pair }) };
        } catch (err) {
          if (!(err instanceof AppError) || (err.code !== 'VALIDATION_ERROR' && err.code !== 'CONTEXT_WINDOW_TOO_SMALL')) throw err;
          return { pair, error: err };
        }
      }),
    );
    const fields: { field: string; message: string }[] = [];
    for (const r of results) {
      if (!r.error) continue;
      for (const f of r.error.fields ?? []) fields.push({ field: `pairs[${r.pair.model} × ${r.pair.benchmark}].${f.field}`, message: f.message });
    }
    const configs = results.flatMap((r) => (r.config ? [r.config] : []));
    if (fields.length === 0) {
      // Configs are models first: the first row holds every benchmark's catalog name, every row starts with its model.
      const named = { benchmarks: configs.slice(0, benchmarks.length).map((c) => c.benchmark), models: configs.filter((_, i) => i % benchmarks.length === 0).map((c) => c.model) };
      for (const list of ['benchmarks', 'models'] as const) {
        const twice = duplicates(named[list]);
        if (twice.length) fields.push({ field: list, message: `lists ${twice.map((d) => `"${d}"`).join(', ')} more than once` });
      }
    }
    if (fields.length) {
      const failing = results.filter((r) => r.error).length;
      const summary = failing ? `${failing} of ${pairs.length} (model, benchmark) pairs cannot run` : 'The suite lists a benchmark or model twice';
      // Only context windows failing: that code, so a client can tell them from invalid input.
      const failures = results.flatMap((r) => (r.error ? [r.error.code] : []));
      const code = failures.length > 0 && failures.every((c) => c === 'CONTEXT_WINDOW_TOO_SMALL') ? 'CONTEXT_WINDOW_TOO_SMALL' : 'VALIDATION_ERROR';
      throw new AppError(code, `${summary}: ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`, { fields });
    }
    return configs;
  }

  async detail(id: string, userId: string): Promise<SuiteDetail> {
    const suite = await requireOwnedSuite(this.deps, id, userId);
    return loadSuiteDetail(this.deps, suite, await listSuiteRuns(this.deps.db, suite.suite_id));
  }

  async list(userId: string, page?: number, perPage?: number): Promise<SuiteListResponse> {
    const p = clampPage(page, perPage, 50, 100);
    const { rows, total } = await listSuites(this.deps.db, userId, p.page, p.perPage);
    const runs = await listRunsOfSuites(this.deps.db, rows.map((s) => s.suite_id));
    const bySuite = new Map<string, RunRow[]>();
    for (const r of runs) bySuite.set(r.suite_id!, [...(bySuite.get(r.suite_id!) ?? []), r]);
    return {
      suites: rows.map((s) => toSuiteSummary(s, bySuite.get(s.suite_id) ?? [])),
      total,
      page: p.page,
      per_page: p.perPage,
      has_more: p.page * p.perPage < total,
    };
  }

  /** Cancels every run of the suite still queued or running, as `POST /api/runs/{id}/cancel` does (one wait for all). */
  async cancel(id: string, userId: string): Promise<SuiteDetail> {
    const suite = await requireOwnedSuite(this.deps, id, userId);
    const cancel = new RunCancelService(this.deps);
    const active = (await listSuiteRuns(this.deps.db, suite.suite_id)).filter((r) => !isTerminal(r.status));
    const outcomes = await Promise.allSettled(active.map((r) => cancel.cancel(r.run_id, userId)));
    for (const o of outcomes) {
      // A run that finished on its own meanwhile is simply not canceled; anything else is a real failure.
      if (o.status === 'rejected' && !(o.reason instanceof AppError && o.reason.code === 'RUN_NOT_RUNNING')) throw o.reason;
    }
    this.deps.logger.info('suite cancel requested', { suite_id: suite.suite_id, user_id: userId, runs: active.length });
    return loadSuiteDetail(this.deps, suite, await listSuiteRuns(this.deps.db, suite.suite_id));
  }

  /** Deletes the suite with all its runs, or nothing while one of them is running (cancel the suite first). */
  async remove(id: string, userId: string): Promise<DeletedResponse> {
    const suite = await requireOwnedSuite(this.deps, id, userId);
    const runs = await listSuiteRuns(this.deps.db, suite.suite_id);
    if (runs.some((r) => r.status === 'running')) throw stillRunning();
    // A job whose run is gone is dropped by the worker; one taken off the queue for a run that then survives is re-added by the reconciler.
    await Promise.all(runs.filter((r) => r.status === 'queued').map((r) => removeRunJob(this.deps, r.run_id)));
    const deleted = await deleteSuiteWithRuns(this.deps.db, suite.suite_id, DELETABLE);
    if (!deleted) throw stillRunning();
    await this.signals.endStreams(deleted);
    this.deps.logger.info('suite deleted', { suite_id: suite.suite_id, user_id: userId, runs: deleted.length });
    return { status: 'deleted' };
  }

  /**
   * Queues the suite's failed and canceled runs again; completed ones stay. Each keeps its stored samples, so the worker
   * resumes it as it resumes any run: finished samples are kept, errored and missing ones run. A run whose job cannot
   * be added stays queued, and the reconciler adds it.
   */
  async retry(id: string, userId: string): Promise<SuiteRetried> {
    const suite = await requireOwnedSuite(this.deps, id, userId);
    const retried: string[] = [];
    for (const run of await listSuiteRuns(this.deps.db, suite.suite_id)) {
      if (run.status !== 'failed' && run.status !== 'canceled') continue;
      const queued = await requeueFinishedRun(this.deps.db, run.run_id);
      if (!queued) continue;
      retried.push(queued.run_id);
      await this.signals.status(queued.run_id, 'queued');
      await reenqueueRunJob(this.deps, queued).catch((error: unknown) =>
        this.deps.logger.warn('retried run not enqueued; the reconciler will enqueue it', { run_id: queued.run_id, error }),
      );
    }
    this.deps.logger.info('suite retried', { suite_id: suite.suite_id, user_id: userId, runs: retried.length });
    return { retried_run_ids: retried };
  }

  /** Deletes the suite of a failed enqueue while all its runs are queued; true when a worker started one instead. */
  private async startedDespiteFailedEnqueue(suiteId: string, runs: readonly RunRow[]): Promise<boolean> {
    let deleted: unknown[] | undefined;
    try {
      deleted = await deleteSuiteWithRuns(this.deps.db, suiteId, ['queued']);
    } catch (error) {
      this.deps.logger.error('could not delete the unqueued suite; the reconciler will enqueue its runs', { suite_id: suiteId, error });
      return false;
    }
    if (!deleted) return true;
    await this.signals.dropStreams(runs.map((r) => r.run_id));
    return false;
  }
}
