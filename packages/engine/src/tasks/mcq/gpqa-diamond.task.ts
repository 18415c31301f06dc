/**
 * GPQA Diamond (`src/openbench/evals/gpqa_diamond.py`): nmayorga7/gpqa_diamond (train, the only split), the
 * four-option template after simple-evals' system message, temperature 0.5, 10 epochs.
 */
import type { DatasetRecord } from '@studio/datasets';
import { hfDataset } from '../shared/task-dataset.source';
import { fourOptionPrompt, optionLetter, SIMPLE_EVALS_SYSTEM_MESSAGE } from './mcq-prompt.util';
import { stringField } from './mcq-record.util';
import { mcqTask, type McqSampleFields } from './mcq-task.factory';
import { PythonRandom } from '../shared/python-random.util';

export function gpqaDiamondSample(record: DatasetRecord): McqSampleFields {
  const correct = stringField(record, 'Correct Answer');
  const options: [string, string, string, string] = [
    correct,
    stringField(record, 'Incorrect Answer 1'),
    stringField(record, 'Incorrect Answer 2'),
    stringField(record, 'Incorrect Answer 3'),
  ];
  // Upstream calls random.seed(0) before every shuffle, so every record gets the same permutation:
  // [Incorrect 2, Correct, Incorrect 1, Incorrect 3]. The target is the first option equal to the correct text
  // (`options.index`), which is B unless an incorrect answer repeats the correct one.
  new PythonRandom(0).shuffle(options);
  return {
    input: fourOptionPrompt(stringField(record, 'Question'), options),
    target: optionLetter(options.indexOf(correct)),
  };
}

export const gpqaDiamondTask = mcqTask({
  benchmark: {
    name: 'gpqa_diamond',
    display_name: 'GPQA Diamond',
    category: 'core',
    description: 'Graduate-level Google-Proof Q&A in biology, chemistry, and physics',
    tags: ['multiple-choice', 'science', 'graduate-level'],
    sample_count: 198,
    featured: true,
  },
  dataset: hfDataset('nmayorga7/gpqa_diamond', 'train'),
  toSample: gpqaDiamondSample,
  systemMessage: SIMPLE_EVALS_SYSTEM_MESSAGE,
  config: { temperature: 0.5 },
  epochs: 10,
});
