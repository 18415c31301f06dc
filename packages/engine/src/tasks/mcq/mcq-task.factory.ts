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
import type { DatasetContext, Metric, Sample, TaskDefinition } from '../../types';
import { samplesOf } from '../shared/record-samples.util';
import type { TaskDatasetSource } from '../shared/task-dataset.source';
import type { BenchmarkTask } from '../task.types';

/** What a task's `record_to_mcq_sample` produces; the id is assigned by the factory. */
export interface McqSampleFields {
  input: string;
  target: string;
  metadata?: Record<string, unknown>;
}

export interface McqTaskSpec {
  /** The benchmark's catalog entry; its scorer is the MCQ letter scorer and its dataset is `dataset`'s. */
  benchmark: Omit<BenchmarkEntry, 'dataset' | 'scorer'>;
  /** `hfDataset(...)` or `csvDataset(...)`: the file read, Inspect's dataset name and the catalog's dataset field. */
  dataset: TaskDatasetSource;
  toSample(record: DatasetRecord): McqSampleFields;
  config?: GenerateConfig;
  /** `MCQEval(prompt_template=...)`: a system message before `generate()`. */
  systemMessage?: string;
  epochs?: number;
  /** `MCQEval(group_keys=...)`: per-group accuracy/stderr/std over these metadata keys. */
  groupKeys?: readonly string[];
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
  const { name, source } = spec.dataset;
  // Every task here keeps MCQEval's default auto_id=True, which replaces any id the record carried with 1..N.
  const toSample = (record: DatasetRecord, index: number): Sample => {
    try {
      return { id: index + 1, ...validated(spec.toSample(record)) };
    } catch (error) {
      throw new Error(`${benchmark.name}: record ${index + 1} of ${source.url}: ${(error as Error).message}`, { cause: error });
    }
  };
  const create = (): TaskDefinition => ({
    name: benchmark.name,
    displayName: benchmark.display_name,
    dataset: {
      name,
      location: source.url,
      async load(ctx: DatasetContext) {
        return samplesOf(await loadRecords(source, ctx), toSample);
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
