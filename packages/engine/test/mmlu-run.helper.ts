/**
 * The MMLU run the worker and end-to-end tests drive: 40 real MMLU questions (`fixtures/mmlu-run`) in an offline
 * dataset cache, and a fake model whose answers make every score known in advance.
 */
import { join } from 'node:path';
import { getTask } from '../src/tasks/registry';
import type { Sample } from '../src/types';
import { lastUserText, startFakeChatModel, type ChatRequestBody, type FakeChatModel, type FakeChatModelOptions } from './fake-chat-model.server';
import { placeInCache } from './offline-cache.helper';

export const MMLU_RUN_FIXTURE = join(__dirname, 'fixtures/mmlu-run/mmlu.csv');

/** Places the fixture in the dataset cache under `cacheDir` and loads the mmlu task's samples from it, offline. */
export async function loadMmluRunSamples(cacheDir: string): Promise<readonly Sample[]> {
  const task = getTask('mmlu');
  placeInCache(cacheDir, task.dataset.location, MMLU_RUN_FIXTURE);
  return task.dataset.load({ cacheDir, offline: true });
}

/**
 * The fake model's policy for the MMLU fixture: right for samples whose id is not a multiple of 3, wrong
 * otherwise (27 of 40 right), so scores are known in advance and equal however the run is split up.
 */
export function mmluAnswer(sample: Sample): string {
  const target = String(sample.target);
  const wrong = 'ABCD'[('ABCD'.indexOf(target) + 1) % 4];
  return `Answer: ${Number(sample.id) % 3 === 0 ? wrong : target}`;
}

/** The accuracy `mmluAnswer` earns on the first `n` samples. */
export function mmluExpectedAccuracy(samples: readonly Sample[], n: number): number {
  return samples.slice(0, n).filter((s) => Number(s.id) % 3 !== 0).length / n;
}

export interface MmluModelOptions extends Pick<FakeChatModelOptions, 'latencyMs' | 'usage'> {
  /** Overrides the answer (an HTTP error, say) for some requests. */
  override?: (body: ChatRequestBody) => ReturnType<FakeChatModelOptions['respond']> | undefined;
}

export type MmluModel = FakeChatModel & { requestsFor(id: number): number };

/** A fake OpenAI-compatible model answering `samples` by `mmluAnswer` (400 for any other prompt), counting requests per sample id. */
export async function startMmluModel(samples: readonly Sample[], options: MmluModelOptions = {}): Promise<MmluModel> {
  const byPrompt = new Map(samples.map((s) => [s.input as string, s]));
  const model = await startFakeChatModel({
    latencyMs: options.latencyMs,
    usage: options.usage,
    respond: (body) => {
      const overridden = options.override?.(body);
      if (overridden !== undefined) return overridden;
      const sample = byPrompt.get(lastUserText(body));
      return sample ? mmluAnswer(sample) : { status: 400, body: { error: { message: 'unknown prompt' } } };
    },
  });
  return Object.assign(model, {
    requestsFor: (id: number) => model.bodies().filter((b) => byPrompt.get(lastUserText(b))?.id === id).length,
  });
}
