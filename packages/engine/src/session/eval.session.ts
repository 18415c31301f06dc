import type { ModelClient, ModelClientOptions } from '@studio/providers';
import { planSamples, type FinishedSample, type RunEvalOptions, type SampleLimit, type ScoreResults, type WorkItem } from '../runner';
import { customBenchmarkSlug } from '@studio/contracts';
import { customDatasetTask, type CustomDataset } from '../tasks/custom/custom-dataset.task';
import { getTask, hasTask } from '../tasks/registry';
import type { DatasetContext, Generator, LeadingSamples, Sample, SampleRecord, Score, ScoringServices, TaskDefinition, TaskService } from '../types';
import { evalLogStart, type EvalLogIdentity, type EvalLogStart } from './eval-log-spec.builder';
import { maxConnectionsOf, runGenerateConfig, type EvalSettings } from './eval-settings';
import { storedResults, type StoredSample } from './stored-results.builder';

/** The options of a model client that come from the run; the host adds credentials and its own policies. */
export type SessionClientOptions = Pick<ModelClientOptions, 'model' | 'baseUrl' | 'maxConnections' | 'maxRetries' | 'timeoutMs'>;

/** The host's defaults for what a run may leave unset (the worker's environment, the CLI's flag defaults). */
export interface HostClientDefaults {
  timeoutMs?: number;
  maxRetries?: number;
}

/** What the host supplies to run the evaluation: models, data, its sinks and its stop signal. */
export interface SessionRunInput {
  model: Generator;
  grader?: Generator;
  /** The task's judges by role, opened with `judgeClientOptions`. */
  judges?: Readonly<Record<string, Generator>>;
  /** Clients of the outside services the task declares (`requiredServices`). */
  services?: ScoringServices;
  samples: readonly Sample[];
  /** Records an earlier attempt stored: they are skipped, and their scores join the results. */
  finished?: Iterable<StoredSample>;
  onSample?: (record: SampleRecord) => void | Promise<void>;
  onProgress?: RunEvalOptions['onProgress'];
  signal?: AbortSignal;
  /** See RunEvalOptions: false when the host computes the results from its stored records (`results`). */
  computeResults?: boolean;
}

/**
 * One run as the engine sees it, from its settings: the task, the plan, the runner's options, the model clients'
 * options, the `.eval` log's start and, from stored records, the results. The worker and the CLI supply models,
 * data, sinks and storage; what a setting means and its default are decided here only.
 */
export class EvalSession {
  private constructor(
    readonly settings: EvalSettings,
    readonly task: TaskDefinition,
  ) {}

  /**
   * Throws the registry's error when the benchmark is not runnable or a task argument is refused. A private
   * dataset's run (`custom/<slug>`) needs the dataset, which the host reads from its storage.
   */
  static open(settings: EvalSettings, custom?: CustomDataset): EvalSession {
    return new EvalSession(settings, taskFor(settings, custom));
  }

  /** What the host must supply in `SessionRunInput.services`: owner-keyed services, FActScore's knowledge base. */
  get requiredServices(): readonly TaskService[] {
    return this.task.services ?? [];
  }

  /** The grader of a model-graded task (the run's choice, else the task's default). */
  get graderModel(): string | undefined {
    return this.task.graderModel;
  }

  get limit(): SampleLimit | undefined {
    return this.settings.limit ?? undefined;
  }

  get epochs(): number {
    return this.settings.epochs ?? this.task.epochs ?? 1;
  }

  get maxConnections(): number {
    return maxConnectionsOf(this.settings);
  }

  /** Options of the evaluated model's client. */
  modelClientOptions(defaults: HostClientDefaults = {}): SessionClientOptions {
    const options = this.clientOptions(this.settings.model, defaults);
    return this.settings.model_base_url ? { ...options, baseUrl: this.settings.model_base_url } : options;
  }

  /** The task's fixed judges (`TaskDefinition.judges`), `provider/model` by role. */
  get judgeModels(): Readonly<Record<string, string>> {
    return this.task.judges ?? {};
  }

  /** Options of each judge's client, by role: the run's timeout and retries, as the grader's. */
  judgeClientOptions(defaults: HostClientDefaults = {}): Record<string, SessionClientOptions> {
    return Object.fromEntries(Object.entries(this.judgeModels).map(([role, model]) => [role, this.clientOptions(model, defaults)]));
  }

  /** Options of the grader's client; undefined when the task is not model-graded. */
  graderClientOptions(defaults: HostClientDefaults = {}): SessionClientOptions | undefined {
    return this.graderModel === undefined ? undefined : this.clientOptions(this.graderModel, defaults);
  }

  /**
   * The (sample, epoch) items in the order the runner runs them. Deterministic (no shuffle), so an item has the
   * same position in every attempt at the run.
   */
  plan(samples: readonly Sample[]): WorkItem[] {
    return planSamples(samples, { limit: this.limit, epochs: this.epochs });
  }

  runOptions(input: SessionRunInput): RunEvalOptions {
    const { settings } = this;
    return {
      task: this.task,
      model: input.model,
      grader: input.grader,
      judges: input.judges,
      services: input.services,
      samples: input.samples,
      limit: this.limit,
      epochs: this.epochs,
      reducers: settings.epochs_reducer ?? undefined,
      maxConnections: this.maxConnections,
      seed: settings.seed ?? undefined,
      config: runGenerateConfig(settings),
      failOnError: settings.fail_on_error ?? undefined,
      finished: input.finished && finishedSamples(input.finished),
      onSample: input.onSample,
      onProgress: input.onProgress,
      signal: input.signal,
      computeResults: input.computeResults,
    };
  }

  /**
   * The samples a one-off run loads (the CLI's): with a limit, only the first ones the plan uses when the task can
   * load them alone (`TaskDataset.loadLeading`), else the whole dataset; `total` is the dataset's size either way.
   */
  async loadSamples(ctx: DatasetContext): Promise<LeadingSamples> {
    const { dataset } = this.task;
    const { limit } = this;
    if (limit !== undefined && dataset.loadLeading) return dataset.loadLeading(ctx, typeof limit === 'number' ? limit : limit[1]);
    const samples = await dataset.load(ctx);
    return { samples, total: samples.length };
  }

  /**
   * Spec and plan of the run's `.eval` log; `samples` is the loaded dataset when the host has it, or its first
   * samples (`loadSamples`) with `total` its size.
   */
  logStart(identity: EvalLogIdentity, samples?: readonly Sample[], total?: number): EvalLogStart {
    return evalLogStart(this.settings, this.task, identity, samples, total);
  }

  /** The run's results over its stored records (every attempt's), as the runner computes them over its own. */
  results(plan: readonly WorkItem[], stored: Iterable<StoredSample>): ScoreResults {
    return storedResults(this.task, plan, stored, this.settings.epochs_reducer ?? undefined);
  }

  private clientOptions(model: string, defaults: HostClientDefaults): SessionClientOptions {
    const { timeout, max_retries: maxRetries } = this.settings;
    return {
      model,
      maxConnections: this.maxConnections,
      maxRetries: maxRetries ?? defaults.maxRetries,
      timeoutMs: timeout == null ? defaults.timeoutMs : timeout * 1000,
    };
  }
}

/**
 * The log of a stored run: its benchmark's task when this engine still runs it (a private dataset's when the host
 * still has it), else a log without the task's scorer and plan details (a run outlives engine versions and
 * datasets).
 */
export function storedRunLogStart(settings: EvalSettings, identity: EvalLogIdentity, custom?: CustomDataset): EvalLogStart {
  const runnable = customBenchmarkSlug(settings.benchmark) === undefined ? hasTask(settings.benchmark) : custom !== undefined;
  return evalLogStart(settings, runnable ? taskFor(settings, custom) : undefined, identity);
}

/** The engine sees a model by its full `provider/model` id, as Inspect keys usage by it. */
export function modelGenerator(client: ModelClient): Generator {
  return { model: client.id, generate: (messages, config, signal) => client.generate(messages, config, signal) };
}

function taskFor(settings: EvalSettings, custom: CustomDataset | undefined): TaskDefinition {
  const options = { graderModel: settings.grader_model ?? undefined, args: settings.task_args ? { ...settings.task_args } : undefined };
  if (customBenchmarkSlug(settings.benchmark) === undefined) return getTask(settings.benchmark, options);
  if (custom === undefined) throw new Error(`Dataset "${settings.benchmark}" was not found; it may have been deleted`);
  return customDatasetTask(custom, options);
}

function* finishedSamples(stored: Iterable<StoredSample>): Iterable<FinishedSample> {
  // Stored records are the engine's own SampleRecords, so their scores have the engine's Score shape.
  for (const record of stored) yield { sample_id: record.sample_id, epoch: record.epoch, scores: record.scores as Record<string, Score>, error: record.error };
}
