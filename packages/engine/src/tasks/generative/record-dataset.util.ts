/** Task datasets built from dataset files, one Inspect `Sample` per record. */
import { loadRecords, type DatasetRecord, type DatasetSource } from '@studio/datasets';
import type { DatasetContext, Sample, TaskDataset } from '../../types';
import { samplesOf, type RecordToSample } from '../shared/record-samples.util';

export type { RecordToSample };

/**
 * A dataset read from one file. Samples get the id their converter gives them; openbench's
 * converters mostly give none, and Inspect then numbers the samples 1..N in file order, which
 * converters reproduce with `autoId(index)`.
 */
export function fileDataset(name: string, location: string, source: DatasetSource, toSample: RecordToSample): TaskDataset {
  return {
    name,
    location,
    async load(ctx: DatasetContext) {
      return samplesOf(await loadRecords(source, ctx), toSample);
    },
  };
}

/**
 * openbench's `MemoryDataset(samples=[s for s in dataset if keep(s)], name=name)`: the kept samples of a dataset under
 * a new name. Inspect numbers the kept samples 1..N, so ids given by `autoId` are renumbered.
 */
export function keptSamples(dataset: TaskDataset, name: string, keep: (sample: Sample) => boolean): TaskDataset {
  return {
    name,
    location: dataset.location,
    async load(ctx: DatasetContext) {
      return (await dataset.load(ctx)).filter(keep).map((sample, index) => ({ ...sample, id: autoId(index) }));
    },
  };
}

/** Inspect's id for a sample its dataset left without one. */
export function autoId(index: number): number {
  return index + 1;
}

/** A string field of a record; openbench reads these with `record["field"]`, so a missing one is an error. */
export function stringField(record: DatasetRecord, field: string): string {
  const value = record[field];
  if (typeof value !== 'string') throw new Error(`dataset record has no string field "${field}"`);
  return value;
}

/** Python `record.get(key, fallback)`: a missing field gives the fallback, a present null stays null (None). */
export function recordGet(record: DatasetRecord, key: string, fallback: unknown): unknown {
  return key in record ? record[key] : fallback;
}
