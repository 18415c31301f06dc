/**
 * MedMCQA (`src/openbench/evals/medmcqa.py`): the validation split of `medmcqa` (openlifescienceai/medmcqa on the
 * hub), the four-option template with `cop` (0-3) as the answer, metrics grouped by medical subject.
 */
import type { DatasetRecord } from '@studio/datasets';
import { hfDataset } from '../shared/task-dataset.source';
import { fourOptionPrompt, optionLetter } from './mcq-prompt.util';
import { numberField, optionalField, stringField } from './mcq-record.util';
import { mcqTask, type McqSampleFields } from './mcq-task.factory';

export function medmcqaSample(record: DatasetRecord): McqSampleFields {
  const options = ['opa', 'opb', 'opc', 'opd'].map((column) => stringField(record, column));
  return {
    input: fourOptionPrompt(stringField(record, 'question'), options as [string, string, string, string]),
    target: optionLetter(numberField(record, 'cop')),
    metadata: {
      subject: optionalField(record, 'subject_name', 'unknown'),
      topic: optionalField(record, 'topic_name', 'unknown'),
      choice_type: optionalField(record, 'choice_type', 'unknown'),
    },
  };
}

export const medmcqaTask = mcqTask({
  benchmark: {
    name: 'medmcqa',
    display_name: 'MedMCQA',
    category: 'core',
    description: 'Medical multiple-choice questions from Indian medical entrance exams (AIIMS & NEET PG)',
    tags: ['multiple-choice', 'medical', 'healthcare', 'medicine'],
    sample_count: null,
  },
  // `medmcqa` is the hub's legacy name for openlifescienceai/medmcqa, which holds the parquet export.
  dataset: hfDataset('medmcqa', 'validation', { repo: 'openlifescienceai/medmcqa' }),
  toSample: medmcqaSample,
  groupKeys: ['subject'],
});
