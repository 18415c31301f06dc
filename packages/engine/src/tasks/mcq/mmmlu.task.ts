/**
 * MMMLU (`src/openbench/evals/mmmlu.py`): openai/MMMLU, MMLU's test split professionally translated. `mmmlu` reads
 * the default config (every language), each `mmmlu_<locale>` subtask one language's config; the four-option
 * template, temperature 0.5, metrics grouped by MMLU category.
 */
import type { DatasetRecord } from '@studio/datasets';
import { MULTIPLE_CHOICE_KNOWLEDGE } from '../../catalog/benchmark.entry';
import { hfDataset } from '../shared/task-dataset.source';
import { configFamily } from './mcq-family.util';
import { fourOptionPrompt } from './mcq-prompt.util';
import { stringField } from './mcq-record.util';
import { mcqTask, type McqSampleFields } from './mcq-task.factory';
import { SUBJECT_TO_CATEGORY } from './mmlu.task';

/** openbench's `mmmlu_<locale>` tasks: the config (`LANGUAGES`) and the catalog's language name and description. */
const LANGUAGES: readonly (readonly [string, string, string])[] = [
  ['AR_XY', 'Arabic', 'Arabic'],
  ['BN_BD', 'Bengali', 'Bengali'],
  ['DE_DE', 'German', 'German'],
  ['ES_LA', 'Spanish', 'Spanish Latin America'],
  ['FR_FR', 'French', 'French'],
  ['HI_IN', 'Hindi', 'Hindi'],
  ['ID_ID', 'Indonesian', 'Indonesian'],
  ['IT_IT', 'Italian', 'Italian'],
  ['JA_JP', 'Japanese', 'Japanese'],
  ['KO_KR', 'Korean', 'Korean'],
  ['PT_BR', 'Portuguese', 'Portuguese Brazil'],
  ['ZH_CN', 'Chinese', 'Chinese'],
  ['SW_KE', 'Swahili', 'Swahili'],
  ['YO_NG', 'Yoruba', 'Yoruba'],
];

export function mmmluSample(record: DatasetRecord): McqSampleFields {
  const subject = stringField(record, 'Subject');
  const options = ['A', 'B', 'C', 'D'].map((column) => stringField(record, column));
  return {
    input: fourOptionPrompt(stringField(record, 'Question'), options as [string, string, string, string]),
    target: stringField(record, 'Answer'),
    metadata: {
      subject,
      category: Object.hasOwn(SUBJECT_TO_CATEGORY, subject) ? SUBJECT_TO_CATEGORY[subject] : `Invalid Subject: ${subject}`,
    },
  };
}

export const mmmluTasks = configFamily(
  {
    name: 'mmmlu',
    display_name: 'MMMLU (openai/MMMLU)',
    category: 'core',
    description: 'MMLU translated to 15 languages.',
    tags: MULTIPLE_CHOICE_KNOWLEDGE,
    sample_count: 196588, // 14 languages × the 14,042-question MMLU test split (dataset card)
  },
  'default',
  LANGUAGES.map(([config, language, description]) => ({
    config,
    entry: {
      name: `mmmlu_${config.toLowerCase()}`,
      display_name: `MMMLU (${language})`,
      category: 'core',
      description: `MMLU in ${description} (${config})`,
      tags: ['multiple-choice', 'knowledge', 'multilingual', 'mmmlu'],
      sample_count: 14042,
    },
  })),
  (benchmark, config) =>
    mcqTask({
      benchmark,
      dataset: hfDataset('openai/MMMLU', 'test', { config }),
      toSample: mmmluSample,
      config: { temperature: 0.5 },
      groupKeys: ['category'],
    }),
);
