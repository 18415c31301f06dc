/** OpenBookQA (`src/openbench/evals/openbookqa.py`): allenai/openbookqa `main` validation split. */
import type { DatasetRecord } from '@studio/datasets';
import { hfDataset } from '../shared/task-dataset.source';
import { dynamicMultipleChoicePrompt } from './mcq-prompt.util';
import { objectField, stringField, stringListField } from './mcq-record.util';
import { mcqTask, type McqSampleFields } from './mcq-task.factory';

export function openbookqaSample(record: DatasetRecord): McqSampleFields {
  const choices = objectField(record, 'choices');
  return {
    input: dynamicMultipleChoicePrompt(stringField(record, 'question_stem'), stringListField(choices, 'text')),
    target: stringField(record, 'answerKey'),
    metadata: { choice_labels: stringListField(choices, 'label') },
  };
}

export const openbookqaTask = mcqTask({
  benchmark: {
    name: 'openbookqa',
    display_name: 'OpenBookQA',
    category: 'core',
    description: 'Elementary-level science questions probing understanding of core facts',
    tags: ['multiple-choice', 'science', 'elementary', 'open-book'],
    sample_count: 500, // main/validation, per the openbookqa task docstring (4,957 train, 500 validation, 500 test)
  },
  // openbench passes no config name, so `datasets` loads the default one, `main`.
  dataset: hfDataset('allenai/openbookqa', 'validation', { config: 'main' }),
  toSample: openbookqaSample,
});
