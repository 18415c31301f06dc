import { randomUUID } from 'node:crypto';
import { RunConfigSchema, contextWindowShortfall, findProvider, type RunConfig } from '@studio/contracts';
import { deleteRunRows, findApiKey, findRun, insertRun, type NewRun } from '@studio/db';
import { expandEpochReducers, getBenchmark, newShortUuid } from '@studio/engine';
import { parseModelId } from '@studio/providers';
import { RateLimiter } from '../auth/rate-limiter';
import type { AppDeps } from '../deps';
import { AppError, validationError } from '../errors/app-error';
import { ModelDiscoveryService } from '../models/model-discovery.service';
import { resolveRunBenchmark } from './run-benchmark.resolver';
import { enqueueRunJob } from './run-jobs';
import { RunSignals } from './run-signals';
import { checkTags } from './run-tags.service';
import type { RunCreate, RunCreated, RunOptions } from './run.types';

function modelId(field: string, raw: string): string {
  try {
    const { provider, model } = parseModelId(raw);
    return `${provider}/${model}`;
  } catch {
    throw validationError(field, `"${raw}" is not of the form provider/model, e.g. "openai/gpt-4o"`);
  }
}

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
    await this.countCreation(userId);
    const config = await this.validConfig(userId, body);
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
    const rl = this.deps.config.rateLimits;
    await this.limiter.hit([{ key: `runs:user:${userId}`, limit: rl.runsPerUser, windowSeconds: rl.windowSeconds, what: 'runs created' }]);
  }

  /** The row of a new queued run of `config`, with the options' tags (and `extraTags`) and notes. */
  newRun(userId: string, config: RunConfig, options: Pick<RunOptions, 'tags' | 'notes'>, extraTags: readonly string[] = []): NewRun {
    return {
      run_id: randomUUID(),
      user_id: userId,
      benchmark: config.benchmark,
      model: config.model,
      config,
      tags: checkTags([...(options.tags ?? []), ...extraTags]),
      notes: options.notes?.trim() || null,
      eval_id: newShortUuid(),
      task_id: newShortUuid(),
    };
  }

  /** The stored configuration of a run of `body`, or VALIDATION_ERROR naming the field, as `POST /api/runs` answers. */
  async validConfig(userId: string, body: RunCreate): Promise<RunConfig> {
    const benchmark = await resolveRunBenchmark(this.deps.db, userId, body.benchmark);
    const model = modelId('model', body.model);
    const maxConnections = this.deps.config.maxConnectionsLimit;
    if (body.max_connections != null && body.max_connections > maxConnections)
      throw validationError('max_connections', `must be at most ${maxConnections}`);
    const { defaultGrader } = benchmark;
    if (body.grader_model != null && defaultGrader === undefined)
      throw validationError('grader_model', `"${benchmark.name}" is not model-graded, so it takes no grader model`);
    const graderOverride = body.grader_model == null ? null : modelId('grader_model', body.grader_model);

    await this.requireKey(userId, model, 'model', `model "${model}"`);
    await this.requireContextWindow(userId, benchmark.name, model);
    const grader = graderOverride ?? defaultGrader;
    if (grader !== undefined) await this.requireKey(userId, grader, 'grader_model', `grader model "${grader}" of ${benchmark.name}`, ' or choose another grader_model');
    const parsed = RunConfigSchema.safeParse({
      benchmark: benchmark.name,
      model,
      limit: body.limit ?? null,
      temperature: body.temperature ?? null,
      top_p: body.top_p ?? null,
      max_tokens: body.max_tokens ?? null,
      timeout: body.timeout ?? null,
      epochs: body.epochs ?? null,
      max_connections: body.max_connections ?? null,
      seed: body.seed ?? null,
      grader_model: graderOverride,
      // Stored only when given, so configs that keep the default read as they always have.
      fail_on_error: body.fail_on_error ?? undefined,
      epochs_reducer: body.epochs_reducer == null ? undefined : epochReducers(body.epochs_reducer),
      reasoning_effort: body.reasoning_effort ?? undefined,
    });
    // The wire type's checks come first; this is the last word on what a stored config may hold.
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw validationError(issue.path.join('.') || 'body', issue.message);
    }
    return parsed.data;
  }

  private async requireKey(userId: string, model: string, field: string, what: string, alternative = ''): Promise<void> {
    const { provider } = parseModelId(model);
    if (findProvider(provider)?.requires_key === false) return;
    if (await findApiKey(this.deps.db, userId, provider)) return;
    throw validationError(field, `the ${what} needs an API key for provider "${provider}"; add one with POST /api/api-keys${alternative}`);
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

function epochReducers(names: readonly string[]): string[] {
  try {
    return expandEpochReducers(names);
  } catch (err) {
    throw validationError('epochs_reducer', (err as Error).message);
  }
}
