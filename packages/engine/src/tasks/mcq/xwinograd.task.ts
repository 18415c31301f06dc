/**
 * XWinograd (`src/openbench/evals/xwinograd.py`): Muennighoff/xwinograd, one config per language (test split), the
 * sentence and its two options under Inspect's single-answer template, answer "1"/"2" as A/B. `xwinograd` runs
 * English, its default; each `xwinograd_<code>` subtask one language.
 */
import type { DatasetRecord } from '@studio/datasets';
import { hfDataset } from '../shared/task-dataset.source';
import { inspectChoicesPrompt, SINGLE_ANSWER_TEMPLATE } from './mcq-prompt.util';
import { configFamily } from './mcq-family.util';
import { stringField } from './mcq-record.util';
import { mcqTask, type McqSampleFields } from './mcq-task.factory';

const LANGUAGES = [['en', 'English'], ['fr', 'French'], ['jp', 'Japanese'], ['pt', 'Portuguese'], ['ru', 'Russian'], ['zh', 'Chinese']] as const;

const ANSWERS: Readonly<Record<string, string>> = { '1': 'A', '2': 'B' };

export function xwinogradSample(record: DatasetRecord): McqSampleFields {
  const answer = stringField(record, 'answer');
  if (!Object.hasOwn(ANSWERS, answer)) throw new Error(`unknown XWinograd answer ${JSON.stringify(answer)}`);
  return {
    input: inspectChoicesPrompt(stringField(record, 'sentence'), [stringField(record, 'option1'), stringField(record, 'option2')], SINGLE_ANSWER_TEMPLATE),
    target: ANSWERS[answer],
  };
}

const TAGS = ['multiple-choice', 'pronoun-resolution', 'commonsense', 'multilingual'];

export const xwinogradTasks = configFamily(
  {
    name: 'xwinograd',
    display_name: 'XWinograd (6 Languages)',
    category: 'cross-lingual',
    description: 'Cross-lingual Winograd Schema Challenge for pronoun resolution',
    tags: TAGS,
    sample_count: null,
  },
  'en',
  LANGUAGES.map(([code, title]) => ({
    config: code,
    entry: {
      name: `xwinograd_${code}`,
      display_name: `XWinograd: ${title}`,
      category: 'cross-lingual',
      description: `XWinograd pronoun resolution for ${title} (${code})`,
      tags: [...TAGS, 'xwinograd'],
      sample_count: null,
    },
  })),
  (benchmark, config) => mcqTask({ benchmark, dataset: hfDataset('Muennighoff/xwinograd', 'test', { config }), toSample: xwinogradSample }),
);
