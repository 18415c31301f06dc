/**
 * MedQA (`src/openbench/evals/medqa.py`): GBaker/MedQA-USMLE-4-options test split, the options dict in key order,
 * `answer_idx` as target. Upstream also accepts an options list or a text answer for other copies of MedQA; this
 * dataset always has the dict and `answer_idx`, so other shapes are rejected here.
 */
import type { DatasetRecord } from '@studio/datasets';
import { hfDataset } from '../shared/task-dataset.source';
import { dynamicMultipleChoicePrompt } from './mcq-prompt.util';
import { objectField, optionalField, stringField } from './mcq-record.util';
import { mcqTask, type McqSampleFields } from './mcq-task.factory';

export function medqaSample(record: DatasetRecord): McqSampleFields {
  const options = objectField(record, 'options');
  // sorted(k for k in options if k in "ABCDE"): a substring test, as upstream.
  const keys = Object.keys(options).filter((key) => 'ABCDE'.includes(key)).sort();
  return {
    input: dynamicMultipleChoicePrompt(stringField(record, 'question'), keys.map((key) => stringField(options, key))),
    target: stringField(record, 'answer_idx').toUpperCase(),
    metadata: { question_id: optionalField(record, 'id', optionalField(record, 'qid', 'unknown')) },
  };
}

export const medqaTask = mcqTask({
  benchmark: {
    name: 'medqa',
    display_name: 'MedQA',
    category: 'core',
    description: 'US Medical Licensing Exam (USMLE) questions for medical reasoning',
    tags: ['multiple-choice', 'medical', 'healthcare', 'medicine', 'clinical'],
    sample_count: 1273, // test split, dataset card
  },
  dataset: hfDataset('GBaker/MedQA-USMLE-4-options', 'test'),
  toSample: medqaSample,
});
