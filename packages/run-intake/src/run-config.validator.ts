import { RunConfigSchema, SCORING_SERVICES, findProvider, isOperatorFile, operatorFileMissing, visionRefusal, type OperatorFilePaths, type RunConfig } from '@studio/contracts';
import { findApiKey, findServiceKey, type Db } from '@studio/db';
import { TaskArgumentError, expandEpochReducers, type TaskDefinition } from '@studio/engine';
import { parseModelId } from '@studio/providers';
import { resolveRunBenchmark, type RunBenchmark } from './run-benchmark.resolver';
import { InvalidRunRequest, type RunRequest } from './run-request';

function modelId(field: string, raw: string): string {
  try {
    const { provider, model } = parseModelId(raw);
    return `${provider}/${model}`;
  } catch {
    throw new InvalidRunRequest(field, `"${raw}" is not of the form provider/model, e.g. "openai/gpt-4o"`);
  }
}

function epochReducers(names: readonly string[]): string[] {
  try {
    return expandEpochReducers(names);
  } catch (err) {
    throw new InvalidRunRequest('epochs_reducer', (err as Error).message);
  }
}

const MAX_TASK_ARGS = 32;
const MAX_TASK_ARG_LENGTH = 10_000;
/** A task argument is a keyword argument of openbench's Python task function, so its name is an identifier. */
const TASK_ARG_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** Bounds that hold whatever the task: a handful of short keyword arguments, each named like a Python identifier. */
function checkTaskArgShapes(args: Record<string, string>): void {
  const names = Object.keys(args);
  if (names.length > MAX_TASK_ARGS) throw new InvalidRunRequest('task_args', `at most ${MAX_TASK_ARGS} task arguments, got ${names.length}`);
  for (const name of names) {
    if (!TASK_ARG_NAME.test(name))
      throw new InvalidRunRequest('task_args', `task argument names are identifiers of at most 64 letters, digits or _ (not starting with a digit), got ${JSON.stringify(name.slice(0, 80))}`);
    if (args[name]!.length > MAX_TASK_ARG_LENGTH)
      throw new InvalidRunRequest(`task_args.${name}`, `must be at most ${MAX_TASK_ARG_LENGTH} characters`);
  }
}

/**
 * The run's task with its `-T` arguments, refused as the worker's task would refuse them at setup: an argument it
 * does not take, or a value it cannot use, named as `task_args.<name>` (`task_args` when the task does not say).
 */
function runTask(benchmark: RunBenchmark, args: Record<string, string> | undefined): TaskDefinition {
  try {
    return benchmark.task({ args });
  } catch (err) {
    if (args === undefined) throw err;
    throw new InvalidRunRequest(err instanceof TaskArgumentError ? `task_args.${err.argument}` : 'task_args', (err as Error).message);
  }
}

async function requireKey(db: Db, userId: string, model: string, field: string, what: string, alternative = ''): Promise<void> {
  const { provider } = parseModelId(model);
  if (findProvider(provider)?.requires_key === false) return;
  if (await findApiKey(db, userId, provider)) return;
  throw new InvalidRunRequest(field, `the ${what} needs an API key for provider "${provider}"; add one with POST /api/api-keys${alternative}`);
}

/** Why a task without a grader refuses `grader_model`: it is not model-graded, or its judges are fixed (deep_research_bench). */
function noGraderReason(name: string, judges: Readonly<Record<string, string>> | undefined): string {
  const fixed = Object.entries(judges ?? {}).map(([role, judge]) => `${role} ${judge}`);
  return fixed.length
    ? `"${name}" is judged by fixed models (${fixed.join(', ')}), as openbench does, so it takes no grader model`
    : `"${name}" is not model-graded, so it takes no grader model`;
}

/**
 * The stored configuration of a run of `request` for `userId`: the benchmark runnable (or the user's dataset), the
 * model `provider/model`, a stored key for its provider and the grader's, options within bounds, task arguments the
 * task takes. Throws InvalidRunRequest naming the field otherwise.
 */
export async function validRunConfig(
  db: Db,
  limits: { maxConnectionsLimit: number; operatorFiles: OperatorFilePaths },
  userId: string,
  request: RunRequest,
): Promise<RunConfig> {
  const benchmark = await resolveRunBenchmark(db, userId, request.benchmark);
  const model = modelId('model', request.model);
  if (request.max_connections != null && request.max_connections > limits.maxConnectionsLimit)
    throw new InvalidRunRequest('max_connections', `must be at most ${limits.maxConnectionsLimit}`);
  // Empty is none, so the config reads as one stored before task arguments were taken.
  const taskArgs = request.task_args && Object.keys(request.task_args).length > 0 ? { ...request.task_args } : undefined;
  // A task argument may name the grader (`-T grader_model=…`), so the default grader is the task's with them.
  if (taskArgs) checkTaskArgShapes(taskArgs);
  const task = runTask(benchmark, taskArgs);
  const defaultGrader = task.graderModel;
  if (request.grader_model != null && defaultGrader === undefined) throw new InvalidRunRequest('grader_model', noGraderReason(benchmark.name, task.judges));
  const graderOverride = request.grader_model == null ? null : modelId('grader_model', request.grader_model);

  const visionRefused = benchmark.vision ? visionRefusal(benchmark.name, parseModelId(model).provider) : null;
  if (visionRefused) throw new InvalidRunRequest('model', visionRefused);
  await requireKey(db, userId, model, 'model', `model "${model}"`);
  const grader = graderOverride ?? defaultGrader;
  if (grader !== undefined) await requireKey(db, userId, grader, 'grader_model', `grader model "${grader}" of ${benchmark.name}`, ' or choose another grader_model');
  // Fixed judges (deep_research_bench's RACE and FACT Gemini models) are called with the user's keys, as the grader is.
  for (const [role, judge] of Object.entries(task.judges ?? {})) await requireKey(db, userId, judge, 'benchmark', `${role} judge "${judge}" of ${benchmark.name}`);
  // Scored by an outside service with the user's key (polyglotoxicity: Perspective), or against a file the operator
  // provides (FActScore's knowledge base, SciCode's test data): refused now, not failed later.
  for (const service of task.services ?? []) {
    if (isOperatorFile(service)) {
      if (!limits.operatorFiles[service]) throw new InvalidRunRequest('benchmark', operatorFileMissing(benchmark.name, service, 'this deployment has not configured'));
    } else if (!(await findServiceKey(db, userId, service)))
      throw new InvalidRunRequest(
        'benchmark',
        `${benchmark.name} is scored by ${SCORING_SERVICES[service].display_name}, which needs your key; save it under Settings → Scoring services (PUT /api/service-keys/${service})`,
      );
  }
  const parsed = RunConfigSchema.safeParse({
    benchmark: benchmark.name,
    model,
    limit: request.limit ?? null,
    temperature: request.temperature ?? null,
    top_p: request.top_p ?? null,
    max_tokens: request.max_tokens ?? null,
    timeout: request.timeout ?? null,
    epochs: request.epochs ?? null,
    max_connections: request.max_connections ?? null,
    seed: request.seed ?? null,
    grader_model: graderOverride,
    // Stored only when given, so configs that keep the default read as they always have.
    fail_on_error: request.fail_on_error ?? undefined,
    epochs_reducer: request.epochs_reducer == null ? undefined : epochReducers(request.epochs_reducer),
    reasoning_effort: request.reasoning_effort ?? undefined,
    task_args: taskArgs,
  });
  // The wire type's checks come first; this is the last word on what a stored config may hold.
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InvalidRunRequest(issue.path.join('.') || 'body', issue.message);
  }
  return parsed.data;
}
