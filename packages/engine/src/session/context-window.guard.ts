/**
 * The worker's and the CLI's check, at run setup, that the model's context window fits the benchmark
 * (`contextWindowShortfall`, the same check POST /api/runs makes). Only a benchmark with a context requirement asks the
 * provider for its model listing; a listing that fails, or a model it does not size, leaves the window unknown.
 */
import { contextWindowShortfall } from '@studio/contracts';
import type { ModelClient } from '@studio/providers';
import { getBenchmark } from '../catalog';

/** How long setup waits for the listing before going on without it. */
const LISTING_TIMEOUT_MS = 10_000;

export async function contextWindowCheck(client: Pick<ModelClient, 'id' | 'provider' | 'listModels'>, benchmark: string): Promise<string | null> {
  const requirement = getBenchmark(benchmark);
  if (!requirement?.requirements.min_context_length) return null;
  let contextLength: number | null | undefined;
  try {
    const models = await client.listModels(AbortSignal.timeout(LISTING_TIMEOUT_MS));
    contextLength = models.find((m) => `${client.provider}/${m.id}` === client.id)?.context_length;
  } catch {
    return null;
  }
  return contextWindowShortfall(requirement, client.id, contextLength);
}
