/**
 * A task's dataset declared once: the file it reads, the name Inspect gives it in the `.eval` log, and the `dataset`
 * field of its catalog entry, all from the same call.
 */
import type { DatasetSource } from '@studio/datasets';
import type { BenchmarkDataset } from '../../catalog/benchmark.types';
import { hfParquetShard } from './hf-parquet.source';

export interface TaskDatasetSource {
  /** Inspect's `dataset.name`. */
  readonly name: string;
  readonly source: DatasetSource;
  /** What the catalog shows as the benchmark's dataset. */
  readonly catalog: BenchmarkDataset;
}

/**
 * openbench's `hf_dataset(path, name=config, split=split)`. Inspect names the dataset `path`; the catalog shows
 * `hf:<path>`, with the config unless it is the default one. The rows are read from `repo`'s parquet export, where
 * `repo` is the canonical repository when openbench uses a legacy hub name (`boolq` for google/boolq).
 */
export function hfDataset(path: string, split: string, options: { repo?: string; config?: string } = {}): TaskDatasetSource {
  const { repo = path, config = 'default' } = options;
  return {
    name: path,
    source: hfParquetShard(repo, config, split),
    catalog: { source: `hf:${path}`, ...(config === 'default' ? {} : { subset: config }), split },
  };
}

/** Inspect's `csv_dataset(url)`, which names the dataset after the file's stem. */
export function csvDataset(url: string): TaskDatasetSource {
  const file = url.slice(url.lastIndexOf('/') + 1);
  return { name: file.replace(/\.csv$/, ''), source: { url, format: 'csv' }, catalog: { source: url } };
}

/**
 * Several datasets read one after the other as one sample list, as openbench builds a `MemoryDataset` from several
 * `hf_dataset` calls; each part is read under its key (the split or config it stands for). Inspect gives such a
 * dataset no location, so its name stands in for one.
 */
export interface CombinedTaskDataset {
  readonly name: string;
  readonly parts: readonly { readonly key: string; readonly source: DatasetSource }[];
  readonly catalog: BenchmarkDataset;
}

/** `hf_dataset(path, split=key)` for each key, in order. */
export function hfSplitsDataset(name: string, path: string, splits: readonly string[]): CombinedTaskDataset {
  return {
    name,
    parts: splits.map((split) => ({ key: split, source: hfDataset(path, split).source })),
    catalog: { source: `hf:${path}` },
  };
}

/** `hf_dataset(path, split=split, name=key)` for each config key, in order. */
export function hfConfigsDataset(name: string, path: string, split: string, configs: readonly string[]): CombinedTaskDataset {
  return {
    name,
    parts: configs.map((config) => ({ key: config, source: hfDataset(path, split, { config }).source })),
    catalog: { source: `hf:${path}`, split },
  };
}
