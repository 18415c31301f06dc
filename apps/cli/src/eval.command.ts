/**
 * `studio eval`: one benchmark (or an eval group's members, one after another, then the group summary) against one
 * model, the way `bench eval` runs it, with each log streamed to disk and Ctrl-C turning into a clean cancellation.
 */
import { isScoringService, RUN_EXIT_CODE, SCORING_SERVICES, visionRefusal } from '@studio/contracts';
import {
  contextWindowCheck,
  EvalSession,
  evalGroupView,
  evalSettings,
  operatorFilesFor,
  closeOperatorFiles,
  formatGroupSummary,
  getBenchmark,
  getEvalGroup,
  groupSummary,
  hasTask,
  modelGenerator,
  newEvalLogIdentity,
  runEval,
  runnableTaskNames,
  scoringServiceClient,
  type ScoringServices,
  type EvalGroupEntry,
  type EvalRunStatus,
  type EvalSettings,
  type GroupSummaryLog,
  type Generator,
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

/**
 * The outside scoring services' clients a benchmark needs, from the environment; openbench refuses to build its task
 * or scorer without `PERSPECTIVE_API_KEY` / `JINA_API_KEY`, so a missing key fails the command before anything
 * runs, as a missing provider key does.
 * The operator's files (`FACTSCORE_DB_PATH`, `SCICODE_H5_PATH`) are opened the same way (openbench fails without them).
 */
function scoringServices(session: EvalSession, env: CliEnv): ScoringServices {
  let services: ScoringServices = {};
  for (const service of session.requiredServices) {
    if (!isScoringService(service)) continue;
    const { apiKey, url } = env.scoringServices[service];
    const { display_name, env_var } = SCORING_SERVICES[service];
    if (!apiKey) throw new Error(`${session.settings.benchmark} is scored by ${display_name}: no API key configured (openbench reads it from ${env_var})`);
    services = { ...services, ...scoringServiceClient(service, { apiKey, baseUrl: url }) };
  }
  // Opened last, so that a missing key leaves no file open.
  return { ...services, ...operatorFilesFor(session.requiredServices, session.settings.benchmark, env.operatorFiles) };
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

const RUNNABLE: ReadonlySet<string> = new Set(runnableTaskNames());

/**
 * The eval group `studio eval <name>` runs, as `bench eval` expands a group before it looks for a benchmark (so `mgsm`
 * is MGSM's 13 members). A group this engine cannot run whole is refused, naming each member that cannot run, unless
 * the name is also a runnable benchmark: that one runs, with a note.
 */
function groupToRun(args: EvalArgs, io: CommandIo): EvalGroupEntry | undefined {
  const group = getEvalGroup(args.benchmark);
  if (!group) return undefined;
  const view = evalGroupView(group, RUNNABLE);
  if (!view.runnable) {
    if (hasTask(args.benchmark)) {
      io.stderr.write(`Note: ${args.benchmark} is also an openbench eval group, which this engine cannot run whole; running the benchmark ${args.benchmark}\n`);
      return undefined;
    }
    const missing = view.members.filter((m) => !m.runnable).map((m) => `  ${m.name}: ${m.reason}`);
    throw new UsageError(`Eval group "${group.key}" cannot run: ${view.reason}\n${missing.join('\n')}`);
  }
  if (args.logfile) throw new UsageError('--logfile names one log; a group writes one per member (use --log-dir)');
  return group;
}

/** One member's (or the benchmark's) outcome: its status and what the group summary reads of its log. */
interface Evaluated {
  status: EvalRunStatus;
  log: GroupSummaryLog;
}

/** Shared by every benchmark of one command: the cancel signal, and the log to close if the process must exit. */
interface EvalContext {
  env: CliEnv;
  io: CommandIo;
  signal: AbortSignal;
  setOpenLog(sink: EvalLogSink | undefined): void;
}

/** Runs one benchmark as `studio eval <benchmark>` does: progress, its metrics table and its log. */
async function evaluate(
  args: EvalArgs,
  session: EvalSession,
  services: ScoringServices,
  { env, io, signal, setOpenLog }: EvalContext,
): Promise<Evaluated> {
  const { task } = session;
  // The API's refusal of a vision benchmark on a provider without image inputs, before any request is made.
  if (getBenchmark(session.settings.benchmark)?.requirements.vision) {
    const refused = visionRefusal(session.settings.benchmark, parseModelId(session.settings.model).provider);
    if (refused) throw new UsageError(refused);
  }
  const clients: ModelClient[] = [];
  let closed: Promise<unknown> | undefined;
  const closeClients = () => (closed ??= Promise.all(clients.map((client) => client.close())));
  try {
    const model = openClient(env, session.modelClientOptions());
    clients.push(model);
    const shortfall = await contextWindowCheck(model, session.settings.benchmark);
    if (shortfall) throw new UsageError(shortfall);
    const graderOptions = session.graderClientOptions();
    const grader = graderOptions && openClient(env, graderOptions);
    if (grader) clients.push(grader);
    const judges: Record<string, Generator> = {};
    for (const [role, options] of Object.entries(session.judgeClientOptions())) {
      const judge = openClient(env, options);
      clients.push(judge);
      judges[role] = modelGenerator(judge);
    }

    const datasetContext = {
      cacheDir: join(args.dataDir ?? env.dataDir, 'datasets'),
      offline: args.offline || env.offline,
      hfToken: env.hfToken,
      signal,
    };
    io.stderr.write(`Loading ${task.name} (${task.dataset.location})\n`);
    let loaded;
    try {
      loaded = await session.loadSamples(datasetContext);
    } catch (error) {
      if (!signal.aborted) throw error;
      io.stderr.write('Cancelled before the run started; no log was written\n');
      return { status: 'cancelled', log: { task: task.name, results: null } };
    }
    const { samples, total } = loaded;
    const items = session.plan(samples).length;
    const sink = openEvalLogSink(args.logDir, args.logfile, session.logStart(newEvalLogIdentity(), samples, total));
    setOpenLog(sink);
    const progress = createProgressReporter(args.display, io.stderr, task.name);
    io.stderr.write(`Running ${task.name} on ${model.id}: ${items / session.epochs} samples × ${session.epochs} epoch(s)\n`);
    const run = session.runOptions({
      model: modelGenerator(model),
      grader: grader && modelGenerator(grader),
      judges,
      services,
      samples,
      onSample: (record) => sink.addSample(record),
      onProgress: (p) => progress.update(p),
      signal,
    });
    const result = await runEval(run).catch((error: unknown) => {
      // The engine itself failed: the log still ends properly, as a failed run.
      sink.abort('error', error instanceof Error ? error.message : String(error));
      throw error;
    });
    progress.finish();
    // The log's thread writes the results while the model's connections close: both take tens of ms at a run's end.
    sink.finish(result);
    try {
      await closeClients();
    } finally {
      sink.drain();
    }
    setOpenLog(undefined);

    io.stdout(`${task.displayName} (${task.name}) · ${model.id} · status ${result.status}\n`);
    io.stdout(`${result.totals.completed}/${result.totals.samples} samples completed\n\n`);
    io.stdout(`${formatMetricsTable(result.results, result.reductions)}\n\n`);
    if (result.error) io.stderr.write(`Run failed: ${result.error}\n`);
    io.stdout(`Log: ${sink.path}\n`);
    // As the log records it: results only when there are scores (a run that failed before scoring has none).
    const results = result.results.length === 0 ? null : { completed_samples: result.totals.completed, scores: result.results };
    return { status: result.status, log: { task: task.name, results } };
  } finally {
    await closeClients();
    closeOperatorFiles(services);
  }
}

export async function runEvalCommand(args: EvalArgs, env: CliEnv, io: CommandIo): Promise<number> {
  const group = groupToRun(args, io);
  // Every member is resolved before anything runs, as `bench eval` loads every task first.
  const runs = (group ? group.members : [args.benchmark]).map((benchmark) => {
    const member = { ...args, benchmark };
    const session = openSession(member);
    // A member scored by an outside service needs its key before the first member runs.
    return { args: member, session, services: scoringServices(session, env) };
  });
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
  const context: EvalContext = { env, io, signal: controller.signal, setOpenLog: (sink) => (openLog = sink) };
  if (!group) return EXIT_CODE[(await evaluate(runs[0].args, runs[0].session, runs[0].services, context)).status];

  io.stdout(`📦 Expanding group '${args.benchmark}' -> ${group.members.length} benchmarks\n`);
  const outcomes: Evaluated[] = [];
  for (const run of runs) {
    // A member that fails does not stop the group (it is counted in the summary); a cancel does.
    outcomes.push(await evaluate(run.args, run.session, run.services, context));
    if (controller.signal.aborted) return EXIT_CODE.cancelled;
    io.stdout('\n');
  }
  io.stdout('Evaluation complete!\n');
  const summary = groupSummary(group.name, group.members, outcomes.map((o) => o.log));
  if (summary) io.stdout(formatGroupSummary(summary));
  return outcomes.some((o) => o.status !== 'success') ? EXIT_CODE.error : EXIT_CODE.success;
}
