/**
 * The one definition of "this model's context window is too small for this benchmark", used wherever a run is checked
 * before it starts: POST /api/runs and suites (the model's window from its provider's model listing, when cached),
 * the worker and the CLI (from the provider's listing at setup). Unknown windows and benchmarks without a requirement
 * pass.
 */
export interface ContextRequirement {
  display_name: string;
  requirements: { min_context_length?: number | null };
}

/** Why `model` cannot run `benchmark` (`CONTEXT_WINDOW_TOO_SMALL`), or null when it can or nothing is known. */
export function contextWindowShortfall(benchmark: ContextRequirement | undefined, model: string, contextLength: number | null | undefined): string | null {
  const needed = benchmark?.requirements.min_context_length;
  if (!needed || contextLength === null || contextLength === undefined || contextLength >= needed) return null;
  return `${benchmark.display_name} needs a context window of at least ${needed.toLocaleString('en-US')} tokens; ${model} has ${contextLength.toLocaleString('en-US')}.`;
}
