/**
 * openbench's model-graded competition math: `smt` (`evals/smt.py`, `datasets/smt.py`) and `otis_mock_aime`
 * (`evals/mockaime.py`, `datasets/mockaime.py`). The grader is the scorer's `model` argument upstream
 * (gpt-4.1-mini); here it is the run's grader model, else that default.
 */
import { accuracy, grouped, std, stderr } from '../../metrics';
import { createOtisMockAimeScorer, createSmtScorer } from '../../scorers';
import { pyFormat, pyStrip } from '../../scorers/python-text.util';
import { SCORER } from '../../catalog/benchmark.entry';
import type { TaskOptions } from '../task.types';
import { hfParquetShard } from '../shared/hf-parquet.source';
import { autoId, fileDataset, recordGet, stringField } from './record-dataset.util';
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

function smt(options: TaskOptions): TaskBody {
  taskArgs('smt', options, {});
  const repo = 'nmayorga7/smt-2024';
  return {
    dataset: fileDataset('smt', repo, hfParquetShard(repo, 'default', 'train'), (record, index) => {
      const answer = recordGet(record, 'answer', '');
      return {
        id: autoId(index),
        input: pyFormat(SMT_PROMPT, { question: stringField(record, 'question') }),
        target: answer === null ? '' : String(answer),
        metadata: { category: recordGet(record, 'category', ''), id: recordGet(record, 'id', '') },
      };
    }),
    config: { temperature: 0.0, max_tokens: 8192 },
    scorer: createSmtScorer(),
    metrics: [accuracy(), stderr(), std(), grouped('category', [accuracy(), stderr(), std()])],
    graderModel: options.graderModel ?? MATH_GRADER_DEFAULT,
  };
}

function otisMockAime(options: TaskOptions): TaskBody {
  taskArgs('otis_mock_aime', options, {});
  const repo = 'lvogel123/otis-mock-aime-24-25';
  return {
    dataset: fileDataset('otis_mock_aime', repo, hfParquetShard(repo, 'default', 'train'), (record, index) => {
      const annotations = recordGet(record, 'annotations', {});
      const isDict = typeof annotations === 'object' && annotations !== null && !Array.isArray(annotations);
      const topic = isDict ? ((annotations as Record<string, unknown>).mathematical_topic ?? '') : '';
      return {
        id: autoId(index),
        input: pyFormat(MOCK_AIME_PROMPT, { question: stringField(record, 'question') }),
        target: String(recordGet(record, 'answer', '')),
        metadata: { year: recordGet(record, 'year', ''), mathematical_topic: topic, annotations },
      };
    }),
    config: { temperature: 0.0, max_tokens: 8192 },
    scorer: createOtisMockAimeScorer(),
    metrics: [accuracy(), stderr(), std(), grouped('mathematical_topic', [accuracy(), stderr(), std()])],
    graderModel: options.graderModel ?? MATH_GRADER_DEFAULT,
  };
}

export const GRADED_MATH_TASKS = [
  generativeTask({
    name: 'otis_mock_aime',
    display_name: 'MockAIME (2024-2025)',
    category: 'math',
    description: 'Otis Mock AIME - a benchmark from the OTIS Mock AIME 2024-2025 exams',
    tags: ['aime', 'problem-solving', 'math', '2024-2025'],
    sample_count: null,
    dataset: { source: 'hf:lvogel123/otis-mock-aime-24-25' },
    scorer: SCORER.llmGraded,
    requirements: { grader_model: MATH_GRADER_DEFAULT },
  }, otisMockAime),
  generativeTask({
    name: 'smt',
    display_name: 'SMT 2024',
    category: 'math',
    description: 'Stanford Math Tournament 2024 - competition math problems across multiple categories',
    tags: ['smt', 'problem-solving', 'math', 'competition', '2024'],
    sample_count: null,
    dataset: { source: 'hf:nmayorga7/smt-2024' },
    scorer: SCORER.llmGraded,
    requirements: { grader_model: MATH_GRADER_DEFAULT },
  }, smt),
];
