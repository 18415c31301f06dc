/**
 * TUMLU (`src/openbench/evals/tumlu.py`, `datasets/tumlu.py`): jafarisbarov/TUMLU-mini, one config per Turkic
 * language (the `language` task argument, Azerbaijani by default), test split; the question and its first
 * four choices in `MULTIPLE_CHOICE_PROMPT_TEMPLATE`, metrics grouped by subject (`tumlu_simple_eval_scorer`), at
 * temperature 0.5. Upstream builds plain `Sample`s, not `MCQSample`s, so its targets are not validated there; every
 * TUMLU answer is a letter, which the MCQ factory's check accepts.
 */
import type { DatasetRecord } from '@studio/datasets';
import { hfDataset } from '../shared/task-dataset.source';
import { perArgumentTask } from './mcq-family.util';
import { fourOptionPrompt } from './mcq-prompt.util';
import { anyField, stringField, stringListField } from './mcq-record.util';
import { mcqTask, type McqSampleFields } from './mcq-task.factory';

export function tumluSample(record: DatasetRecord): McqSampleFields {
  const choices = stringListField(record, 'choices');
  // record["choices"][3] raises IndexError on fewer than four.
  if (choices.length < 4) throw new Error(`list index out of range: ${choices.length} choices`);
  return {
    input: fourOptionPrompt(stringField(record, 'question'), [choices[0], choices[1], choices[2], choices[3]]),
    target: stringField(record, 'answer'),
    metadata: { subject: anyField(record, 'subject') },
  };
}

export const tumluTask = perArgumentTask('language', 'azerbaijani', (language = 'azerbaijani') =>
  mcqTask({
    benchmark: {
      name: 'tumlu',
      display_name: 'TUMLU',
      category: 'community',
      description:
        'TUMLU is a comprehensive, multilingual, and natively developed language understanding benchmark specifically designed for Turkic languages.',
      tags: ['factuality', 'question-answering', 'multiple-choice', 'reasoning'],
      sample_count: null,
    },
    dataset: hfDataset('jafarisbarov/TUMLU-mini', 'test', { config: language }),
    toSample: tumluSample,
    config: { temperature: 0.5 },
    groupKeys: ['subject'],
  }),
);
