/**
 * BoolQ (`src/openbench/evals/boolq.py`): the validation split in lm-eval-harness' `{passage}\nQuestion: {question}?
 * \nAnswer:` form, put through Inspect's single-answer multiple-choice template with the choices false and true.
 */
import type { DatasetRecord } from '@studio/datasets';
import { hfDataset } from '../shared/task-dataset.source';
import { inspectChoicesPrompt, SINGLE_ANSWER_TEMPLATE } from './mcq-prompt.util';
import { stringField } from './mcq-record.util';
import { mcqTask, type McqSampleFields } from './mcq-task.factory';

export function boolqSample(record: DatasetRecord): McqSampleFields {
  const answer = record.answer;
  if (typeof answer !== 'boolean') throw new TypeError(`record field "answer" is not a boolean: ${JSON.stringify(answer)}`);
  const question = `${stringField(record, 'passage')}\nQuestion: ${stringField(record, 'question')}?\nAnswer:`;
  return {
    input: inspectChoicesPrompt(question, ['false', 'true'], SINGLE_ANSWER_TEMPLATE),
    // int_to_char = {0: "A", 1: "B"} indexed with the bool: False is 0, True is 1.
    target: answer ? 'B' : 'A',
  };
}

export const boolqTask = mcqTask({
  benchmark: {
    name: 'boolq',
    display_name: 'BoolQ',
    category: 'core',
    description: 'BoolQ: A Question Answering Dataset for Boolean Reasoning',
    tags: ['boolean-reasoning', 'question-answering'],
    sample_count: 3270, // validation split, dataset card
  },
  // `boolq` is the hub's legacy name for google/boolq, which holds the parquet export.
  dataset: hfDataset('boolq', 'validation', { repo: 'google/boolq' }),
  toSample: boolqSample,
});
