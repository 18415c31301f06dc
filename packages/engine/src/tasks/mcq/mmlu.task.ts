/**
 * MMLU (`src/openbench/evals/mmlu.py`): simple-evals' `mmlu.csv` (the 14,042-question test split), the four-option
 * template, temperature 0.5, metrics grouped by openbench's four categories.
 */
import type { DatasetRecord } from '@studio/datasets';
import { csvDataset } from '../shared/task-dataset.source';
import { fourOptionPrompt } from './mcq-prompt.util';
import { stringField } from './mcq-record.util';
import { mcqTask, type McqSampleFields } from './mcq-task.factory';
import { MULTIPLE_CHOICE_KNOWLEDGE } from '../../catalog/benchmark.entry';

export const MMLU_CSV_URL = 'https://openaipublic.blob.core.windows.net/simple-evals/mmlu.csv';

/** openbench `SUBJECT_TO_CATEGORY` (57 subjects). */
export const SUBJECT_TO_CATEGORY: Readonly<Record<string, string>> = {
  abstract_algebra: 'stem',
  anatomy: 'other',
  astronomy: 'stem',
  business_ethics: 'other',
  clinical_knowledge: 'other',
  college_biology: 'stem',
  college_chemistry: 'stem',
  college_computer_science: 'stem',
  college_mathematics: 'stem',
  college_medicine: 'other',
  college_physics: 'stem',
  computer_security: 'stem',
  conceptual_physics: 'stem',
  econometrics: 'social_sciences',
  electrical_engineering: 'stem',
  elementary_mathematics: 'stem',
  formal_logic: 'humanities',
  global_facts: 'other',
  high_school_biology: 'stem',
  high_school_chemistry: 'stem',
  high_school_computer_science: 'stem',
  high_school_european_history: 'humanities',
  high_school_geography: 'social_sciences',
  high_school_government_and_politics: 'social_sciences',
  high_school_macroeconomics: 'social_sciences',
  high_school_mathematics: 'stem',
  high_school_microeconomics: 'social_sciences',
  high_school_physics: 'stem',
  high_school_psychology: 'social_sciences',
  high_school_statistics: 'stem',
  high_school_us_history: 'humanities',
  high_school_world_history: 'humanities',
  human_aging: 'other',
  human_sexuality: 'social_sciences',
  international_law: 'humanities',
  jurisprudence: 'humanities',
  logical_fallacies: 'humanities',
  machine_learning: 'stem',
  management: 'other',
  marketing: 'other',
  medical_genetics: 'other',
  miscellaneous: 'other',
  moral_disputes: 'humanities',
  moral_scenarios: 'humanities',
  nutrition: 'other',
  philosophy: 'humanities',
  prehistory: 'humanities',
  professional_accounting: 'other',
  professional_law: 'humanities',
  professional_medicine: 'other',
  professional_psychology: 'social_sciences',
  public_relations: 'social_sciences',
  security_studies: 'social_sciences',
  sociology: 'social_sciences',
  us_foreign_policy: 'social_sciences',
  virology: 'other',
  world_religions: 'humanities',
};

export function mmluSample(record: DatasetRecord): McqSampleFields {
  const subject = stringField(record, 'Subject');
  if (!Object.hasOwn(SUBJECT_TO_CATEGORY, subject)) throw new Error(`unknown MMLU subject ${JSON.stringify(subject)}`);
  const category = SUBJECT_TO_CATEGORY[subject];
  const options = ['A', 'B', 'C', 'D'].map((column) => stringField(record, column));
  return {
    input: fourOptionPrompt(stringField(record, 'Question'), options as [string, string, string, string]),
    target: stringField(record, 'Answer'),
    metadata: { subject, category },
  };
}

export const mmluTask = mcqTask({
  benchmark: {
    name: 'mmlu',
    display_name: 'MMLU (cais/mmlu)',
    category: 'core',
    description:
      'Massive Multitask Language Understanding - 57 academic subjects from the cais/mmlu dataset. Only supports English (EN-US).',
    tags: MULTIPLE_CHOICE_KNOWLEDGE,
    sample_count: 14042, // the MMLU test split; shared/datasets/mmlu/test
    featured: true,
  },
  dataset: csvDataset(MMLU_CSV_URL),
  toSample: mmluSample,
  oneSamplePerRecord: true,
  config: { temperature: 0.5 },
  groupKeys: ['category'],
});
