/**
 * Run setup: what an attempt needs before it evaluates. The run's stored settings become its eval session (the
 * task and every option's meaning), the owner's keys are decrypted for the providers the run calls, and the model
 * clients are opened. Every failure here is a RunSetupError or a provider/config error with a plain message.
 */
import { RunConfigSchema, customBenchmarkSlug, type OperatorFilePaths } from '@studio/contracts';
import { customDatasetSource, type Db, type RunRow } from '@studio/db';
import { contextWindowCheck, EvalSession, operatorFilesFor, modelGenerator, type Generator, type ScoringServices, type SessionClientOptions } from '@studio/engine';
import { createModelClient, parseModelId, type ConnectionPools, type ModelClient, type RetryInfo } from '@studio/providers';
import type { WorkerMetrics } from '@studio/runtime';
import type { WorkerConfig } from './config';
import { messageOf } from './error-message.util';
import { RunSetupError, resolveProviderAccess, resolveScoringServices, type ApiKeyReads } from './provider-key.resolver';
import type { RunControl } from './run.control';
import type { RunReporter } from './run.reporter';

/** The parts of a run that setup produces and evaluation consumes. */
export interface PreparedRun {
  session: EvalSession;
  model: Generator;
  grader: Generator | undefined;
  /** The task's fixed judges by role, with the owner's keys. */
  judges: Record<string, Generator>;
  /** The outside scoring services' clients, with the owner's keys, and the operator's files (closed by the caller). */
  services: ScoringServices;
  /** Closed by the caller once the run is over. */
  clients: ModelClient[];
}

export interface RunSetupContext {
  worker: WorkerConfig;
  db: Db;
  control: RunControl;
  reporter: RunReporter;
  /** Receives each decrypted key, so that no error message stored with the run can carry one. */
  secrets: string[];
  metrics?: WorkerMetrics;
  /** The worker's keep-alive pools, lent to the run's clients. */
  connections: ConnectionPools;
  /** The run owner's key rows (the model's may be read already). */
  keys: ApiKeyReads;
}

export async function setUpRun(run: RunRow, ctx: RunSetupContext): Promise<PreparedRun> {
  const { worker, db, reporter, secrets, metrics, connections, keys } = ctx;
  const session = await openSession(run, db);
  const services = await resolveScoringServices(db, worker.encryption, run.user_id, session, { urls: worker.scoringServiceUrls, secrets });
  // The run's options, else this worker's configured request timeout and retries.
  const defaults = { timeoutMs: worker.providerTimeoutMs, maxRetries: worker.providerMaxRetries };
  const clients: ModelClient[] = [];
  const open = async (options: SessionClientOptions): Promise<ModelClient> => {
    const access = await resolveProviderAccess(keys, worker.encryption, parseModelId(options.model).provider);
    if (access.apiKey) secrets.push(access.apiKey);
    const client = createModelClient({
      ...options,
      ...access,
      // Runs call the user's saved endpoint (or the provider's default) from inside the deployment.
      urlPolicy: { blockPrivate: worker.blockPrivateBaseUrls },
      // Requests carry the owner's key in a header, so the worker's pools serve every run (each user's alike).
      pools: connections,
      onRetry: (info) => {
        metrics?.modelCallRetried(client.provider, info.error);
        reporter.log('stderr', retryLine(options.model, info));
      },
    });
    clients.push(client);
    return metrics ? observed(client, metrics) : client;
  };
  try {
    const modelClient = await open(session.modelClientOptions(defaults));
    const shortfall = await contextWindowCheck(modelClient, session.settings.benchmark);
    if (shortfall) throw new RunSetupError(shortfall);
    const graderOptions = session.graderClientOptions(defaults);
    const graderClient = graderOptions && (await open(graderOptions));
    const judges: Record<string, Generator> = {};
    for (const [role, options] of Object.entries(session.judgeClientOptions(defaults))) judges[role] = modelGenerator(await open(options));
    // Opened last, so that no earlier failure leaves the file open; the run's `benchmark` and the path are in the message.
    const files = openOperatorFiles(session, worker.runLimits.operatorFiles);
    return { session, model: ctx.control.gate(modelClient), grader: graderClient && modelGenerator(graderClient), judges, services: { ...services, ...files }, clients };
  } catch (err) {
    await Promise.allSettled(clients.map((c) => c.close()));
    throw err;
  }
}

/** This worker's operator files (`FACTSCORE_DB_PATH`, `SCICODE_H5_PATH`), for a run whose task needs one. */
function openOperatorFiles(session: EvalSession, paths: OperatorFilePaths): ScoringServices {
  try {
    return operatorFilesFor(session.requiredServices, session.settings.benchmark, paths);
  } catch (err) {
    throw new RunSetupError(messageOf(err));
  }
}

async function openSession(run: RunRow, db: Db): Promise<EvalSession> {
  const parsed = RunConfigSchema.safeParse(run.config);
  if (!parsed.success) throw new RunSetupError(`The run's stored configuration is invalid: ${parsed.error.issues[0]?.message ?? 'unknown error'}`);
  const { benchmark } = parsed.data;
  // A private dataset's rows are in PostgreSQL, so any worker runs it.
  const custom = await customDatasetSource(db, run.user_id, benchmark);
  if (customBenchmarkSlug(benchmark) !== undefined && custom === undefined)
    throw new RunSetupError(`The dataset ${benchmark} no longer exists; it was deleted after the run was created`);
  try {
    return EvalSession.open(parsed.data, custom);
  } catch (err) {
    throw new RunSetupError(messageOf(err));
  }
}

/** The client with each generate call timed and its errors counted, by provider and class. */
function observed(client: ModelClient, metrics: WorkerMetrics): ModelClient {
  return {
    id: client.id,
    provider: client.provider,
    model: client.model,
    get concurrencyLimit() {
      return client.concurrencyLimit;
    },
    generate: (messages, config, signal) => metrics.observeModelCall(client.provider, () => client.generate(messages, config, signal)),
    listModels: (signal) => client.listModels(signal),
    close: () => client.close(),
  };
}

/** `attempt` counts requests: the first retry is attempt 2. */
function retryLine(modelId: string, info: RetryInfo): string {
  const cause = info.error.status ? `HTTP ${info.error.status}` : info.error.kind === 'timeout' ? 'a timeout' : `a ${info.error.kind} error`;
  return `retrying ${modelId} after ${cause} (attempt ${info.attempt + 1}, waiting ${(info.delayMs / 1000).toFixed(1)} s)`;
}
