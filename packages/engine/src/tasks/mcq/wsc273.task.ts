/**
 * WSC273 (`src/openbench/evals/wsc273.py`): lighteval/winograd_wsc `wsc273` test split, the sentence and "What does
 * '<pronoun>' refer to?" under Inspect's single-answer template with the two candidates as choices.
 */
import type { DatasetRecord } from '@studio/datasets';
import { hfDataset } from '../shared/task-dataset.source';
import { inspectChoicesPrompt, optionLetter, SINGLE_ANSWER_TEMPLATE } from './mcq-prompt.util';
import { numberField, optionalField, stringField, stringListField } from './mcq-record.util';
import { mcqTask, type McqSampleFields } from './mcq-task.factory';

export function wsc273Sample(record: DatasetRecord): McqSampleFields {
  const pronoun = stringField(record, 'pronoun');
  return {
    input: inspectChoicesPrompt(
      `${stringField(record, 'text')}\n\nWhat does '${pronoun}' refer to?`,
      stringListField(record, 'options'),
      SINGLE_ANSWER_TEMPLATE,
    ),
    target: optionLetter(numberField(record, 'label')),
    metadata: { source: optionalField(record, 'source', ''), pronoun },
  };
}

export const wsc273Task = mcqTask({
  benchmark: {
    name: 'wsc273',
    display_name: 'WSC273',
    category: 'core',
    description: 'Original Winograd Schema Challenge with 273 expert-crafted questions',
    tags: ['multiple-choice', 'commonsense-reasoning', 'pronoun-resolution'],
    sample_count: 273, // openbench's description
  },
  dataset: hfDataset('lighteval/winograd_wsc', 'test', { config: 'wsc273' }),
  toSample: wsc273Sample,
});
