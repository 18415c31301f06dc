/** PIQA (`src/openbench/evals/piqa.py`): ybisk/piqa `plain_text` validation split, goal and two solutions. */
import type { DatasetRecord } from '@studio/datasets';
import { hfDataset } from '../shared/task-dataset.source';
import { dynamicMultipleChoicePrompt, optionLetter } from './mcq-prompt.util';
import { numberField, stringField } from './mcq-record.util';
import { mcqTask, type McqSampleFields } from './mcq-task.factory';

export function piqaSample(record: DatasetRecord): McqSampleFields {
  const goal = stringField(record, 'goal');
  const label = numberField(record, 'label');
  return {
    input: dynamicMultipleChoicePrompt(goal, [stringField(record, 'sol1'), stringField(record, 'sol2')]),
    // The test split is labelled -1; upstream puts A there.
    target: label === -1 ? 'A' : optionLetter(label),
    metadata: { goal },
  };
}

export const piqaTask = mcqTask({
  benchmark: {
    name: 'piqa',
    display_name: 'PIQA',
    category: 'core',
    description: 'Physical Interaction Question Answering - commonsense about physical situations',
    tags: ['multiple-choice', 'commonsense-reasoning', 'physical-reasoning'],
    sample_count: 1838, // validation split, dataset card
  },
  dataset: hfDataset('ybisk/piqa', 'validation', { config: 'plain_text' }),
  toSample: piqaSample,
});
