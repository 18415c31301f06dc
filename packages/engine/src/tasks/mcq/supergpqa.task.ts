/**
 * SuperGPQA (`src/openbench/evals/supergpqa.py`): m-a-p/SuperGPQA (train, the only split), up to ten options in the
 * dynamic prompt, the record's `answer_letter` as target, metrics grouped by difficulty. openbench's optional field /
 * subfield / difficulty / discipline filters are not offered here.
 */
import type { DatasetRecord } from '@studio/datasets';
import { hfDataset } from '../shared/task-dataset.source';
import { dynamicMultipleChoicePrompt } from './mcq-prompt.util';
import { anyField, stringField, stringListField } from './mcq-record.util';
import { mcqTask, type McqSampleFields } from './mcq-task.factory';

export function supergpqaSample(record: DatasetRecord): McqSampleFields {
  return {
    input: dynamicMultipleChoicePrompt(stringField(record, 'question'), stringListField(record, 'options')),
    target: stringField(record, 'answer_letter'),
    metadata: {
      ...Object.fromEntries(['uuid', 'discipline', 'field', 'subfield', 'difficulty', 'is_calculation'].map((key) => [key, anyField(record, key)])),
      answer_text: anyField(record, 'answer'),
    },
  };
}

export const supergpqaTask = mcqTask({
  benchmark: {
    name: 'supergpqa',
    display_name: 'SuperGPQA',
    category: 'core',
    description:
      'Scaling LLM Evaluation across 285 Graduate Disciplines - 26,529 multiple-choice questions across science, engineering, medicine, economics, and philosophy',
    tags: ['multiple-choice', 'knowledge', 'graduate-level', 'multidisciplinary'],
    sample_count: 26529, // openbench's description
  },
  dataset: hfDataset('m-a-p/SuperGPQA', 'train'),
  toSample: supergpqaSample,
  groupKeys: ['difficulty'],
});
