/**
 * Arabic Exams (`src/openbench/evals/arabic_exams.py`): MBZUAI/ArabicMMLU, one config per subject, test split; the
 * context (when there is one) and question in the dynamic prompt over options 1-4 and a fifth when it is filled in,
 * the `Answer Key` letter as the answer, metrics grouped by school group and level, at temperature 0.5.
 * `arabic_exams` runs "Accounting (University)", its default; each `arabic_exams_<subject>` subtask one subject.
 */
import type { DatasetRecord } from '@studio/datasets';
import { pyStr } from '../../scorers/python-str.util';
import { pyStrip } from '../../scorers/python-text.util';
import { hfDataset } from '../shared/task-dataset.source';
import { configFamily } from './mcq-family.util';
import { dynamicMultipleChoicePrompt } from './mcq-prompt.util';
import { anyField, optionalField, pyTruthy, stringField } from './mcq-record.util';
import { mcqTask, type McqSampleFields } from './mcq-task.factory';

/** `record.get(name) and str(record.get(name)).strip()`: present, truthy and not blank. */
function filledIn(record: DatasetRecord, name: string): boolean {
  const value = optionalField(record, name, null);
  return pyTruthy(value) && pyStrip(pyStr(value)) !== '';
}

export function arabicExamsSample(record: DatasetRecord): McqSampleFields {
  // Options 1-4 are taken as they are: an empty one (a two- or three-option question) prints as "None", as upstream.
  const options = ['Option 1', 'Option 2', 'Option 3', 'Option 4'].map((name) => pyStr(anyField(record, name)));
  if (filledIn(record, 'Option 5')) options.push(pyStr(anyField(record, 'Option 5')));
  const question = stringField(record, 'Question');
  return {
    input: dynamicMultipleChoicePrompt(filledIn(record, 'Context') ? `${pyStr(anyField(record, 'Context'))}\n\n${question}` : question, options),
    target: stringField(record, 'Answer Key'),
    metadata: {
      subject: optionalField(record, 'Subject', 'general'),
      group: optionalField(record, 'Group', 'general'),
      level: optionalField(record, 'Level', 'general'),
      source: optionalField(record, 'Source', 'unknown'),
      country: optionalField(record, 'Country', 'unknown'),
    },
  };
}

/** Each subtask: key suffix, ArabicMMLU config, display title, description (after "Arabic MMLU - "), extra tags; in openbench's order. */
const SUBJECTS: readonly (readonly [string, string, string, string, readonly string[]])[] = [
  ['accounting_university', 'Accounting (University)', 'Accounting (University)', 'Accounting questions from university-level exams', ['accounting', 'university']],
  ['arabic_language_general', 'Arabic Language (General)', 'Arabic Language (General)', 'Arabic language questions from general exams', ['language', 'general']],
  ['computer_science_high_school', 'Computer Science (High School)', 'Computer Science (High School)', 'Computer science questions from high school exams', ['computer-science', 'high-school']],
  ['computer_science_university', 'Computer Science (University)', 'Computer Science (University)', 'Computer science questions from university-level exams', ['computer-science', 'university']],
  ['islamic_studies_general', 'Islamic Studies', 'Islamic Studies (General)', 'Islamic studies questions from general exams', ['islamic-studies', 'general']],
  ['math_primary_school', 'Math (Primary School)', 'Math (Primary School)', 'Math questions from primary school exams', ['math', 'primary-school']],
  ['math_high_school', 'Math (High School)', 'Math (High School)', 'Math questions from high school exams', ['math', 'high-school']],
  ['physics_high_school', 'Physics (High School)', 'Physics (High School)', 'Physics questions from high school exams', ['physics', 'high-school']],
  ['arabic_language_grammar', 'Arabic Language (Grammar)', 'Arabic Language (Grammar)', 'Arabic language grammar questions', ['language', 'grammar']],
  ['arabic_language_high_school', 'Arabic Language (High School)', 'Arabic Language (High School)', 'Arabic language questions from high school exams', ['language', 'high-school']],
  ['arabic_language_middle_school', 'Arabic Language (Middle School)', 'Arabic Language (Middle School)', 'Arabic language questions from middle school exams', ['language', 'middle-school']],
  ['arabic_language_primary_school', 'Arabic Language (Primary School)', 'Arabic Language (Primary School)', 'Arabic language questions from primary school exams', ['language', 'primary-school']],
  ['biology_high_school', 'Biology (High School)', 'Biology (High School)', 'Biology questions from high school exams', ['biology', 'high-school']],
  ['civics_high_school', 'Civics (High School)', 'Civics (High School)', 'Civics questions from high school exams', ['civics', 'high-school']],
  ['civics_middle_school', 'Civics (Middle School)', 'Civics (Middle School)', 'Civics questions from middle school exams', ['civics', 'middle-school']],
  ['computer_science_middle_school', 'Computer Science (Middle School)', 'Computer Science (Middle School)', 'Computer science questions from middle school exams', ['computer-science', 'middle-school']],
  ['computer_science_primary_school', 'Computer Science (Primary School)', 'Computer Science (Primary School)', 'Computer science questions from primary school exams', ['computer-science', 'primary-school']],
  ['driving_test', 'Driving Test', 'Driving Test', 'Driving test questions', ['driving']],
  ['economics_high_school', 'Economics (High School)', 'Economics (High School)', 'Economics questions from high school exams', ['economics', 'high-school']],
  ['economics_middle_school', 'Economics (Middle School)', 'Economics (Middle School)', 'Economics questions from middle school exams', ['economics', 'middle-school']],
  ['economics_university', 'Economics (University)', 'Economics (University)', 'Economics questions from university-level exams', ['economics', 'university']],
  ['general_knowledge', 'General Knowledge', 'General Knowledge', 'General knowledge questions', ['general-knowledge']],
  ['general_knowledge_middle_school', 'General Knowledge (Middle School)', 'General Knowledge (Middle School)', 'General knowledge questions from middle school exams', ['general-knowledge', 'middle-school']],
  ['general_knowledge_primary_school', 'General Knowledge (Primary School)', 'General Knowledge (Primary School)', 'General knowledge questions from primary school exams', ['general-knowledge', 'primary-school']],
  ['geography_high_school', 'Geography (High School)', 'Geography (High School)', 'Geography questions from high school exams', ['geography', 'high-school']],
  ['geography_middle_school', 'Geography (Middle School)', 'Geography (Middle School)', 'Geography questions from middle school exams', ['geography', 'middle-school']],
  ['geography_primary_school', 'Geography (Primary School)', 'Geography (Primary School)', 'Geography questions from primary school exams', ['geography', 'primary-school']],
  ['history_high_school', 'History (High School)', 'History (High School)', 'History questions from high school exams', ['history', 'high-school']],
  ['history_middle_school', 'History (Middle School)', 'History (Middle School)', 'History questions from middle school exams', ['history', 'middle-school']],
  ['history_primary_school', 'History (Primary School)', 'History (Primary School)', 'History questions from primary school exams', ['history', 'primary-school']],
  ['islamic_studies_high_school', 'Islamic Studies (High School)', 'Islamic Studies (High School)', 'Islamic studies questions from high school exams', ['islamic-studies', 'high-school']],
  ['islamic_studies_middle_school', 'Islamic Studies (Middle School)', 'Islamic Studies (Middle School)', 'Islamic studies questions from middle school exams', ['islamic-studies', 'middle-school']],
  ['islamic_studies_primary_school', 'Islamic Studies (Primary School)', 'Islamic Studies (Primary School)', 'Islamic studies questions from primary school exams', ['islamic-studies', 'primary-school']],
  ['law_professional', 'Law (Professional)', 'Law (Professional)', 'Law questions from professional exams', ['law', 'professional']],
  ['management_university', 'Management (University)', 'Management (University)', 'Management questions from university-level exams', ['management', 'university']],
  ['natural_science_middle_school', 'Natural Science (Middle School)', 'Natural Science (Middle School)', 'Natural science questions from middle school exams', ['natural-science', 'middle-school']],
  ['natural_science_primary_school', 'Natural Science (Primary School)', 'Natural Science (Primary School)', 'Natural science questions from primary school exams', ['natural-science', 'primary-school']],
  ['philosophy_high_school', 'Philosophy (High School)', 'Philosophy (High School)', 'Philosophy questions from high school exams', ['philosophy', 'high-school']],
  ['political_science_university', 'Political Science (University)', 'Political Science (University)', 'Political science questions from university-level exams', ['political-science', 'university']],
  ['social_science_middle_school', 'Social Science (Middle School)', 'Social Science (Middle School)', 'Social science questions from middle school exams', ['social-science', 'middle-school']],
  ['social_science_primary_school', 'Social Science (Primary School)', 'Social Science (Primary School)', 'Social science questions from primary school exams', ['social-science', 'primary-school']],
];

export const arabicExamsTasks = configFamily(
  {
    name: 'arabic_exams',
    display_name: 'Arabic Exams (40 Subjects)',
    category: 'domain-specific',
    description: 'Multi-task Arabic language understanding benchmark from school exams across North Africa, the Levant, and the Gulf',
    tags: ['multiple-choice', 'arabic', 'multilingual', 'education', 'msa'],
    sample_count: null,
  },
  'Accounting (University)',
  SUBJECTS.map(([key, config, title, description, tags]) => ({
    config,
    entry: {
      name: `arabic_exams_${key}`,
      display_name: `Arabic Exams: ${title}`,
      category: 'domain-specific',
      description: `Arabic MMLU - ${description}`,
      tags: ['multiple-choice', 'arabic', ...tags],
      sample_count: null,
    },
  })),
  (benchmark, config) =>
    mcqTask({
      benchmark,
      dataset: hfDataset('MBZUAI/ArabicMMLU', 'test', { config }),
      toSample: arabicExamsSample,
      config: { temperature: 0.5 },
      groupKeys: ['group', 'level'],
    }),
);
