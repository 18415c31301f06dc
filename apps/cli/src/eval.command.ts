/**
 * `studio eval`: one benchmark against one model, the way `bench eval` runs it, with the log
 * streamed to disk and Ctrl-C turning into a clean cancellation.
 */
import { RUN_EXIT_CODE } from '@studio/contracts';
import {
  contextWindowCheck,
  EvalSession,
  evalSettings,
  hasTask,
  modelGenerator,
  newEvalLogIdentity,
  runEval,
  type EvalRunStatus,
  type EvalSettings,
  type SessionClientOptions,
} from '@studio/engine';
import { createModelClient, parseModelId, type ModelClient } from '@studio/providers';
import { join } from 'node:path';
import type { CliEnv } from './cli-env.config';
import { UsageError, type EvalArgs } from './eval-args.parser';
import { openEvalLogSink, type EvalLogSink } from './eval-log.sink';
import type { InterruptHandlers } from './interrupt.handler';
import { formatMetricsTable } from './metrics-table.formatter';
import { createProgressReporter, type ProgressOutput } from './progress.reporter';

export interface CommandIo {
  stdout: (text: string) => void;
  stderr: ProgressOutput;
  /** Ctrl-C or SIGTERM: the first cancels the run, a second one ends the process. */
  onInterrupt: (handlers: InterruptHandlers) => void;
}

/** Exit codes: a run's (0 success, 1 failed run or setup, 130 cancelled, also by SIGTERM), 2 for bad arguments. */
const EXIT_CODE: Record<EvalRunStatus, number> = { success: RUN_EXIT_CODE.completed, error: RUN_EXIT_CODE.failed, cancelled: RUN_EXIT_CODE.canceled };

/** The run's settings from the flags (`--model-role grader=` is the run's grader); options the CLI lacks stay unset. */
export function settingsFromArgs(args: EvalArgs): EvalSettings {
  return evalSettings({
    benchmark: args.benchmark,
    model: args.model,
    limit: args.limit ?? null,
    temperature: args.config.temperature ?? null,
    top_p: args.config.top_p ?? null,
    max_tokens: args.config.max_tokens ?? null,
    timeout: args.timeoutSeconds,
    epochs: args.epochs ?? null,
    max_connections: args.maxConnections,
    seed: args.config.seed ?? null,
    grader_model: args.modelRoles.grader ?? null,
    fail_on_error: args.failOnError,
    epochs_reducer: args.epochsReducer ?? null,
    reasoning_effort: args.config.reasoning_effort ?? null,
    max_retries: args.maxRetries ?? null,
    model_base_url: args.modelBaseUrl ?? null,
    task_args: args.taskArgs,
  });
}

function openClient(env: CliEnv, options: SessionClientOptions): ModelClient {
  const { provider } = parseModelId(options.model);
  return createModelClient({ ...options, apiKey: env.apiKey(provider).value, baseUrl: options.baseUrl ?? env.baseUrl(provider) });
}

function openSession(args: EvalArgs): EvalSession {
  if (!hasTask(args.benchmark)) {
    throw new UsageError(`Benchmark "${args.benchmark}" is not runnable by this engine; see \`studio list\``);
  }
  try {
    return EvalSession.open(settingsFromArgs(args));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export async function runEvalCommand(args: EvalArgs, env: CliEnv, io: CommandIo): Promise<number> {
  const session = openSession(args);
  const { task } = session;
  const controller = new AbortController();
  let openLog: EvalLogSink | undefined;
  io.onInterrupt({
    cancel() {
      io.stderr.write('\nCancelling: waiting for in-flight requests to stop (Ctrl-C again to quit at once)\n');
      controller.abort();
    },
    // The run is not waited for, so its results are lost, but the log still opens as cancelled with its samples.
    beforeExit: () => openLog?.abort('cancelled'),
  });

  const clients: ModelClient[] = [];
  try {
    const model = openClient(env, session.modelClientOptions());
    clients.push(model);
    const shortfall = await contextWindowCheck(model, session.settings.benchmark);
    if (shortfall) throw new UsageError(shortfall);
    const graderOptions = session.graderClientOptions();
    const grader = graderOptions && openClient(env, graderOptions);
    if (grader) clients.push(grader);

    const datasetContext = {
      cacheDir: join(args.dataDir ?? env.dataDir, 'datasets'),
      offline: args.offline || env.offline,
      hfToken: env.hfToken,
      signal: controller.signal,
    };
    io.stderr.write(`Loading ${task.name} (${task.dataset.location})\n`);
    let samples;
    try {
      samples = await task.dataset.load(datasetContext);
    } catch (error) {
      if (!controller.signal.aborted) throw error;
      io.stderr.write('Cancelled before the run started; no log was written\n');
      return EXIT_CODE.cancelled;
    }
    const items = session.plan(samples).length;
    const sink = openEvalLogSink(args.logDir, args.logfile, session.logStart(newEvalLogIdentity(), samples));
    openLog = sink;
    const progress = createProgressReporter(args.display, io.stderr, task.name);
    io.stderr.write(`Running ${task.name} on ${model.id}: ${items / session.epochs} samples × ${session.epochs} epoch(s)\n`);
    const run = session.runOptions({
      model: modelGenerator(model),
      grader: grader && modelGenerator(grader),
      samples,
      onSample: (record) => sink.addSample(record),
      onProgress: (p) => progress.update(p),
      signal: controller.signal,
    });
    const result = await runEval(run).catch((error: unknown) => {
      // The engine itself failed: the log still ends properly, as a failed run.
      sink.abort('error', error instanceof Error ? error.message : String(error));
      throw error;
    });
    progress.finish();
    sink.finish(result);

    io.stdout(`${task.displayName} (${task.name}) · ${model.id} · status ${result.status}\n`);
    io.stdout(`${result.totals.completed}/${result.totals.samples} samples completed\n\n`);
    io.stdout(`${formatMetricsTable(result.results, result.reductions)}\n\n`);
    if (result.error) io.stderr.write(`Run failed: ${result.error}\n`);
    io.stdout(`Log: ${sink.path}\n`);
    return EXIT_CODE[result.status];
  } finally {
    await Promise.all(clients.map((client) => client.close()));
  }
}
