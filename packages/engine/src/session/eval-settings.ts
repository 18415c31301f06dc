import { RunConfigSchema, type RunConfig } from '@studio/contracts';
import { DEFAULT_MAX_CONNECTIONS, type GenerateConfig } from '@studio/providers';
import type { SampleLimit } from '../runner';

/**
 * Everything that defines a run: the API's RunConfig as stored with a run (a RunConfig is an EvalSettings as it
 * is; epochs reducer and reasoning effort are API options too), plus the options only `studio eval` offers so far. Unset options are null (or absent) and take their
 * default in the session, nowhere else. A new run option goes into RunConfigSchema and is applied in the session.
 */
export type EvalSettings = Omit<RunConfig, 'schema_version' | 'limit'> & {
  /** N, or Inspect's `[start, end)` slice (the CLI's `--limit start,end`). */
  limit: SampleLimit | null;
  /** Seconds per model request. */
  timeout: number | null;
  /** Retries of a failed model request; null keeps the host's default. */
  max_retries?: number | null;
  /** Endpoint of the evaluated model (`--model-base-url`). */
  model_base_url?: string | null;
};

/** Settings from the options given; every other option is unset, as the API stores a run that leaves it out. */
export function evalSettings(given: Pick<EvalSettings, 'benchmark' | 'model'> & Partial<EvalSettings>): EvalSettings {
  const { schema_version: _version, ...unset } = RunConfigSchema.parse({ benchmark: given.benchmark, model: given.model });
  return { ...unset, ...given };
}

/**
 * The run's own generation options: what it overrides of the task's GenerateConfig. The one mapping from run
 * settings to what the model is sent; unset options are left out, so the task's defaults stand.
 */
export function runGenerateConfig(settings: EvalSettings): GenerateConfig {
  const out: GenerateConfig = {};
  if (settings.temperature != null) out.temperature = settings.temperature;
  if (settings.top_p != null) out.top_p = settings.top_p;
  if (settings.max_tokens != null) out.max_tokens = settings.max_tokens;
  if (settings.seed != null) out.seed = settings.seed;
  if (settings.reasoning_effort != null) out.reasoning_effort = settings.reasoning_effort;
  return out;
}

/** Samples in flight at once, and the most requests each model client sends at once: openbench's default unless set. */
export function maxConnectionsOf(settings: Pick<EvalSettings, 'max_connections'>): number {
  return settings.max_connections ?? DEFAULT_MAX_CONNECTIONS;
}
