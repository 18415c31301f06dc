import { contextWindowShortfall, type RunConfig } from '@studio/contracts';
import { deleteRunRows, findRun, insertRun, type NewRun } from '@studio/db';
import { getBenchmark } from '@studio/engine';
import { newRunRow, validRunConfig } from '@studio/run-intake';
import { runSubmissionRule } from '@studio/runtime';
import { RateLimiter } from '../auth/rate-limiter';
import type { AppDeps } from '../deps';
import { AppError, refusedRunRequest } from '../errors/app-error';
import { ModelDiscoveryService } from '../models/model-discovery.service';
import { enqueueRunJob } from './run-jobs';
import { RunSignals } from './run-signals';
import type { RunCreate, RunCreated, RunOptions } from './run.types';

/** `POST /api/runs`: a validated run configuration, stored as a queued run with its job. */
export class RunCreateService {
  private readonly limiter: RateLimiter;
  private readonly signals: RunSignals;
  private readonly models: ModelDiscoveryService;
  constructor(private readonly deps: AppDeps) {
    this.limiter = new RateLimiter(deps.redis, deps.config.redisPrefix);
    this.signals = new RunSignals(deps);
    this.models = new ModelDiscoveryService(deps);
  }

  /**
   * Inserts the run, publishes `queued`, then enqueues its job (id = run id): a worker may start the job at
   * once, and its `running` must come after `queued`. A run whose job could not be enqueued is deleted again
   * with its stream, so no run waits without a job; a job whose run is gone is dropped by the worker. An
   * enqueue that timed out may still have landed: a run a worker started meanwhile is kept and answered.
   */
  async create(userId: string, body: RunCreate): Promise<RunCreated> {
    // Counted and validated at once (Redis and Postgres); a submission over the limit is refused whatever its validity.
    const [counted, validated] = await Promise.allSettled([this.countCreation(userId), this.validConfig(userId, body)]);
    if (counted.status === 'rejected') throw counted.reason;
    if (validated.status === 'rejected') throw validated.reason;
    const config = validated.value;
    const run = await insertRun(this.deps.db, this.newRun(userId, config, body));
    const runId = run.run_id;
    await this.signals.status(runId, 'queued');
    try {
      await enqueueRunJob(this.deps, run);
    } catch (error) {
      this.deps.logger.error('run not enqueued; deleting it', { run_id: runId, error });
      if (!(await this.startedDespiteFailedEnqueue(runId)))
        throw new AppError('SERVICE_UNAVAILABLE', 'The run queue is unavailable, so the run was not created; try again shortly');
      this.deps.logger.warn('the enqueue landed after all and a worker took the run; keeping it', { run_id: runId });
    }
    this.deps.logger.info('run created', { run_id: runId, user_id: userId, benchmark: config.benchmark, model: config.model });
    return { run_id: runId };
  }

  /** Counts a submission against the user's run rate limit (`RATE_LIMIT_RUNS_PER_USER`); 429 past it. */
  async countCreation(userId: string): Promise<void> {
    await this.limiter.hit([runSubmissionRule(userId, this.deps.config.rateLimits)]);
  }

  /** The row of a new queued run of `config`, with the options' tags (and `extraTags`) and notes. */
  newRun(userId: string, config: RunConfig, options: Pick<RunOptions, 'tags' | 'notes'>, extraTags: readonly string[] = []): NewRun {
    return refusedRunRequest(() => newRunRow(userId, config, options, extraTags));
  }

  /** The stored configuration of a run of `body`, or VALIDATION_ERROR naming the field, as `POST /api/runs` answers. */
  async validConfig(userId: string, body: RunCreate): Promise<RunConfig> {
    const config = await refusedRunRequest(() => validRunConfig(this.deps.db, this.deps.config, userId, body));
    await this.requireContextWindow(userId, config.benchmark, config.model);
    return config;
  }

  /** CONTEXT_WINDOW_TOO_SMALL when the benchmark needs a longer context than the model's window, as far as it is known. */
  private async requireContextWindow(userId: string, benchmark: string, model: string): Promise<void> {
    const requirement = getBenchmark(benchmark);
    if (!requirement?.requirements.min_context_length) return;
    const shortfall = contextWindowShortfall(requirement, model, await this.models.cachedContextLength(userId, model));
    if (shortfall) throw new AppError('CONTEXT_WINDOW_TOO_SMALL', `model: ${shortfall}`, { fields: [{ field: 'model', message: shortfall }] });
  }

  /**
   * Deletes the run of a failed enqueue while it is still queued, with its stream (nobody was given the run id,
   * so nobody watches it). True when a worker started the run instead (an enqueue that timed out may have
   * landed after all): it is kept and goes on.
   */
  private async startedDespiteFailedEnqueue(runId: string): Promise<boolean> {
    let deleted: number;
    try {
      deleted = (await deleteRunRows(this.deps.db, [runId], ['queued'])).length;
    } catch (error) {
      this.deps.logger.error('could not delete the unqueued run; the reconciler will enqueue it', { run_id: runId, error });
      return false;
    }
    if (deleted === 0 && (await findRun(this.deps.db, runId))) return true;
    await this.signals.dropStreams([runId]);
    return false;
  }
}
