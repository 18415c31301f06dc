/**
 * openbench `mmmu_pro` and `mmmu_pro_vision` (`src/openbench/evals/mmmu_pro.py`): an `MCQEval` over MMMU/MMMU_Pro's
 * test split, the question with up to ten options (`create_dynamic_multiple_choice_prompt`) followed by its images,
 * scored by the MCQ letter scorer. `mmmu_pro_vision` is `mmmu_pro(subset="vision")`: the question is inside the image.
 */
import { loadRecords, type DatasetRecord } from '@studio/datasets';
import type { Content } from '@studio/providers';
import { subtaskOf, SCORER, type BenchmarkEntry } from '../../catalog/benchmark.entry';
import { createMcqScorer } from '../../scorers';
import { pyStrip } from '../../scorers/python-text.util';
import type { Sample, TaskDataset } from '../../types';
import { taskArgs } from '../generative/task-definition.util';
import { dynamicMultipleChoicePrompt } from '../mcq/mcq-prompt.util';
import { mcqMetrics } from '../mcq/mcq-task.factory';
import { hfParquetShards } from '../shared/hf-parquet.source';
import { datasetImage } from '../shared/image.util';
import { pythonStringListLiteral } from '../shared/python-literal.util';
import { samplesOf, type RecordToSample } from '../shared/record-samples.util';
import type { BenchmarkTask, TaskOptions } from '../task.types';

export const MMMU_PRO_REPO = 'MMMU/MMMU_Pro';
const SPLIT = 'test';
const DEFAULT_SUBSET = 'standard (10 options)';
const NO_QUESTION = 'Use the image to answer the question. Choose the best option.';

const get = (record: DatasetRecord, key: string, fallback: unknown): unknown => (Object.hasOwn(record, key) ? record[key] : fallback);

/** `_parse_options_string`: `ast.literal_eval` of the list's repr, each option `str()`-ed and stripped; `[]` when it does not parse. */
function parseOptions(text: unknown): string[] {
  if (typeof text !== 'string') return [];
  return (pythonStringListLiteral(pyStrip(text)) ?? []).map((option) => pyStrip(option));
}

/** `record_to_mcq_sample`, validated as `MCQSample` is (a single upper-case letter as target). */
export function mmmuProRecordToSample(record: DatasetRecord): Omit<Sample, 'id'> {
  const raw = record.question;
  const question = raw !== undefined && raw !== null && raw !== '' ? pyStrip(String(raw)) : NO_QUESTION;
  const optionsString = get(record, 'options', '');
  const answer = get(record, 'answer', '');
  const options = parseOptions(optionsString);
  const content: Content[] = [{ type: 'text', text: dynamicMultipleChoicePrompt(question, options) }];
  // The single `image` column (the vision subset), then `image_1`..`image_7` (the standard subsets).
  for (const key of ['image', 'image_1', 'image_2', 'image_3', 'image_4', 'image_5', 'image_6', 'image_7']) {
    const image = record[key];
    if (image !== undefined && image !== null) content.push(datasetImage(image));
  }
  const target = String(answer);
  if (!/^\p{Lu}$/u.test(target)) throw new Error(`target must be a single uppercase letter, got ${JSON.stringify(target)}`);
  return {
    input: [{ role: 'user', content }],
    target,
    metadata: {
      question_id: get(record, 'id', ''),
      options,
      options_string: optionsString,
      num_images: content.length - 1,
      question,
      answer,
      subfield: get(record, 'subfield', ''),
      topic_difficulty: get(record, 'topic_difficulty', ''),
      category: get(record, 'category', get(record, 'subject', '')),
    },
  };
}

/** One record as a sample numbered within its shard (converted once per parsed shard). */
const convert: RecordToSample = (record, index) => {
  try {
    return { id: index + 1, ...mmmuProRecordToSample(record) };
  } catch (error) {
    throw new Error(`mmmu_pro: record ${index + 1}: ${(error as Error).message}`, { cause: error });
  }
};

/** `hf_dataset("MMMU/MMMU_Pro", name=subset, split="test", auto_id=True)`: every shard of the split, numbered 1..N. */
function mmmuProDataset(subset: string): TaskDataset {
  return {
    name: MMMU_PRO_REPO,
    location: MMMU_PRO_REPO,
    async load(ctx) {
      const samples: Sample[] = [];
      for (const shard of await hfParquetShards(MMMU_PRO_REPO, subset, SPLIT, ctx)) {
        const offset = samples.length;
        for (const sample of await samplesOf(await loadRecords({ ...shard, binary: true }, ctx), convert)) {
          samples.push(offset === 0 ? sample : { ...sample, id: Number(sample.id) + offset });
        }
      }
      return samples;
    },
  };
}

function mmmuProTask(benchmark: BenchmarkEntry, fixedSubset?: string): BenchmarkTask {
  return {
    benchmark,
    create(options: TaskOptions) {
      const subset = fixedSubset ?? taskArgs(benchmark.name, options, { subset: DEFAULT_SUBSET }).subset;
      if (fixedSubset !== undefined) taskArgs(benchmark.name, options, {});
      return {
        name: benchmark.name,
        displayName: benchmark.display_name,
        dataset: mmmuProDataset(subset),
        config: { max_tokens: 1024 },
        scorer: createMcqScorer(),
        metrics: mcqMetrics(),
        primaryMetric: 'accuracy',
      };
    },
  };
}

const MMMU_PRO: BenchmarkEntry = {
  name: 'mmmu_pro',
  display_name: 'MMMU-Pro',
  category: 'core',
  description: 'Enhanced multimodal MMMU-Pro benchmark with multiple-choice across many options and images',
  tags: ['multimodal', 'multiple-choice', 'reasoning', 'images', 'mmmu-pro'],
  sample_count: null,
  dataset: { source: `hf:${MMMU_PRO_REPO}` },
  scorer: SCORER.mcq,
  requirements: { vision: true },
};

/** Upstream names the vision task `mmmu_pro` too (it calls `mmmu_pro(subset="vision")`); here each task carries its key. */
export const MMMU_PRO_TASKS: readonly BenchmarkTask[] = [
  mmmuProTask(MMMU_PRO),
  mmmuProTask(
    subtaskOf(MMMU_PRO, {
      name: 'mmmu_pro_vision',
      display_name: 'MMMU-Pro (Vision)',
      category: 'core',
      description: 'MMMU-Pro vision subset with images and multiple-choice questions',
      tags: ['multimodal', 'vision', 'multiple-choice', 'images', 'mmmu-pro'],
      sample_count: null,
    }),
    'vision',
  ),
];
