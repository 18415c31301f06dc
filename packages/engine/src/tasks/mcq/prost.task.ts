/**
 * PROST (`src/openbench/evals/prost.py`): lighteval/prost test split, the context and the explicit question
 * (`ex_question`, not the masked one) in the four-option template, metrics grouped by the physical property tested.
 */
import type { DatasetRecord } from '@studio/datasets';
import { hfDataset } from '../shared/task-dataset.source';
import { fourOptionPrompt, optionLetter } from './mcq-prompt.util';
import { numberField, optionalField, stringField } from './mcq-record.util';
import { mcqTask, type McqSampleFields } from './mcq-task.factory';

export function prostSample(record: DatasetRecord): McqSampleFields {
  const options = ['A', 'B', 'C', 'D'].map((column) => stringField(record, column));
  return {
    input: fourOptionPrompt(`${stringField(record, 'context')}\n\n${stringField(record, 'ex_question')}`, options as [string, string, string, string]),
    target: optionLetter(numberField(record, 'label')),
    metadata: { group: optionalField(record, 'group', '') },
  };
}

export const prostTask = mcqTask({
  benchmark: {
    name: 'prost',
    display_name: 'PROST',
    category: 'core',
    description: 'Physical Reasoning about Objects through Space and Time',
    tags: ['multiple-choice', 'commonsense-reasoning', 'physical-reasoning'],
    sample_count: null,
  },
  dataset: hfDataset('lighteval/prost', 'test'),
  toSample: prostSample,
  groupKeys: ['group'],
});
