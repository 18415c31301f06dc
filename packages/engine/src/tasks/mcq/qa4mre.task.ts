/**
 * QA4MRE (`src/openbench/evals/qa4mre.py`): `qa4mre`, one English config per CLEF year (train, the only split); the
 * document and question in the dynamic prompt over the answer strings, the target at the position of
 * `correct_answer_id` among the answer ids. `qa4mre` runs 2011, its default; `qa4mre_<year>` one year each.
 */
import type { DatasetRecord } from '@studio/datasets';
import { hfDataset } from '../shared/task-dataset.source';
import { configFamily } from './mcq-family.util';
import { dynamicMultipleChoicePrompt, optionLetter } from './mcq-prompt.util';
import { objectField, optionalField, stringField, stringListField } from './mcq-record.util';
import { mcqTask, type McqSampleFields } from './mcq-task.factory';

export function qa4mreSample(record: DatasetRecord): McqSampleFields {
  const options = objectField(record, 'answer_options');
  const correct = stringField(record, 'correct_answer_id');
  const index = stringListField(options, 'answer_id').indexOf(correct);
  if (index === -1) throw new Error(`correct_answer_id ${JSON.stringify(correct)} is not among the answer ids`);
  return {
    input: dynamicMultipleChoicePrompt(
      `Document:\n${stringField(record, 'document_str')}\n\nQuestion: ${stringField(record, 'question_str')}`,
      stringListField(options, 'answer_str'),
    ),
    target: optionLetter(index),
    metadata: Object.fromEntries(['document_id', 'question_id', 'topic_name'].map((key) => [key, optionalField(record, key, '')])),
  };
}

const TAGS = ['multiple-choice', 'reading-comprehension', 'clef', 'machine-reading'];

export const qa4mreTasks = configFamily(
  {
    name: 'qa4mre',
    display_name: 'QA4MRE (All Years)',
    category: 'reading-comprehension',
    description: 'Question Answering for Machine Reading Evaluation - CLEF shared tasks 2011-2013',
    tags: TAGS,
    sample_count: null,
  },
  '2011.main.EN',
  ['2011', '2012', '2013'].map((year) => ({
    config: `${year}.main.EN`,
    entry: {
      name: `qa4mre_${year}`,
      display_name: `QA4MRE ${year}`,
      category: 'reading-comprehension',
      description: `Question Answering for Machine Reading Evaluation (English, ${year})`,
      tags: [...TAGS, 'qa4mre'],
      sample_count: null,
    },
  })),
  // `qa4mre` is the hub's legacy name for community-datasets/qa4mre, which holds the parquet export.
  (benchmark, config) =>
    mcqTask({ benchmark, dataset: hfDataset('qa4mre', 'train', { repo: 'community-datasets/qa4mre', config }), toSample: qa4mreSample }),
);
