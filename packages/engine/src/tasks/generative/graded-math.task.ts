/**
 * openbench's model-graded competition math: `smt` (`evals/smt.py`, `datasets/smt.py`) and `otis_mock_aime`
 * (`evals/mockaime.py`, `datasets/mockaime.py`). The grader is the scorer's `model` argument upstream
 * (gpt-4.1-mini); here it is the run's grader model, else that default.
 */
import { accuracy, grouped, std, stderr } from '../../metrics';
import { createOtisMockAimeScorer, createSmtScorer } from '../../scorers';
import { pyFormat, pyStrip } from '../../scorers/python-text.util';
import { SCORER, subtaskOf, type BenchmarkEntry } from '../../catalog/benchmark.entry';
import type { TaskOptions } from '../task.types';
import { hfParquetShard } from '../shared/hf-parquet.source';
import { autoId, fileDataset, keptSamples, recordGet, stringField } from './record-dataset.util';
import { generativeTask, taskArgs, type TaskBody } from './task-definition.util';

export const MATH_GRADER_DEFAULT = 'openai/gpt-4.1-mini-2025-04-14';

/** `SMT_PROMPT` after its `.strip()`; `\\boxed` in the Python source is `\boxed`. */
export const SMT_PROMPT = pyStrip(`
Solve the following Stanford Math Tournament problem step by step. Show your work clearly and provide your final answer.

{question}

Remember to put your final answer on its own line after "Answer:", without using \\boxed command.
`);

/** `MOCK_AIME_PROMPT` (`utils/text.py`), not stripped upstream. */
export const MOCK_AIME_PROMPT = `
Please solve this AIME problem step by step. The answer is an integer ranging from 000 to 999, inclusive.

{question}

Remember to show your work clearly and end with 'ANSWER: X' where X is your final numerical answer.
`;

const SMT_REPO = 'nmayorga7/smt-2024';

const smtDataset = fileDataset('smt', SMT_REPO, hfParquetShard(SMT_REPO, 'default', 'train'), (record, index) => {
  const answer = recordGet(record, 'answer', '');
  return {
    id: autoId(index),
    input: pyFormat(SMT_PROMPT, { question: stringField(record, 'question') }),
    target: answer === null ? '' : String(answer),
    metadata: { category: recordGet(record, 'category', ''), id: recordGet(record, 'id', '') },
  };
});

/** `smt`, or with a category `smt_<category>` (`get_smt_dataset(category)`: the problems of that category). */
function smt(category: string | null) {
  return (options: TaskOptions): TaskBody => {
    const name = category === null ? 'smt' : `smt_${category.toLowerCase()}`;
    taskArgs(name, options, {});
    return {
      dataset: category === null ? smtDataset : keptSamples(smtDataset, name, (sample) => sample.metadata?.category === category),
      config: { temperature: 0.0, max_tokens: 8192 },
      scorer: createSmtScorer(),
      metrics: [accuracy(), stderr(), std(), grouped('category', [accuracy(), stderr(), std()])],
      graderModel: options.graderModel ?? MATH_GRADER_DEFAULT,
    };
  };
}

const OTIS_REPO = 'lvogel123/otis-mock-aime-24-25';

const otisDataset = fileDataset('otis_mock_aime', OTIS_REPO, hfParquetShard(OTIS_REPO, 'default', 'train'), (record, index) => {
  const annotations = recordGet(record, 'annotations', {});
  const isDict = typeof annotations === 'object' && annotations !== null && !Array.isArray(annotations);
  const topic = isDict ? ((annotations as Record<string, unknown>).mathematical_topic ?? '') : '';
  return {
    id: autoId(index),
    input: pyFormat(MOCK_AIME_PROMPT, { question: stringField(record, 'question') }),
    target: String(recordGet(record, 'answer', '')),
    metadata: { year: recordGet(record, 'year', ''), mathematical_topic: topic, annotations },
  };
});

/**
 * `otis_mock_aime`, or with a year `otis_mock_aime_<year>` (`get_otis_mock_aime_dataset(year)`): the problems whose
 * `year` equals the string, as Python's `==` compares (a numeric year would match nothing).
 */
function otisMockAime(year: string | null) {
  return (options: TaskOptions): TaskBody => {
    const name = year === null ? 'otis_mock_aime' : `otis_mock_aime_${year}`;
    taskArgs(name, options, {});
    return {
      dataset: year === null ? otisDataset : keptSamples(otisDataset, name, (sample) => sample.metadata?.year === year),
      config: { temperature: 0.0, max_tokens: 8192 },
      scorer: createOtisMockAimeScorer(),
      metrics: [accuracy(), stderr(), std(), grouped('mathematical_topic', [accuracy(), stderr(), std()])],
      graderModel: options.graderModel ?? MATH_GRADER_DEFAULT,
    };
  };
}

const OTIS_MOCK_AIME: BenchmarkEntry = {
  name: 'otis_mock_aime',
  display_name: 'MockAIME (2024-2025)',
  category: 'math',
  description: 'Otis Mock AIME - a benchmark from the OTIS Mock AIME 2024-2025 exams',
  tags: ['aime', 'problem-solving', 'math', '2024-2025'],
  sample_count: null,
  dataset: { source: 'hf:lvogel123/otis-mock-aime-24-25' },
  scorer: SCORER.llmGraded,
  requirements: { grader_model: MATH_GRADER_DEFAULT },
};

const SMT: BenchmarkEntry = {
  name: 'smt',
  display_name: 'SMT 2024',
  category: 'math',
  description: 'Stanford Math Tournament 2024 - competition math problems across multiple categories',
  tags: ['smt', 'problem-solving', 'math', 'competition', '2024'],
  sample_count: null,
  dataset: { source: 'hf:nmayorga7/smt-2024' },
  scorer: SCORER.llmGraded,
  requirements: { grader_model: MATH_GRADER_DEFAULT },
};

/** config.py's year subtasks: year, its exams' wording. */
const OTIS_YEARS = [
  ['2024', 'exam'],
  ['2025', 'exams'],
] as const;

/** config.py's category subtasks: category, its description's wording. */
const SMT_CATEGORIES = [
  ['Algebra', 'Algebra'],
  ['Calculus', 'Calculus'],
  ['Discrete', 'Discrete Math'],
  ['General', 'General Math'],
  ['Geometry', 'Geometry'],
  ['Guts', 'Guts round'],
] as const;

export const GRADED_MATH_TASKS = [
  generativeTask(OTIS_MOCK_AIME, otisMockAime(null)),
  ...OTIS_YEARS.map(([year, exams]) =>
    generativeTask(
      subtaskOf(OTIS_MOCK_AIME, {
        name: `otis_mock_aime_${year}`,
        display_name: `MockAIME (${year})`,
        category: 'math',
        description: `Otis Mock AIME - a benchmark from the OTIS Mock AIME ${year} ${exams}`,
        tags: ['aime', 'problem-solving', 'math', year],
        sample_count: null,
      }),
      otisMockAime(year),
    ),
  ),
  generativeTask(SMT, smt(null)),
  ...SMT_CATEGORIES.map(([category, described]) =>
    generativeTask(
      subtaskOf(SMT, {
        name: `smt_${category.toLowerCase()}`,
        display_name: `SMT 2024 (${category})`,
        category: 'math',
        description: `Stanford Math Tournament 2024 - ${described} problems`,
        tags: ['smt', category.toLowerCase(), 'problem-solving', 'math', '2024'],
        sample_count: null,
      }),
      smt(category),
    ),
  ),
];
