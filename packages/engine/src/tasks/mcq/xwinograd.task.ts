/**
 * XWinograd (`src/openbench/evals/xwinograd.py`): Muennighoff/xwinograd, one config per language (test split), the
 * sentence and its two options under Inspect's single-answer template, answer "1"/"2" as A/B. `xwinograd` runs
 * English, its default; each `xwinograd_<code>` subtask one language.
 */
import type { DatasetRecord } from '@studio/datasets';
import { hfDataset } from '../shared/task-dataset.source';
import { inspectChoicesPrompt, SINGLE_ANSWER_TEMPLATE } from './mcq-prompt.util';
import { crossLingualFamily } from './mcq-family.util';
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

export const xwinogradTasks = crossLingualFamily(
  {
    name: 'xwinograd',
    title: 'XWinograd',
    display_name: 'XWinograd (6 Languages)',
    description: 'Cross-lingual Winograd Schema Challenge for pronoun resolution',
    tags: TAGS,
    sample_count: null,
    defaultLanguage: 'en',
    languages: LANGUAGES,
    memberDescription: 'XWinograd pronoun resolution for',
  },
  (benchmark, config) => mcqTask({ benchmark, dataset: hfDataset('Muennighoff/xwinograd', 'test', { config }), toSample: xwinogradSample }),
);
