/**
 * LogiQA (`src/openbench/evals/logiqa.py`): lighteval/logiqa_harness validation split, context and question in the
 * dynamic prompt over the options, the record's label letter upper-cased as target.
 */
import type { DatasetRecord } from '@studio/datasets';
import { hfDataset } from '../shared/task-dataset.source';
import { dynamicMultipleChoicePrompt } from './mcq-prompt.util';
import { stringField, stringListField } from './mcq-record.util';
import { mcqTask, type McqSampleFields } from './mcq-task.factory';

export function logiqaSample(record: DatasetRecord): McqSampleFields {
  const context = stringField(record, 'context');
  const question = stringField(record, 'question');
  return {
    input: dynamicMultipleChoicePrompt(`${context}\n\n${question}`, stringListField(record, 'options')),
    target: stringField(record, 'label').toUpperCase(),
    metadata: { context, question },
  };
}

export const logiqaTask = mcqTask({
  benchmark: {
    name: 'logiqa',
    display_name: 'LogiQA',
    category: 'knowledge-qa',
    description: 'Logical reasoning dataset from Chinese civil service exam questions - tests deductive reasoning skills',
    tags: ['multiple-choice', 'logical-reasoning', 'deduction', 'critical-thinking'],
    sample_count: null,
  },
  // The repository's only config is `logiqa`, which `hf_dataset` without a name loads.
  dataset: hfDataset('lighteval/logiqa_harness', 'validation', { config: 'logiqa' }),
  toSample: logiqaSample,
});
