import { setMaxListeners } from 'node:events';
import { DEFAULT_MAX_CONNECTIONS, type GenerateConfig, type ModelUsage } from '@studio/providers';
import type {
  DatasetContext,
  EvalScoreResult,
  Generator,
  Reducer,
  Sample,
  SampleId,
  SampleRecord,
  Score,
  ScoringServices,
  TaskDefinition,
} from '../types';
import { getReducer as registryReducer } from '../reducers';
import { scoreResults, type EpochReduction, type EpochScore } from './results';
import { planSamples, sampleKey, type SampleLimit, type WorkItem } from './sample-plan';
import { errorMessage, isoWithOffset, solveSample, type SolveContext } from './sample.solver';
import { judgesNamingFailures, namingFailures } from './scoring-model.failures';

/**
 * A (sample, epoch) finished by an earlier attempt of the same run; a stored SampleRecord qualifies.
 * Metrics read sample metadata from the re-planned dataset sample, so the record need not carry it.
 */
export interface FinishedSample {
  sample_id: SampleId;
  epoch: number;
  scores: Record<string, Score>;
  /** A record with an error is not finished: like Inspect's eval-retry, it runs again. */
  error?: string | null;
}

export interface RunProgress {
  /** Finished (sample, epoch) items, resumed ones included. */
  current: number;
  /** Planned items: samples after the limit × epochs. */
  total: number;
}

export interface RunEvalOptions {
  task: TaskDefinition;
  model: Generator;
  /** Grader model handed to model-graded scorers. */
  grader?: Generator;
  /** The task's judges by role (`TaskDefinition.judges`); a declared one missing fails the run before any call. */
  judges?: Readonly<Record<string, Generator>>;
  /** Clients of the outside services the task declares; a declared one missing fails the run before any call. */
  services?: ScoringServices;
  /** Already loaded samples; without them the task dataset is loaded with `datasetContext`. */
  samples?: readonly Sample[];
  datasetContext?: DatasetContext;
  limit?: SampleLimit;
  /** Defaults to the task's epochs, else 1. */
  epochs?: number;
  /** Epoch reducer names; defaults to the task's, else `mean`. */
  reducers?: readonly string[];
  /** Resolves reducer names (default: the engine's reducer registry); throwing for an unknown name fails the run before any call. */
  getReducer?: (name: string) => Reducer;
  /** Samples in flight at once (openbench `--max-connections`, default 10). */
  maxConnections?: number;
  /** openbench `--seed`: the model's generation seed (unless `config.seed` is set) and the shuffle seed. */
  seed?: number;
  /** Shuffle samples (before the limit) with `seed`. */
  shuffle?: boolean;
  /** Run overrides of the task's generation config. */
  config?: GenerateConfig;
  /**
   * Inspect `fail_on_error` (default true): true fails the run on the first sample error, false
   * never; a number below 1 is the tolerated fraction of planned items, 1 or more an error count.
   */
  failOnError?: boolean | number;
  /** Resume: these items are skipped and their scores join the final metrics. */
  finished?: Iterable<FinishedSample>;
  /** Called once per finished item and awaited: a slow sink holds its connection slot, so memory stays bounded. */
  onSample?: (record: SampleRecord) => void | Promise<void>;
  onProgress?: (progress: RunProgress) => void;
  /** Cancels the run: nothing new starts and in-flight model calls are aborted. */
  signal?: AbortSignal;
  /**
   * false: the results and reductions are left empty, for a host that computes them from what it stored (the worker
   * does, from its rows): the metrics at the end of a run sit between its last reply and its outcome.
   */
  computeResults?: boolean;
}

export type EvalRunStatus = 'success' | 'cancelled' | 'error';

export interface EvalRunResult {
  status: EvalRunStatus;
  /**
   * One entry per reducer over every item that finished with a score: partial when the run stopped
   * early, empty when it stopped before the work was planned or with `computeResults: false`.
   */
  results: EvalScoreResult[];
  reductions: EpochReduction[];
  /** `samples` planned items; `completed` of them finished without error (resumed ones included). */
  totals: { samples: number; completed: number };
  /** Tokens by model name for the calls this invocation made (model and grader). */
  usage: Record<string, ModelUsage>;
  error?: string;
  started_at: string;
  completed_at: string;
}

/**
 * Runs a task against a model the way `bench eval` does: plan the (sample, epoch) items, solve and
 * score them through a fixed pool of `maxConnections` workers, then reduce epochs and compute the
 * task metrics. Cancellation and run failures come back as a status, never as a rejection.
 */
export async function runEval(options: RunEvalOptions): Promise<EvalRunResult> {
  const startedMs = Date.now();
  const { task } = options;
  const maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  if (!Number.isInteger(maxConnections) || maxConnections < 1) {
    throw new RangeError(`maxConnections must be a positive integer, got ${maxConnections}`);
  }
  const explicitReducers = options.reducers ?? task.reducers;
  const getReducer = options.getReducer ?? registryReducer;
  const reducers = (explicitReducers ?? ['mean']).map((name) => getReducer(name));
  const missing = (task.services ?? []).filter((service) => options.services?.[service] === undefined);
  if (missing.length > 0) throw new Error(`${task.name} is scored by ${missing.join(', ')}, whose client (and key) was not supplied`);
  const missingJudges = Object.keys(task.judges ?? {}).filter((role) => options.judges?.[role] === undefined);
  if (missingJudges.length > 0) throw new Error(`${task.name} is judged by its ${missingJudges.join(', ')} judge, whose model client was not supplied`);

  const controller = new AbortController();
  // Every in-flight call may listen on the shared signal; the default limit of 10 would warn.
  setMaxListeners(maxConnections * 4 + 16, controller.signal);
  const run = new EvalRun(options, controller, reducers, explicitReducers !== undefined);
  const onCancel = () => run.cancel();
  options.signal?.addEventListener('abort', onCancel, { once: true });
  try {
    if (options.signal?.aborted) run.cancel();
    else await run.execute(maxConnections);
  } finally {
    options.signal?.removeEventListener('abort', onCancel);
  }
  return run.outcome(startedMs);
}

type Stop = { status: 'cancelled' } | { status: 'error'; message: string };

/** State of one run, shared by its workers (single-threaded: plain fields need no locking). */
class EvalRun {
  private stop: Stop | undefined;
  private plan: WorkItem[] = [];
  /** Plan indexes still to run, in plan order. */
  private pending: number[] = [];
  private cursor = 0;
  /** What metrics need of each finished item, at its plan index, so results do not depend on finish order. */
  private scores: (EpochScore | undefined)[] = [];
  private current = 0;
  private completed = 0;
  private errors = 0;
  private readonly usage: Record<string, ModelUsage> = {};
  private results: EvalScoreResult[] = [];
  private reductions: EpochReduction[] = [];

  constructor(
    private readonly options: RunEvalOptions,
    private readonly controller: AbortController,
    private readonly reducers: Reducer[],
    private readonly nameReducers: boolean,
  ) {}

  async execute(maxConnections: number): Promise<void> {
    const { options } = this;
    const { task } = options;
    const signal = this.controller.signal;
    try {
      const samples = options.samples ?? (await task.dataset.load(datasetContext(options.datasetContext, signal)));
      if (this.stop) return;
      this.plan = planSamples(samples, {
        limit: options.limit,
        epochs: options.epochs ?? task.epochs ?? 1,
        shuffle: options.shuffle,
        seed: options.seed,
      });
      this.scores = new Array(this.plan.length);
      this.pending = this.resume(options.finished);
      const context: SolveContext = {
        task,
        model: options.model,
        grader: options.grader && namingFailures(options.grader, 'grader'),
        judges: options.judges && judgesNamingFailures(options.judges),
        services: options.services,
        config: mergeGenerateConfig(task.config, options.config, options.seed),
        systemMessage: task.systemMessage === undefined ? undefined : { role: 'system', content: task.systemMessage },
        signal,
        usage: this.usage,
      };
      options.onProgress?.({ current: this.current, total: this.plan.length });
      const workers: Promise<void>[] = [];
      for (let i = Math.min(maxConnections, this.pending.length); i > 0; i--) workers.push(this.work(context));
      await Promise.all(workers);
      if (options.computeResults === false) return;
      const computed = scoreResults(this.finishedScores(), {
        scorer: task.scorer.name,
        reducers: this.reducers,
        nameReducers: this.nameReducers,
        metrics: task.metrics,
      });
      this.results = computed.results;
      this.reductions = computed.reductions;
    } catch (err) {
      // Rejections caused by our own abort (a dataset download, say) are the cancel, not an error.
      if (!signal.aborted) this.fail(errorMessage(err));
    }
  }

  cancel(): void {
    this.halt({ status: 'cancelled' });
  }

  outcome(startedMs: number): EvalRunResult {
    return {
      status: this.stop?.status ?? 'success',
      results: this.results,
      reductions: this.reductions,
      totals: { samples: this.plan.length, completed: this.completed },
      usage: this.usage,
      ...(this.stop?.status === 'error' ? { error: this.stop.message } : {}),
      started_at: isoWithOffset(startedMs),
      completed_at: isoWithOffset(Date.now()),
    };
  }

  /** Marks resumed items finished and returns the plan indexes left to run. */
  private resume(finished: Iterable<FinishedSample> | undefined): number[] {
    const indexByKey = new Map<string, number>();
    if (finished) this.plan.forEach((item, index) => indexByKey.set(sampleKey(item.sample.id, item.epoch), index));
    const scorer = this.options.task.scorer.name;
    const done = new Uint8Array(this.plan.length);
    for (const record of finished ?? []) {
      if (record.error) continue;
      const index = indexByKey.get(sampleKey(record.sample_id, record.epoch));
      if (index === undefined || done[index]) continue;
      done[index] = 1;
      this.current++;
      this.completed++;
      const score = record.scores[scorer];
      if (score) this.scores[index] = epochScore(this.plan[index], score);
    }
    const pending: number[] = [];
    for (let index = 0; index < this.plan.length; index++) if (!done[index]) pending.push(index);
    return pending;
  }

  /** One pool worker: pulls the next item until the plan is exhausted or the run stops. */
  private async work(context: SolveContext): Promise<void> {
    while (this.stop === undefined && this.cursor < this.pending.length) {
      try {
        await this.runItem(this.pending[this.cursor++], context);
      } catch (err) {
        // After an abort, failures are its echo (aborted calls); otherwise a fatal provider error or a failing sink.
        if (!this.controller.signal.aborted) this.fail(errorMessage(err));
      }
    }
  }

  private async runItem(index: number, context: SolveContext): Promise<void> {
    const item = this.plan[index];
    const record = await solveSample(item, context);
    // Finished after the stop was decided: dropped unrecorded like the aborted ones, so a resume redoes it.
    if (this.stop) return;
    const delivered = this.options.onSample?.(record);
    if (delivered) await delivered;
    this.current++;
    if (record.error === null) {
      this.completed++;
      const score = record.scores[this.options.task.scorer.name];
      if (score) this.scores[index] = epochScore(item, score);
    } else {
      this.errors++;
      if (exceedsErrorBudget(this.errors, this.plan.length, this.options.failOnError)) this.fail(record.error);
    }
    this.options.onProgress?.({ current: this.current, total: this.plan.length });
  }

  private *finishedScores(): IterableIterator<EpochScore> {
    for (const entry of this.scores) if (entry) yield entry;
  }

  private fail(message: string): void {
    this.halt({ status: 'error', message });
  }

  /** The first reason to stop wins; aborting the shared signal cuts every in-flight call short. */
  private halt(stop: Stop): void {
    if (this.stop) return;
    this.stop = stop;
    this.controller.abort();
  }
}

/** Inspect's `_should_eval_fail`. */
function exceedsErrorBudget(errors: number, total: number, failOnError: boolean | number | undefined): boolean {
  if (failOnError === false) return false;
  if (failOnError === undefined || failOnError === true) return errors > 0;
  return failOnError < 1 ? errors >= failOnError * total : errors >= failOnError;
}

/**
 * Task defaults, then the run's `--seed`, then the run's config. Unset (undefined) run fields do not
 * erase task defaults: a caller may pass every CLI option, set or not.
 */
export function mergeGenerateConfig(task: GenerateConfig, run: GenerateConfig | undefined, seed: number | undefined): GenerateConfig {
  const merged: Record<string, unknown> = { ...task };
  if (seed !== undefined) merged.seed = seed;
  for (const [field, value] of Object.entries(run ?? {})) if (value !== undefined) merged[field] = value;
  return merged as GenerateConfig;
}

function datasetContext(ctx: DatasetContext | undefined, signal: AbortSignal): DatasetContext {
  if (!ctx) throw new TypeError('runEval needs either samples or a datasetContext to load the task dataset');
  return { ...ctx, signal: ctx.signal ? AbortSignal.any([ctx.signal, signal]) : signal };
}

function epochScore({ sample, epoch }: WorkItem, score: Score): EpochScore {
  const entry: EpochScore = { sample_id: sample.id, epoch, score };
  if (sample.metadata !== undefined) entry.sample_metadata = sample.metadata;
  return entry;
}
