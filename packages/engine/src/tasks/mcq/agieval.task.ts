/**
 * AGIEval (`src/openbench/evals/agieval.py`): one dmayhem93/agieval-* dataset per exam (test split), in lm-eval's
 * layout: the `query` already holds the question, its answer choices and the answer cue, and is the prompt as it is;
 * `gold[0]` is the answer's index. `agieval` runs its default exam, AQUA-RAT; `agieval_<exam>` one exam each.
 */
import type { DatasetRecord } from '@studio/datasets';
import { hfDataset } from '../shared/task-dataset.source';
import { configFamily } from './mcq-family.util';
import { optionLetter } from './mcq-prompt.util';
import { anyField, stringField, stringListField } from './mcq-record.util';
import { mcqTask, type McqSampleFields } from './mcq-task.factory';

export function agievalSample(record: DatasetRecord): McqSampleFields {
  const gold = anyField(record, 'gold');
  const index = Array.isArray(gold) ? (gold[0] as unknown) : undefined;
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) throw new Error(`gold is not a list starting with an index: ${JSON.stringify(gold)}`);
  return { input: stringField(record, 'query'), target: optionLetter(index), metadata: { choices: stringListField(record, 'choices') } };
}

/** openbench's `AGIEVAL_DATASET_PATHS` with each `agieval_<exam>` entry's title, description and tags, in config.py's order. */
const EXAMS: readonly (readonly [string, string, string, readonly string[]])[] = [
  ['aqua_rat', 'AQUA-RAT', 'Algebraic question answering and reasoning', ['algebra', 'reasoning', 'math']],
  ['logiqa_en', 'LogiQA (English)', 'Logical reasoning questions in English', ['logic', 'reasoning', 'english']],
  ['logiqa_zh', 'LogiQA (Chinese)', 'Logical reasoning questions in Chinese', ['logic', 'reasoning', 'chinese']],
  ['lsat_ar', 'LSAT Analytical Reasoning', 'Law School Admission Test - Analytical Reasoning section', ['law', 'analytical-reasoning', 'lsat']],
  ['lsat_lr', 'LSAT Logical Reasoning', 'Law School Admission Test - Logical Reasoning section', ['law', 'logical-reasoning', 'lsat']],
  ['lsat_rc', 'LSAT Reading Comprehension', 'Law School Admission Test - Reading Comprehension section', ['law', 'reading-comprehension', 'lsat']],
  ['sat_en', 'SAT English', 'Scholastic Assessment Test - English section', ['sat', 'english', 'reading']],
  ['sat_en_without_passage', 'SAT English (No Passage)', 'SAT English questions without reading passages', ['sat', 'english', 'grammar']],
  ['sat_math', 'SAT Math', 'Scholastic Assessment Test - Math section', ['sat', 'mathematics', 'problem-solving']],
  ['gaokao_biology', 'Gaokao Biology', 'Chinese national college entrance exam - Biology', ['gaokao', 'biology', 'science']],
  ['gaokao_chemistry', 'Gaokao Chemistry', 'Chinese national college entrance exam - Chemistry', ['gaokao', 'chemistry', 'science']],
  ['gaokao_chinese', 'Gaokao Chinese', 'Chinese national college entrance exam - Chinese language', ['gaokao', 'chinese', 'language']],
  ['gaokao_english', 'Gaokao English', 'Chinese national college entrance exam - English', ['gaokao', 'english', 'language']],
  ['gaokao_geography', 'Gaokao Geography', 'Chinese national college entrance exam - Geography', ['gaokao', 'geography', 'social-studies']],
  ['gaokao_history', 'Gaokao History', 'Chinese national college entrance exam - History', ['gaokao', 'history', 'social-studies']],
  ['gaokao_mathqa', 'Gaokao Math', 'Chinese national college entrance exam - Mathematics', ['gaokao', 'mathematics', 'problem-solving']],
  ['gaokao_physics', 'Gaokao Physics', 'Chinese national college entrance exam - Physics', ['gaokao', 'physics', 'science']],
];

/** dmayhem93/agieval-aqua-rat's test split (dataset card); the other exams' sizes were not verified. */
const AQUA_RAT_TESTS = 254;

/** `dmayhem93/agieval-<exam with "-" for "_">`, as AGIEVAL_DATASET_PATHS spells every one. */
export function agievalPath(exam: string): string {
  return `dmayhem93/agieval-${exam.replaceAll('_', '-')}`;
}

export const agievalTasks = configFamily(
  {
    name: 'agieval',
    display_name: 'AGIEval (All Subsets)',
    category: 'agieval',
    description: 'Human-centric benchmark with 17 official qualifying exam questions testing general cognitive abilities',
    tags: ['multiple-choice', 'academic-exams', 'reasoning', 'cognitive-abilities'],
    sample_count: AQUA_RAT_TESTS,
  },
  'aqua_rat',
  EXAMS.map(([exam, title, description, tags]) => ({
    config: exam,
    entry: {
      name: `agieval_${exam}`,
      display_name: `AGIEval: ${title}`,
      category: 'agieval',
      description,
      tags: ['multiple-choice', ...tags, 'agieval'],
      sample_count: exam === 'aqua_rat' ? AQUA_RAT_TESTS : null,
    },
  })),
  // Each exam is its own dataset, read in its default config.
  (benchmark, exam) => mcqTask({ benchmark, dataset: hfDataset(agievalPath(exam), 'test'), toSample: agievalSample }),
);
