import { setImmediate as nextTurn } from 'node:timers/promises';
import type { DatasetRecord } from '@studio/datasets';
import type { Sample } from '../../types';

/** Converts one record (to a sample, or to what a task makes samples of); `index` is its 0-based position in the file. */
export type RecordToSample<T = Sample> = (record: DatasetRecord, index: number) => T;

/** Records converted between two turns of the event loop by default: MMLU's 14,042 take ≈ 45 ms in all. */
const CHUNK = 1_000;

const converted = new WeakMap<RecordToSample<unknown>, WeakMap<readonly DatasetRecord[], Promise<readonly unknown[]>>>();

/**
 * The samples of a file's records, converted once per parsed file and converter: `loadRecords` hands out the same
 * records while the file is unchanged, so a worker's later runs of a benchmark reuse its samples (read-only), and a
 * changed file (new records) is converted again. The conversion yields to the event loop between chunks of `chunk`
 * records, so that a run starting does not hold up the replies of runs in progress; a converter that takes long per
 * record (re-encoding an image) passes a small chunk.
 */
export function samplesOf<T = Sample>(records: readonly DatasetRecord[], toSample: RecordToSample<T>, chunk = CHUNK): Promise<readonly T[]> {
  let byRecords = converted.get(toSample);
  if (!byRecords) {
    byRecords = new WeakMap();
    converted.set(toSample, byRecords);
  }
  let samples = byRecords.get(records);
  if (!samples) {
    samples = convert(records, toSample, chunk);
    byRecords.set(records, samples);
  }
  return samples as Promise<readonly T[]>;
}

async function convert<T>(records: readonly DatasetRecord[], toSample: RecordToSample<T>, chunk: number): Promise<readonly T[]> {
  const samples: T[] = new Array<T>(records.length);
  for (let start = 0; start < records.length; start += chunk) {
    if (start > 0) await nextTurn();
    const end = Math.min(records.length, start + chunk);
    for (let index = start; index < end; index += 1) samples[index] = toSample(records[index], index);
  }
  return samples;
}
