/**
 * MMLU-Redux (`src/openbench/evals/mmlu_redux.py`): edinburgh-dawg/mmlu-redux-2.0, one config per MMLU subject (test
 * split), all 57 read one after the other as one dataset, each sample's id prefixed with its subject; the four-option
 * template over `choices`, temperature 0.5, metrics grouped by MMLU's category and by subject. The subject (and so
 * the category) is the config a record was read from, not a field of the record.
 */
import type { DatasetRecord } from '@studio/datasets';
import { MULTIPLE_CHOICE_KNOWLEDGE } from '../../catalog/benchmark.entry';
import { hfConfigsDataset } from '../shared/task-dataset.source';
import { fourOptionPrompt, optionLetter } from './mcq-prompt.util';
import { anyField, pythonInt, stringField, stringListField } from './mcq-record.util';
import { mcqTask, type McqSampleFields } from './mcq-task.factory';
import { SUBJECT_TO_CATEGORY } from './mmlu.task';

/** `answer if isinstance(answer, int) else int(answer)`. */
function answerIndex(record: DatasetRecord): number {
  const answer = anyField(record, 'answer');
  if (typeof answer === 'number' && Number.isInteger(answer)) return answer;
  if (typeof answer === 'string') return pythonInt(answer);
  throw new TypeError(`record field "answer" is not an int: ${JSON.stringify(answer)}`);
}

export function mmluReduxSample(record: DatasetRecord, subject = ''): McqSampleFields {
  if (!Object.hasOwn(SUBJECT_TO_CATEGORY, subject)) throw new Error(`unknown MMLU subject ${JSON.stringify(subject)}`);
  const choices = stringListField(record, 'choices');
  if (choices.length < 4) throw new Error(`choices has ${choices.length} options, the template needs 4`);
  return {
    input: fourOptionPrompt(stringField(record, 'question'), [choices[0], choices[1], choices[2], choices[3]]),
    target: optionLetter(answerIndex(record)),
    metadata: { subject, category: SUBJECT_TO_CATEGORY[subject] },
  };
}

export const mmluReduxTask = mcqTask({
  benchmark: {
    name: 'mmlu-redux',
    display_name: 'MMLU-Redux',
    category: 'core',
    description:
      'Manually re-annotated subset of 5,700 MMLU questions addressing annotation errors in the original dataset.',
    tags: MULTIPLE_CHOICE_KNOWLEDGE,
    sample_count: 5700, // openbench's description
  },
  dataset: hfConfigsDataset('mmlu_redux', 'edinburgh-dawg/mmlu-redux-2.0', 'test', Object.keys(SUBJECT_TO_CATEGORY)),
  toSample: mmluReduxSample,
  partSampleId: (subject, id) => `${subject}_${id}`,
  config: { temperature: 0.5 },
  groupKeys: ['category', 'subject'],
});
