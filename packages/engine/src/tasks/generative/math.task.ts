/** openbench `math` and `math_500` (`src/openbench/evals/math.py`, `datasets/math.py`): answers judged by a grader model. */
import type { DatasetSource } from '@studio/datasets';
import { accuracy, stderr } from '../../metrics';
import { createMathScorer } from '../../scorers';
import { pyFormat } from '../../scorers/python-text.util';
import { SIMPLE_EVALS, subtaskOf, type BenchmarkEntry } from '../../catalog/benchmark.entry';
import type { BenchmarkTask, TaskOptions } from '../task.types';
import { autoId, fileDataset, stringField } from './record-dataset.util';
import { generativeTask, graderModelFor, taskArgs, type TaskBody } from './task-definition.util';

/** simple-evals' `QUERY_TEMPLATE`; the `\boxed` is a literal backslash. */
export const MATH_QUERY_TEMPLATE = `Solve the following math problem step by step. The last line of your response should be of the form Answer: $ANSWER (without quotes) where $ANSWER is the answer to the problem.

{problem}

Remember to put your answer on its own line after "Answer:", and you do not need to use a \\boxed command.`;

export const MATH_DEFAULT_GRADER = 'openai/gpt-4-turbo-preview';

/** The simple-evals CSV of a split: `math_test` (5,000 problems) or `math_500_test`. */
export function mathSource(split: 'math_test' | 'math_500_test'): DatasetSource {
  return { url: `${SIMPLE_EVALS}/${split}.csv`, format: 'csv' };
}

function mathTask(name: 'math' | 'math_500', split: 'math_test' | 'math_500_test'): (options: TaskOptions) => TaskBody {
  return (options) => {
    const args = taskArgs(name, options, { grader_model: MATH_DEFAULT_GRADER });
    const source = mathSource(split);
    return {
      dataset: fileDataset(split, source.url, source, (record, index) => ({
        id: autoId(index),
        input: pyFormat(MATH_QUERY_TEMPLATE, { problem: stringField(record, 'Question') }),
        target: stringField(record, 'Answer'),
        metadata: {},
      })),
      // Only max_tokens: the temperature is the model's (or the run's) own.
      config: { max_tokens: 8192 },
      scorer: createMathScorer(),
      metrics: [accuracy(), stderr()],
      graderModel: graderModelFor(options, args),
    };
  };
}

const MATH: BenchmarkEntry = {
  name: 'math',
  display_name: 'MATH',
  category: 'core',
  description:
    'Measuring Mathematical Problem Solving - 5000 competition math problems across 7 subjects and 5 difficulty levels',
  tags: ['math', 'problem-solving', 'reasoning', 'competition', 'graded'],
  sample_count: 5000, // openbench's description
  dataset: { source: mathSource('math_test').url },
  scorer: 'Answer: + LLM equivalence',
  requirements: { grader_model: MATH_DEFAULT_GRADER },
};

export const MATH_TASKS: readonly BenchmarkTask[] = [
  generativeTask(MATH, mathTask('math', 'math_test')),
  generativeTask(
    subtaskOf(MATH, {
      name: 'math_500',
      display_name: 'MATH-500',
      category: 'core',
      description: '500-problem subset of MATH dataset for faster evaluation of mathematical problem solving',
      tags: ['math', 'problem-solving', 'reasoning', 'competition', 'graded', 'subset'],
      sample_count: 500, // shared/datasets/math500/test.jsonl
      dataset: { source: mathSource('math_500_test').url },
      featured: true,
      surfaced: true,
    }),
    mathTask('math_500', 'math_500_test'),
  ),
];
