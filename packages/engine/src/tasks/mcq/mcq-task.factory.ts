/**
 * openbench's `MCQEval` (`src/openbench/utils/mcq.py`) as a benchmark: its catalog entry, and a task factory for
 * records → MCQ samples (validated like `MCQSample`), `generate()` optionally after a system message, the regex
 * `mcq_scorer`, and its metrics.
 */
import type { ChatMessage, GenerateConfig } from '@studio/providers';
import { loadLeadingRecords, loadRecords, type DatasetRecord } from '@studio/datasets';
import { SCORER, type BenchmarkEntry } from '../../catalog/benchmark.entry';
import { accuracy, grouped, std, stderr } from '../../metrics';
import { createMcqScorer } from '../../scorers';
import { pyStrip } from '../../scorers/python-text.util';
import type { DatasetContext, LeadingSamples, Metric, Sample, SampleId, TaskDataset, TaskDefinition } from '../../types';
import { samplesOf } from '../shared/record-samples.util';
import type { CombinedTaskDataset, TaskDatasetSource } from '../shared/task-dataset.source';
import { taskArgs } from '../generative/task-definition.util';
import type { BenchmarkTask, TaskOptions } from '../task.types';

/** What a task's `record_to_mcq_sample` produces; the id is assigned by the factory unless `autoId` is false. */
export interface McqSampleFields {
  input: string;
  target: string;
  metadata?: Record<string, unknown>;
  /** The record's own id, kept with `autoId: false`. */
  id?: SampleId;
}

/** `MCQSample(input=[ChatMessage, ...])`: chat messages as the sample's input. */
export type McqChatSampleFields = Omit<McqSampleFields, 'input'> & { input: ChatMessage[] };

type AnyMcqSampleFields = McqSampleFields | McqChatSampleFields;

export interface McqTaskSpec {
  /** The benchmark's catalog entry; its scorer is the MCQ letter scorer and its dataset is `dataset`'s. */
  benchmark: Omit<BenchmarkEntry, 'dataset' | 'scorer'>;
  /**
   * `hfDataset(...)` or `csvDataset(...)`: the file read, Inspect's dataset name and the catalog's dataset field; or
   * several read as one (`hfSplitsDataset(...)`), each record converted with its part's key.
   */
  dataset: TaskDatasetSource | CombinedTaskDataset;
  /** One sample per record, or several or none (Inspect's `sample_fields` may return a list; the samples are flattened). */
  toSample(record: DatasetRecord, part?: string): AnyMcqSampleFields | AnyMcqSampleFields[];
  config?: GenerateConfig;
  /** `MCQEval(prompt_template=...)`: a system message before `generate()`. */
  systemMessage?: string;
  epochs?: number;
  /** `MCQEval(auto_id=False)`: samples keep the id `toSample` gives (numbered 1..N where it gives none). */
  autoId?: false;
  /**
   * For a dataset of several parts: the id of a part's sample numbered `id` (1..N within its part), as a task that
   * renames the ids of each part it loads (`f"{subject}_{sample.id}"`); without it the numbering runs on across parts.
   */
  partSampleId?(part: string, id: number): SampleId;
  /** `MCQEval(group_keys=...)`: per-group accuracy/stderr/std over these metadata keys. */
  groupKeys?: readonly string[];
  /**
   * `toSample` gives one sample per record, never a list: a run with a limit then reads and converts only the records
   * it uses (`TaskDataset.loadLeading`), as the dataset's size is its number of records.
   */
  oneSamplePerRecord?: true;
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

/** `MCQSample`'s validators: a non-blank input (a string; a message list passes as it is) and a single upper-case letter as target. */
function validated(fields: AnyMcqSampleFields): AnyMcqSampleFields {
  if (typeof fields.input === 'string' && pyStrip(fields.input) === '') throw new Error('input must be a non-empty string');
  if (!/^\p{Lu}$/u.test(fields.target)) throw new Error(`target must be a single uppercase letter, got ${JSON.stringify(fields.target)}`);
  return fields;
}

/**
 * Inspect's `data_to_samples`: with `auto_id` the flattened samples are numbered 1..N (across records and parts)
 * whatever id a record gave; without it they keep the id given, and one without keeps its position.
 */
function numbered(fields: readonly AnyMcqSampleFields[], autoId: boolean): Sample[] {
  return fields.map(({ id, ...rest }, index) => ({ id: !autoId && id !== undefined ? id : index + 1, ...rest }));
}

export function mcqTask(spec: McqTaskSpec): BenchmarkTask {
  const benchmark: BenchmarkEntry = { ...spec.benchmark, dataset: spec.dataset.catalog, scorer: SCORER.mcq };
  const { name } = spec.dataset;
  const parts = 'parts' in spec.dataset ? spec.dataset.parts : [{ key: undefined, source: spec.dataset.source }];
  const location = 'parts' in spec.dataset ? name : spec.dataset.source.url;
  // One converter per part, made once per task, so a worker's later runs reuse each part's converted records.
  const converters = parts.map(({ key, source }) => {
    const convert = (record: DatasetRecord, index: number): AnyMcqSampleFields[] => {
      try {
        const converted = spec.toSample(record, key);
        return (Array.isArray(converted) ? converted : [converted]).map(validated);
      } catch (error) {
        throw new Error(`${benchmark.name}: record ${index + 1} of ${source.url}: ${(error as Error).message}`, { cause: error });
      }
    };
    return { source, convert };
  });
  // The numbered samples of a single-part dataset, kept per converted file like the conversion itself.
  const numberedOnce = new WeakMap<readonly AnyMcqSampleFields[][], readonly Sample[]>();
  const leading = spec.oneSamplePerRecord && converters.length === 1 && !spec.partSampleId ? converters[0]! : undefined;
  const loadLeading: Pick<TaskDataset, 'loadLeading'> = leading
    ? {
        async loadLeading(ctx: DatasetContext, count: number): Promise<LeadingSamples> {
          const { records, total } = await loadLeadingRecords(leading.source, ctx, count);
          return { samples: numbered(records.flatMap(leading.convert), spec.autoId !== false), total };
        },
      }
    : {};
  // An MCQEval task takes no `-T` argument: one given is refused, as Inspect refuses an unexpected keyword.
  const create = (options: TaskOptions = {}): TaskDefinition => {
    taskArgs(benchmark.name, options, {});
    return {
      name: benchmark.name,
      displayName: benchmark.display_name,
      dataset: {
        name,
        location,
        ...loadLeading,
        async load(ctx: DatasetContext) {
          const converted: (readonly AnyMcqSampleFields[][])[] = [];
          for (const { source, convert } of converters) converted.push(await samplesOf(await loadRecords(source, ctx), convert));
          const cached = converted.length === 1 ? numberedOnce.get(converted[0]) : undefined;
          if (cached) return cached;
          const { partSampleId } = spec;
          const samples = partSampleId
            ? converted.flatMap((part, p) =>
                numbered(part.flat(), true).map((sample) => ({ ...sample, id: partSampleId(parts[p].key ?? '', Number(sample.id)) })),
              )
            : numbered(converted.flat(2), spec.autoId !== false);
          if (converted.length === 1) numberedOnce.set(converted[0], samples);
          return samples;
        },
      },
      ...(spec.systemMessage === undefined ? {} : { systemMessage: spec.systemMessage }),
      config: { ...spec.config },
      ...(spec.epochs === undefined ? {} : { epochs: spec.epochs }),
      scorer: createMcqScorer(),
      metrics: mcqMetrics(spec.groupKeys),
      primaryMetric: 'accuracy',
    };
  };
  return { benchmark, create };
}
