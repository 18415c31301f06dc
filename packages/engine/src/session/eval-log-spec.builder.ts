/**
 * The `.eval` log's start (spec and plan) and end of a run, the same whoever writes it: the CLI streaming its run to
 * disk, or the gateway rebuilding a stored run's log from the database.
 */
import { getBenchmark } from '../catalog';
import {
  evalPlan,
  evalScorer,
  newShortUuid,
  toEvalGenerateConfig,
  toInspectTimestamp,
  type EvalGenerateConfig,
  type EvalLogFinishInput,
  type EvalPlan,
  type EvalSpec,
} from '../eval-log';
import { mergeGenerateConfig, planSamples, type EvalRunResult } from '../runner';
import type { Sample, TaskDefinition } from '../types';
import { maxConnectionsOf, runGenerateConfig, type EvalSettings } from './eval-settings';
import { STUDIO_VERSION } from './studio.version';

/** What names one log: its ids and creation time (Inspect's timestamp, seconds precision). */
export interface EvalLogIdentity {
  eval_id: string;
  run_id: string;
  task_id: string;
  created: string;
}

export interface EvalLogStart {
  spec: EvalSpec;
  plan: EvalPlan;
}

/** Fresh ids for a log written as the run goes (a stored run keeps its own). */
export function newEvalLogIdentity(createdMs = Date.now()): EvalLogIdentity {
  return { eval_id: newShortUuid(), run_id: newShortUuid(), task_id: newShortUuid(), created: toInspectTimestamp(createdMs, 'seconds') };
}

/**
 * Spec and plan of a run's log. `task` is undefined for a stored run whose benchmark this engine no longer runs:
 * the log is still written, with the catalog's names and without the scorer. `samples` (the whole dataset, before
 * the limit, or as many of its first samples as the limit uses, with `total` the dataset's size) gives the dataset's
 * size and the planned sample ids; without it the catalog's size stands.
 */
export function evalLogStart(
  settings: EvalSettings,
  task: TaskDefinition | undefined,
  identity: EvalLogIdentity,
  samples?: readonly Sample[],
  total = samples?.length,
): EvalLogStart {
  const meta = getBenchmark(settings.benchmark);
  const name = task?.name ?? settings.benchmark;
  const grader = task?.graderModel;
  const taskArgs = settings.task_args ?? {};
  const limit = settings.limit ?? undefined;
  const spec: EvalSpec = {
    eval_id: identity.eval_id,
    run_id: identity.run_id,
    created: identity.created,
    task: name,
    task_id: identity.task_id,
    task_version: 0,
    task_display_name: task?.displayName ?? meta?.display_name ?? settings.benchmark,
    task_registry_name: `openbench/${name}`,
    task_attribs: {},
    task_args: { ...taskArgs, ...(grader ? { grader_model: grader } : {}) },
    // The grader role (`--model-role grader=…`, the API's grader_model) is a model role, not a task argument.
    task_args_passed: { ...taskArgs },
    dataset: {
      name: task?.dataset.name ?? settings.benchmark,
      location: task?.dataset.location ?? meta?.dataset.source,
      samples: total ?? meta?.sample_count ?? undefined,
      ...(samples ? { sample_ids: planSamples(samples, { limit, epochs: 1 }).map((item) => item.sample.id) } : {}),
      shuffled: task?.dataset.shuffled ?? false,
    },
    model: settings.model,
    model_generate_config: modelGenerateConfig(settings),
    ...(settings.model_base_url ? { model_base_url: settings.model_base_url } : {}),
    model_args: {},
    model_roles: grader ? { grader: { model: grader } } : {},
    config: {
      ...(limit === undefined ? {} : { limit: typeof limit === 'number' ? limit : [limit[0], limit[1]] }),
      epochs: settings.epochs ?? task?.epochs ?? 1,
      epochs_reducer: [...(settings.epochs_reducer ?? task?.reducers ?? ['mean'])],
      fail_on_error: settings.fail_on_error ?? true,
      sandbox_cleanup: true,
      log_samples: true,
      log_realtime: true,
      log_images: true,
      score_display: true,
    },
    packages: { 'openbench-studio': STUDIO_VERSION },
    ...(task ? { scorers: [evalScorer(task)] } : {}),
  };
  return { spec, plan: evalPlan(task?.systemMessage, planGenerateConfig(settings, task), task?.solver) };
}

/**
 * The run's options as Inspect records the eval's GenerateConfig: its generation overrides, the connections it
 * ran with, and the request timeout and retries when the run set them (else they are the host's).
 */
function modelGenerateConfig(settings: EvalSettings): EvalGenerateConfig {
  return {
    ...toEvalGenerateConfig(runGenerateConfig(settings)),
    max_connections: maxConnectionsOf(settings),
    ...(settings.timeout == null ? {} : { timeout: settings.timeout }),
    ...(settings.max_retries == null ? {} : { max_retries: settings.max_retries }),
  };
}

/** What the model is sent: the task's defaults under the run's overrides, as the runner merges them. */
function planGenerateConfig(settings: EvalSettings, task: TaskDefinition | undefined): EvalGenerateConfig {
  const merged = mergeGenerateConfig(task?.config ?? {}, runGenerateConfig(settings), undefined);
  const out = toEvalGenerateConfig(merged);
  if (merged.timeout_ms !== undefined) out.timeout = merged.timeout_ms / 1000;
  return out;
}

/** The end of the log of a run that finished in this process, from the runner's result. */
export function evalLogFinish(result: EvalRunResult): EvalLogFinishInput {
  return {
    status: result.status,
    results:
      result.results.length === 0 ? null : { total_samples: result.totals.samples, completed_samples: result.totals.completed, scores: result.results },
    stats: { started_at: result.started_at, completed_at: result.completed_at, model_usage: result.usage },
    reductions: result.reductions,
    error: result.error ?? null,
  };
}
