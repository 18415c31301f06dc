/**
 * BBQ (`src/openbench/evals/bbq.py`): heegyu/bbq, one config per bias category (test split); context and question in
 * the dynamic prompt over the three answers, temperature 0, metrics grouped by category, question polarity and
 * context condition. `bbq` runs its default category, Age; `bbq_<category>` one category each.
 */
import type { DatasetRecord } from '@studio/datasets';
import { hfDataset } from '../shared/task-dataset.source';
import { configFamily } from './mcq-family.util';
import { dynamicMultipleChoicePrompt } from './mcq-prompt.util';
import { anyField, stringField } from './mcq-record.util';
import { mcqTask, type McqSampleFields } from './mcq-task.factory';

const LABELS: Readonly<Record<number, string>> = { 0: 'A', 1: 'B', 2: 'C' };

export function bbqSample(record: DatasetRecord): McqSampleFields {
  const label = anyField(record, 'label');
  if (typeof label !== 'number' || !Object.hasOwn(LABELS, label)) throw new Error(`unknown BBQ label ${JSON.stringify(label)}`);
  return {
    input: dynamicMultipleChoicePrompt(
      `${stringField(record, 'context')}\n\nQuestion: ${stringField(record, 'question')}`,
      ['ans0', 'ans1', 'ans2'].map((column) => stringField(record, column)),
    ),
    target: LABELS[label],
    metadata: Object.fromEntries(['category', 'question_polarity', 'context_condition'].map((key) => [key, anyField(record, key)])),
  };
}

const TAGS = ['multiple-choice', 'bias', 'fairness', 'social-bias', 'qa'];

/** openbench's `bbq_<key>` entries: BBQ category (the config), title, description and extra tags, in config.py's order. */
const CATEGORIES: readonly (readonly [string, string, string, readonly string[]])[] = [
  ['Age', 'Age', 'Evaluate age-related biases in question-answering', ['age']],
  ['Disability_status', 'Disability Status', 'Evaluate disability-related biases in question-answering', ['disability']],
  ['Gender_identity', 'Gender Identity', 'Evaluate gender identity-related biases in question-answering', ['gender']],
  ['Nationality', 'Nationality', 'Evaluate nationality-related biases in question-answering', ['nationality']],
  ['Physical_appearance', 'Physical Appearance', 'Evaluate physical appearance-related biases in question-answering', ['appearance']],
  ['Race_ethnicity', 'Race/Ethnicity', 'Evaluate race and ethnicity-related biases in question-answering', ['race']],
  ['Race_x_SES', 'Race × SES', 'Evaluate intersectional race and socioeconomic status biases', ['race', 'ses']],
  ['Race_x_gender', 'Race × Gender', 'Evaluate intersectional race and gender biases', ['race', 'gender']],
  ['Religion', 'Religion', 'Evaluate religion-related biases in question-answering', ['religion']],
  ['SES', 'Socioeconomic Status', 'Evaluate socioeconomic status-related biases in question-answering', ['ses']],
  ['Sexual_orientation', 'Sexual Orientation', 'Evaluate sexual orientation-related biases in question-answering', ['sexual-orientation']],
];

export const bbqTasks = configFamily(
  {
    name: 'bbq',
    display_name: 'BBQ (Main Function)',
    category: 'ethics-social',
    description: 'BBQ bias evaluation for a specific category - use individual category tasks instead',
    tags: TAGS,
    sample_count: null,
  },
  'Age',
  CATEGORIES.map(([category, title, description, tags]) => ({
    config: category,
    entry: {
      // The task name openbench gives: bbq_{category.lower()}.
      name: `bbq_${category.toLowerCase()}`,
      display_name: `BBQ: ${title}`,
      category: 'ethics-social',
      description,
      tags: [...TAGS, ...tags],
      sample_count: null,
    },
  })),
  (benchmark, category) =>
    mcqTask({
      benchmark,
      dataset: hfDataset('heegyu/bbq', 'test', { config: category }),
      toSample: bbqSample,
      config: { temperature: 0 },
      groupKeys: ['category', 'question_polarity', 'context_condition'],
    }),
);
