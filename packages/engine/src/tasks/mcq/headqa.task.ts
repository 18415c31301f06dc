/**
 * HeadQA (`src/openbench/evals/headqa.py`): `head_qa` (dvilares/head_qa on the hub) test split, the dynamic prompt
 * over the answers in `aid` order, `ra` (1-based) as the answer, metrics grouped by category. `headqa` is the family
 * with its default language, English; `headqa_en` and `headqa_es` are its subtasks.
 */
import type { DatasetRecord } from '@studio/datasets';
import { hfDataset } from '../shared/task-dataset.source';
import { configFamily } from './mcq-family.util';
import { dynamicMultipleChoicePrompt, optionLetter } from './mcq-prompt.util';
import { numberField, optionalField, stringField } from './mcq-record.util';
import { mcqTask, type McqSampleFields } from './mcq-task.factory';

export function headqaSample(record: DatasetRecord): McqSampleFields {
  const answers = record.answers;
  if (!Array.isArray(answers)) throw new TypeError(`record field "answers" is not a list: ${JSON.stringify(answers)}`);
  // sorted(key=aid) is stable, as Array.prototype.sort is.
  const options = (answers as DatasetRecord[])
    .map((answer) => ({ aid: numberField(answer, 'aid'), atext: stringField(answer, 'atext') }))
    .sort((a, b) => a.aid - b.aid)
    .map((answer) => answer.atext);
  return {
    input: dynamicMultipleChoicePrompt(stringField(record, 'qtext'), options),
    target: optionLetter(numberField(record, 'ra') - 1),
    metadata: {
      category: optionalField(record, 'category', 'unknown'),
      year: optionalField(record, 'year', 'unknown'),
      qid: optionalField(record, 'qid', null),
    },
  };
}

const TAGS = ['multiple-choice', 'medical', 'healthcare'];

export const headqaTasks = configFamily(
  {
    name: 'headqa',
    display_name: 'HeadQA',
    category: 'core',
    description: 'Spanish healthcare specialization exam questions (Spanish and English)',
    tags: [...TAGS, 'multilingual'],
    sample_count: null,
  },
  'en',
  (
    [
      ['en', 'English'],
      ['es', 'Spanish'],
    ] as const
  ).map(([language, title]) => ({
    config: language,
    entry: {
      name: `headqa_${language}`,
      display_name: `HeadQA (${title})`,
      category: 'core',
      description: `Spanish healthcare specialization exam questions in ${title}`,
      tags: [...TAGS, title.toLowerCase()],
      sample_count: null,
    },
  })),
  (benchmark, language) =>
    mcqTask({
      benchmark,
      // `head_qa` is the hub's legacy name for dvilares/head_qa, which holds the parquet export.
      dataset: hfDataset('head_qa', 'test', { repo: 'dvilares/head_qa', config: language }),
      toSample: headqaSample,
      groupKeys: ['category'],
    }),
);
