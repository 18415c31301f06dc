/** A Hugging Face split read from every parquet shard of its conversion, image columns kept as bytes. */
import { loadRecords } from '@studio/datasets';
import type { Sample, TaskDataset } from '../../types';
import { hfParquetShards } from './hf-parquet.source';
import { samplesOf, type RecordToSample } from './record-samples.util';

/**
 * `hf_dataset(repo, name=config, split=split, sample_fields=…)` whose samples keep the ids their converter gives;
 * `chunk` is `samplesOf`'s number of records converted per turn of the event loop.
 */
export function hfSplitDataset(name: string, repo: string, config: string, split: string, toSample: RecordToSample, chunk?: number): TaskDataset {
  return {
    name,
    location: repo,
    async load(ctx) {
      const samples: Sample[] = [];
      for (const shard of await hfParquetShards(repo, config, split, ctx)) {
        samples.push(...(await samplesOf(await loadRecords({ ...shard, binary: true }, ctx), toSample, chunk)));
      }
      return samples;
    },
  };
}
