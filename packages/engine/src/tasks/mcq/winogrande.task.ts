/**
 * WinoGrande (`src/openbench/evals/winogrande.py`): `winogrande_xl` validation split, the blank shown as `_____`
 * between the stripped halves of the sentence, two options.
 */
import type { DatasetRecord } from '@studio/datasets';
import { pyStrip } from '../../scorers/python-text.util';
import { hfDataset } from '../shared/task-dataset.source';
import { dynamicMultipleChoicePrompt, optionLetter } from './mcq-prompt.util';
import { pythonInt, stringField } from './mcq-record.util';
import { mcqTask, type McqSampleFields } from './mcq-task.factory';

export function winograndeSample(record: DatasetRecord): McqSampleFields {
  const sentence = stringField(record, 'sentence');
  const parts = sentence.split('_');
  if (parts.length !== 2) throw new Error(`Expected exactly one '_' in sentence: ${sentence}`);
  const option1 = stringField(record, 'option1');
  const option2 = stringField(record, 'option2');
  const answer = stringField(record, 'answer');
  return {
    input: dynamicMultipleChoicePrompt(`${pyStrip(parts[0])} _____ ${pyStrip(parts[1])}`, [option1, option2]),
    // The test split has no answers; upstream puts A there. Answers are 1-based.
    target: answer === '' ? 'A' : optionLetter(pythonInt(answer) - 1),
    metadata: { sentence, option1, option2 },
  };
}

export const winograndeTask = mcqTask({
  benchmark: {
    name: 'winogrande',
    display_name: 'WinoGrande',
    category: 'core',
    description: 'Large-scale Winograd Schema Challenge for commonsense pronoun resolution',
    tags: ['multiple-choice', 'commonsense-reasoning', 'pronoun-resolution'],
    sample_count: 1267, // winogrande_xl validation split, dataset card
  },
  // `winogrande` is the hub's legacy name for allenai/winogrande, which holds the parquet export.
  dataset: hfDataset('winogrande', 'validation', { repo: 'allenai/winogrande', config: 'winogrande_xl' }),
  toSample: winograndeSample,
});
