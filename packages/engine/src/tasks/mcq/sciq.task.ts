/**
 * SciQ (`src/openbench/evals/sciq.py`): allenai/sciq validation split; the correct answer and three distractors are
 * shuffled by a `random.Random` seeded with the question text, so every run shows the same order.
 */
import type { DatasetRecord } from '@studio/datasets';
import { hfDataset } from '../shared/task-dataset.source';
import { dynamicMultipleChoicePrompt, optionLetter } from './mcq-prompt.util';
import { optionalField, stringField } from './mcq-record.util';
import { mcqTask, type McqSampleFields } from './mcq-task.factory';
import { PythonRandom } from '../shared/python-random.util';

export function sciqSample(record: DatasetRecord): McqSampleFields {
  const question = stringField(record, 'question');
  const choices = ['correct_answer', 'distractor1', 'distractor2', 'distractor3'].map((field) => stringField(record, field));
  const order = [0, 1, 2, 3];
  new PythonRandom(question).shuffle(order);
  return {
    input: dynamicMultipleChoicePrompt(question, order.map((index) => choices[index])),
    target: optionLetter(order.indexOf(0)),
    metadata: { question, support: optionalField(record, 'support', '') },
  };
}

export const sciqTask = mcqTask({
  benchmark: {
    name: 'sciq',
    display_name: 'SciQ',
    category: 'knowledge-qa',
    description: 'Science exam questions covering Physics, Chemistry, Biology, and other scientific domains',
    tags: ['multiple-choice', 'science', 'physics', 'chemistry', 'biology'],
    sample_count: 1000, // validation split, dataset card
  },
  dataset: hfDataset('allenai/sciq', 'validation'),
  toSample: sciqSample,
});
