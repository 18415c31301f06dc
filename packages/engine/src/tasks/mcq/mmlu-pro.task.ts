/**
 * MMLU-Pro (`src/openbench/evals/mmlu_pro.py`): TIGER-Lab/MMLU-Pro test split, up to ten options under MMLU-Pro's
 * own instruction line, metrics grouped by category.
 */
import type { DatasetRecord } from '@studio/datasets';
import { hfDataset } from '../shared/task-dataset.source';
import { lettersPrompt, MMLU_PRO_INSTRUCTION } from './mcq-prompt.util';
import { stringField, stringListField } from './mcq-record.util';
import { mcqTask, type McqSampleFields } from './mcq-task.factory';
import { MULTIPLE_CHOICE_KNOWLEDGE } from '../../catalog/benchmark.entry';

export function mmluProSample(record: DatasetRecord): McqSampleFields {
  return {
    input: lettersPrompt(MMLU_PRO_INSTRUCTION, stringField(record, 'question'), stringListField(record, 'options')),
    target: stringField(record, 'answer'),
    metadata: { category: stringField(record, 'category'), src: stringField(record, 'src') },
  };
}

export const mmluProTask = mcqTask({
  benchmark: {
    name: 'mmlu-pro',
    display_name: 'MMLU Pro (TIGER-Lab)',
    category: 'core',
    description: 'Enhanced version of MMLU with more challenging, reasoning-focused questions.',
    tags: MULTIPLE_CHOICE_KNOWLEDGE,
    sample_count: 12032, // test split, dataset card
    featured: true,
  },
  dataset: hfDataset('TIGER-Lab/MMLU-Pro', 'test'),
  toSample: mmluProSample,
  groupKeys: ['category'],
});
