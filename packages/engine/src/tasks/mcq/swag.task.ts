/**
 * SWAG (`src/openbench/evals/swag.py`): `swag` (allenai/swag on the hub), config `regular`, validation split; the
 * two sentence starts joined as the question, the four endings as options, label -1 (unlabelled) scored against A.
 */
import type { DatasetRecord } from '@studio/datasets';
import { hfDataset } from '../shared/task-dataset.source';
import { dynamicMultipleChoicePrompt, optionLetter } from './mcq-prompt.util';
import { numberField, optionalField, stringField } from './mcq-record.util';
import { mcqTask, type McqSampleFields } from './mcq-task.factory';

export function swagSample(record: DatasetRecord): McqSampleFields {
  const label = numberField(record, 'label');
  return {
    input: dynamicMultipleChoicePrompt(
      `${stringField(record, 'sent1')} ${stringField(record, 'sent2')}`,
      ['ending0', 'ending1', 'ending2', 'ending3'].map((column) => stringField(record, column)),
    ),
    target: label === -1 ? 'A' : optionLetter(label),
    metadata: {
      video_id: optionalField(record, 'video-id', 'unknown'),
      startphrase: optionalField(record, 'startphrase', ''),
      gold_source: optionalField(record, 'gold-source', 'unknown'),
    },
  };
}

export const swagTask = mcqTask({
  benchmark: {
    name: 'swag',
    display_name: 'SWAG',
    category: 'core',
    description: 'Situations With Adversarial Generations - grounded commonsense inference',
    tags: ['multiple-choice', 'commonsense-reasoning', 'video-captions'],
    sample_count: null,
  },
  // `swag` is the hub's legacy name for allenai/swag, which holds the parquet export.
  dataset: hfDataset('swag', 'validation', { repo: 'allenai/swag', config: 'regular' }),
  toSample: swagSample,
});
