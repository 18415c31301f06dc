/**
 * Social IQa (`src/openbench/evals/social_iqa.py`): social_i_qa validation split from its parquet export (upstream
 * passes `revision="refs/convert/parquet"` itself), context and question, three answers, 1-based label.
 */
import type { DatasetRecord } from '@studio/datasets';
import { hfDataset } from '../shared/task-dataset.source';
import { dynamicMultipleChoicePrompt, optionLetter } from './mcq-prompt.util';
import { hasField, optionalField, pythonInt, stringField, stringListField } from './mcq-record.util';
import { mcqTask, type McqSampleFields } from './mcq-task.factory';

/** The field names upstream tries for each of the three answers, first match wins. */
const ANSWER_FIELDS = [
  ['answerA', 'answer1', 'choice1'],
  ['answerB', 'answer2', 'choice2'],
  ['answerC', 'answer3', 'choice3'],
] as const;

export function socialIqaSample(record: DatasetRecord): McqSampleFields {
  const context = hasField(record, 'context') ? stringField(record, 'context') : '';
  const question = hasField(record, 'question') ? stringField(record, 'question') : '';
  let options = ANSWER_FIELDS.flatMap((names) => {
    const name = names.find((candidate) => hasField(record, candidate));
    return name === undefined ? [] : [stringField(record, name)];
  });
  if (options.length === 0 && hasField(record, 'answers')) options = stringListField(record, 'answers');
  const label = String(optionalField(record, 'label', optionalField(record, 'correct', 0)));
  return {
    input: dynamicMultipleChoicePrompt(context ? `${context}\n\n${question}` : question, options),
    // chr(64 + int(label)): labels are 1-based.
    target: optionLetter(pythonInt(label) - 1),
  };
}

export const socialIqaTask = mcqTask({
  benchmark: {
    name: 'social_iqa',
    display_name: 'Social IQA',
    category: 'ethics-social',
    description:
      'Social Intelligence Question Answering - tests reasoning about social situations, emotions, and mental states',
    tags: ['multiple-choice', 'social-intelligence', 'emotional-reasoning', 'theory-of-mind'],
    sample_count: 1954, // validation split, dataset card
  },
  // `social_i_qa` is the hub's legacy name for allenai/social_i_qa, which holds the parquet export.
  dataset: hfDataset('social_i_qa', 'validation', { repo: 'allenai/social_i_qa' }),
  toSample: socialIqaSample,
});
