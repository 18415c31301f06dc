/**
 * Global-MMLU (`src/openbench/evals/global_mmlu.py`): CohereLabs/Global-MMLU, one config per language (test split),
 * the four-option template, temperature 0.5, metrics grouped by subject category and cultural-sensitivity label.
 * `global_mmlu` is the family with its default language, English; each `global_mmlu_<language>` is a subtask.
 */
import type { DatasetRecord } from '@studio/datasets';
import { hfDataset } from '../shared/task-dataset.source';
import { configFamily } from './mcq-family.util';
import { fourOptionPrompt } from './mcq-prompt.util';
import { optionalField, stringField } from './mcq-record.util';
import { mcqTask, type McqSampleFields } from './mcq-task.factory';

/** openbench's `global_mmlu_<key>` tasks: key, catalog title, Global-MMLU config (language code). */
const LANGUAGES: readonly (readonly [string, string, string])[] = [
  ['amharic', 'Amharic', 'am'],
  ['arabic', 'Arabic', 'ar'],
  ['bengali', 'Bengali', 'bn'],
  ['czech', 'Czech', 'cs'],
  ['german', 'German', 'de'],
  ['greek', 'Greek', 'el'],
  ['english', 'English', 'en'],
  ['spanish', 'Spanish', 'es'],
  ['persian', 'Persian', 'fa'],
  ['filipino', 'Filipino', 'fil'],
  ['french', 'French', 'fr'],
  ['hausa', 'Hausa', 'ha'],
  ['hebrew', 'Hebrew', 'he'],
  ['hindi', 'Hindi', 'hi'],
  ['indonesian', 'Indonesian', 'id'],
  ['igbo', 'Igbo', 'ig'],
  ['italian', 'Italian', 'it'],
  ['japanese', 'Japanese', 'ja'],
  ['korean', 'Korean', 'ko'],
  ['kyrgyz', 'Kyrgyz', 'ky'],
  ['lithuanian', 'Lithuanian', 'lt'],
  ['malagasy', 'Malagasy', 'mg'],
  ['malay', 'Malay', 'ms'],
  ['nepali', 'Nepali', 'ne'],
  ['dutch', 'Dutch', 'nl'],
  ['chichewa', 'Chichewa', 'ny'],
  ['polish', 'Polish', 'pl'],
  ['portuguese', 'Portuguese', 'pt'],
  ['romanian', 'Romanian', 'ro'],
  ['russian', 'Russian', 'ru'],
  ['sinhala', 'Sinhala', 'si'],
  ['shona', 'Shona', 'sn'],
  ['somali', 'Somali', 'so'],
  ['serbian', 'Serbian', 'sr'],
  ['swedish', 'Swedish', 'sv'],
  ['swahili', 'Swahili', 'sw'],
  ['telugu', 'Telugu', 'te'],
  ['turkish', 'Turkish', 'tr'],
  ['ukrainian', 'Ukrainian', 'uk'],
  ['vietnamese', 'Vietnamese', 'vi'],
  ['yoruba', 'Yoruba', 'yo'],
  ['chinese', 'Chinese', 'zh'],
];

export function globalMmluSample(record: DatasetRecord): McqSampleFields {
  const options = ['option_a', 'option_b', 'option_c', 'option_d'].map((column) => stringField(record, column));
  return {
    input: fourOptionPrompt(stringField(record, 'question'), options as [string, string, string, string]),
    target: stringField(record, 'answer'),
    metadata: Object.fromEntries(
      ['subject', 'subject_category', 'culture', 'cultural_sensitivity_label'].map((key) => [key, optionalField(record, key, 'unknown')]),
    ),
  };
}

export const globalMmluTasks = configFamily(
  {
    name: 'global_mmlu',
    display_name: 'Global-MMLU (42 Languages)',
    category: 'core',
    description: 'Culturally adapted multilingual MMLU with 42 languages',
    tags: ['multiple-choice', 'multilingual', 'cultural-sensitivity', 'mmlu'],
    sample_count: 14042, // per language: the MMLU test split (589,764 translations / 42 languages, dataset card)
  },
  'en',
  LANGUAGES.map(([key, title, language]) => ({
    config: language,
    entry: {
      name: `global_mmlu_${key}`,
      display_name: `Global-MMLU: ${title}`,
      category: 'global-mmlu',
      description: `Global-MMLU culturally adapted MMLU for ${title} (${language})`,
      tags: ['multiple-choice', 'multilingual', 'cultural-adaptation', 'global-mmlu'],
      sample_count: 14042,
    },
  })),
  (benchmark, language) =>
    mcqTask({
      benchmark,
      dataset: hfDataset('CohereLabs/Global-MMLU', 'test', { config: language }),
      toSample: globalMmluSample,
      config: { temperature: 0.5 },
      groupKeys: ['subject_category', 'cultural_sensitivity_label'],
    }),
);
