/**
 * XStoryCloze (`src/openbench/evals/xstorycloze.py`): juletxara/xstory_cloze, one config per language (`eval`
 * split), the four story sentences and "Which sentence best completes the story?" under Inspect's single-answer
 * template with the two endings. `xstorycloze` runs English, its default; each `xstorycloze_<code>` one language.
 */
import type { DatasetRecord } from '@studio/datasets';
import { hfDataset } from '../shared/task-dataset.source';
import { inspectChoicesPrompt, SINGLE_ANSWER_TEMPLATE } from './mcq-prompt.util';
import { crossLingualFamily } from './mcq-family.util';
import { numberField, optionalField, stringField } from './mcq-record.util';
import { mcqTask, type McqSampleFields } from './mcq-task.factory';

const LANGUAGES = [
  ['en', 'English'], ['ru', 'Russian'], ['zh', 'Chinese'], ['es', 'Spanish'], ['ar', 'Arabic'], ['hi', 'Hindi'], ['id', 'Indonesian'],
  ['te', 'Telugu'], ['sw', 'Swahili'], ['eu', 'Basque'], ['my', 'Burmese'],
] as const;

export function xstoryclozeSample(record: DatasetRecord): McqSampleFields {
  const story = [1, 2, 3, 4].map((n) => stringField(record, `input_sentence_${n}`)).join('\n');
  const answer = numberField(record, 'answer_right_ending');
  if (answer !== 1 && answer !== 2) throw new Error(`unknown XStoryCloze answer ${answer}`);
  return {
    input: inspectChoicesPrompt(
      `${story}\n\nWhich sentence best completes the story?`,
      [stringField(record, 'sentence_quiz1'), stringField(record, 'sentence_quiz2')],
      SINGLE_ANSWER_TEMPLATE,
    ),
    target: answer === 1 ? 'A' : 'B',
    metadata: { story_id: optionalField(record, 'story_id', null) },
  };
}

const TAGS = ['multiple-choice', 'story-completion', 'commonsense', 'multilingual'];

export const xstoryclozeTasks = crossLingualFamily(
  {
    name: 'xstorycloze',
    title: 'XStoryCloze',
    display_name: 'XStoryCloze (11 Languages)',
    description: 'Cross-lingual story completion for commonsense reasoning',
    tags: TAGS,
    sample_count: null,
    defaultLanguage: 'en',
    languages: LANGUAGES,
    memberDescription: 'XStoryCloze story completion for',
  },
  (benchmark, config) => mcqTask({ benchmark, dataset: hfDataset('juletxara/xstory_cloze', 'eval', { config }), toSample: xstoryclozeSample }),
);
