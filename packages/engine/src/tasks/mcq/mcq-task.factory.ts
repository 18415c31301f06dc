/**
 * openbench's `MCQEval` (`src/openbench/utils/mcq.py`) as a benchmark: its catalog entry, and a task factory for
 * records → MCQ samples (validated like `MCQSample`), `generate()` optionally after a system message, the regex
 * `mcq_scorer`, and its metrics.
 */
import type { GenerateConfig } from '@studio/providers';
import { loadRecords, type DatasetRecord } from '@studio/datasets';
import { SCORER, type BenchmarkEntry } from '../../catalog/benchmark.entry';
import { accuracy, grouped, std, stderr } from '../../metrics';
import { createMcqScorer } from '../../scorers';
import { pyStrip } from '../../scorers/python-text.util';
import type { DatasetContext, Metric, Sample, SampleId, TaskDefinition } from '../../types';
import { samplesOf, type RecordToSample } from '../shared/record-samples.util';
import type { CombinedTaskDataset, TaskDatasetSource } from '../shared/task-dataset.source';
import type { BenchmarkTask } from '../task.types';

/** What a task's `record_to_mcq_sample` produces; the id is assigned by the factory unless `autoId` is false. */
export interface McqSampleFields {
  input: string;
  target: string;
  metadata?: Record<string, unknown>;
  /** The record's own id, kept with `autoId: false`. */
  id?: SampleId;
}

export interface McqTaskSpec {
  /** The benchmark's catalog entry; its scorer is the MCQ letter scorer and its dataset is `dataset`'s. */
  benchmark: Omit<BenchmarkEntry, 'dataset' | 'scorer'>;
  /**
   * `hfDataset(...)` or `csvDataset(...)`: the file read, Inspect's dataset name and the catalog's dataset field; or
   * several read as one (`hfSplitsDataset(...)`), each record converted with its part's key.
   */
  dataset: TaskDatasetSource | CombinedTaskDataset;
  toSample(record: DatasetRecord, part?: string): McqSampleFields;
  config?: GenerateConfig;
  /** `MCQEval(prompt_template=...)`: a system message before `generate()`. */
  systemMessage?: string;
  epochs?: number;
  /** `MCQEval(auto_id=False)`: samples keep the id `toSample` gives (numbered 1..N where it gives none). */
  autoId?: false;
  /** `MCQEval(group_keys=...)`: per-group accuracy/stderr/std over these metadata keys. */
  groupKeys?: readonly string[];
  /**
   * For a dataset of several parts: the id of a part's sample numbered `id` (1..N within its part), as a task that
   * renames the ids of each part it loads (`f"{subject}_{sample.id}"`); without it the numbering runs on across parts.
   */
  partSampleId?(part: string, id: number): SampleId;
}

/** `create_mcq_scorer(group_keys)` metrics: accuracy, stderr, std, then each group key's per-group values only. */
export function mcqMetrics(groupKeys: readonly string[] = []): Metric[] {
  return [
    accuracy(),
    stderr(),
    std(),
    ...groupKeys.map((key) => grouped(key, [accuracy(), stderr(), std()], { all: false })),
  ];
}

/** `MCQSample`'s validators: a non-blank input and a single upper-case letter as target. */
function validated(fields: McqSampleFields): McqSampleFields {
  if (pyStrip(fields.input) === '') throw new Error('input must be a non-empty string');
  if (!/^\p{Lu}$/u.test(fields.target)) throw new Error(`target must be a single uppercase letter, got ${JSON.stringify(fields.target)}`);
  return fields;
}

export function mcqTask(spec: McqTaskSpec): BenchmarkTask {
  const benchmark: BenchmarkEntry = { ...spec.benchmark, dataset: spec.dataset.catalog, scorer: SCORER.mcq };
  const { name } = spec.dataset;
  const parts = 'parts' in spec.dataset ? spec.dataset.parts : [{ key: undefined, source: spec.dataset.source }];
  const location = 'parts' in spec.dataset ? name : spec.dataset.source.url;
  // One converter per part, made once per task, so a worker's later runs reuse each part's converted samples.
  // MCQEval's default auto_id=True numbers the samples 1..N whatever id a record carried (numbering goes on
  // across parts: see load), and Inspect numbers id-less samples the same way.
  const numbered = new WeakSet<Sample>();
  const converters = parts.map(({ key, source }) => {
    const convert: RecordToSample = (record, index) => {
      try {
        const { id, ...fields } = validated(spec.toSample(record, key));
        if (spec.autoId === false && id !== undefined) return { id, ...fields };
        if (key !== undefined && spec.partSampleId) return { id: spec.partSampleId(key, index + 1), ...fields };
        const sample = { id: index + 1, ...fields };
        numbered.add(sample);
        return sample;
      } catch (error) {
        throw new Error(`${benchmark.name}: record ${index + 1} of ${source.url}: ${(error as Error).message}`, { cause: error });
      }
    };
    return { source, convert };
  });
  const create = (): TaskDefinition => ({
    name: benchmark.name,
    displayName: benchmark.display_name,
    dataset: {
      name,
      location,
      async load(ctx: DatasetContext) {
        if (converters.length === 1) return samplesOf(await loadRecords(converters[0].source, ctx), converters[0].convert);
        const samples: Sample[] = [];
        for (const { source, convert } of converters) {
          const offset = samples.length;
          for (const sample of await samplesOf(await loadRecords(source, ctx), convert)) {
            // A number the factory gave (index + 1 within the part) continues the numbering of the parts before.
            samples.push(offset > 0 && numbered.has(sample) ? { ...sample, id: Number(sample.id) + offset } : sample);
          }
        }
        return samples;
      },
    },
    ...(spec.systemMessage === undefined ? {} : { systemMessage: spec.systemMessage }),
    config: { ...spec.config },
    ...(spec.epochs === undefined ? {} : { epochs: spec.epochs }),
    scorer: createMcqScorer(),
    metrics: mcqMetrics(spec.groupKeys),
    primaryMetric: 'accuracy',
  });
  return { benchmark, create };
}
