/**
 * The parts of an Inspect `.eval` log that come from the task definition, the same for every log written (the CLI's
 * streaming sink, the gateway's log rebuilt from the database): the scorer with Inspect's or openbench's registry name
 * for each metric, the solver plan, and generation options in Inspect's field names.
 */
import type { GenerateConfig } from '@studio/providers';
import type { Solver, TaskDefinition } from '../types';
import type { EvalGenerateConfig, EvalPlan, EvalScorer } from './eval-log.types';

/** Metrics that Inspect itself registers; the others are openbench's. */
const INSPECT_METRICS = new Set(['accuracy', 'stderr', 'std', 'mean']);

/** The task's scorer as `EvalSpec.scorers` lists it. */
export function evalScorer(task: TaskDefinition): EvalScorer {
  return {
    name: task.scorer.name,
    options: {},
    metrics: task.metrics.map((metric) => ({ name: `${INSPECT_METRICS.has(metric.name) ? 'inspect_ai' : 'openbench'}/${metric.name}`, options: {} })),
    metadata: {},
  };
}

/** The plan as Inspect records it: the task's system message, if it has one, then its solver (`generate()`) under `config`. */
export function evalPlan(systemMessage: string | undefined, config: EvalGenerateConfig, solver?: Pick<Solver, 'name' | 'params'>): EvalPlan {
  const steps = [
    ...(systemMessage === undefined ? [] : [{ solver: 'system_message', params: { template: systemMessage } }]),
    solver === undefined ? { solver: 'generate', params: {} } : { solver: solver.name, params: solver.params },
  ];
  return { name: 'plan', steps, config };
}

/** A GenerateConfig in Inspect's field names; `timeout_ms` (Inspect's `timeout`, in seconds) is left to the caller. */
export function toEvalGenerateConfig(config: GenerateConfig): EvalGenerateConfig {
  const out: EvalGenerateConfig = {};
  if (config.temperature !== undefined) out.temperature = config.temperature;
  if (config.top_p !== undefined) out.top_p = config.top_p;
  if (config.max_tokens !== undefined) out.max_tokens = config.max_tokens;
  if (config.seed !== undefined) out.seed = config.seed;
  if (config.stop !== undefined) out.stop_seqs = config.stop;
  if (config.reasoning_effort !== undefined) out.reasoning_effort = config.reasoning_effort;
  return out;
}
