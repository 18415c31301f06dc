import { mulberry32 } from '../metrics/random.util';
import type { Sample, SampleId } from '../types';

/**
 * `--limit N` keeps the first N samples; `[start, end]` is Inspect's `limit=(start, end)`, a Python
 * slice: 0-based start, exclusive end. openbench's `--limit start,end` hands that tuple to Inspect
 * unchanged (only Inspect's own CLI form `start-end` subtracts 1 from start).
 */
export type SampleLimit = number | readonly [start: number, end: number];

export interface PlanOptions {
  limit?: SampleLimit;
  epochs: number;
  /** Shuffle the dataset before the limit is applied, as Inspect's `sample_shuffle` does. */
  shuffle?: boolean;
  /** Shuffle seed; the default 0 keeps an unseeded shuffle reproducible, so a resumed run re-plans the same items. */
  seed?: number;
}

/** One unit of work: a sample in one epoch (epochs are 1-based, as in Inspect logs). */
export interface WorkItem {
  sample: Sample;
  epoch: number;
}

/**
 * The key of a (sample, epoch) wherever finished items are matched up (resume, stored rows, log pages): Inspect
 * identifies samples by str(id), so 1 and "1" are one sample.
 */
export function sampleKey(id: SampleId, epoch: number): string {
  return `${String(id)}\u0000${epoch}`;
}

/**
 * The ordered (sample, epoch) work list. Inspect runs epoch-major — every sample of epoch 1, then
 * every sample of epoch 2 — so one slow epoch never starves the others of early results.
 */
export function planSamples(samples: readonly Sample[], options: PlanOptions): WorkItem[] {
  const { epochs } = options;
  if (!Number.isInteger(epochs) || epochs < 1) throw new RangeError(`epochs must be a positive integer, got ${epochs}`);
  const ordered = options.shuffle ? shuffled(samples, options.seed ?? 0) : samples;
  const selected = applyLimit(ordered, options.limit);
  const plan: WorkItem[] = new Array(selected.length * epochs);
  let next = 0;
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (const sample of selected) plan[next++] = { sample, epoch };
  }
  return plan;
}

function applyLimit(samples: readonly Sample[], limit: SampleLimit | undefined): readonly Sample[] {
  if (limit === undefined) return samples;
  if (typeof limit === 'number') {
    assertIndex(limit, 'limit');
    return samples.slice(0, limit);
  }
  const [start, end] = limit;
  assertIndex(start, 'limit start');
  assertIndex(end, 'limit end');
  return samples.slice(start, end);
}

function assertIndex(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${what} must be a non-negative integer, got ${value}`);
}

/** Fisher–Yates over a copy, driven by a seeded PRNG so the order depends on the seed alone. */
function shuffled(samples: readonly Sample[], seed: number): Sample[] {
  const out = samples.slice();
  const random = mulberry32(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swap = out[i];
    out[i] = out[j];
    out[j] = swap;
  }
  return out;
}
