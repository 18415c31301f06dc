/** openbench `gsm8k` (`src/openbench/evals/gsm8k.py`). */
import { accuracy, stderr } from '../../metrics';
import { createGradeSchoolMathScorer } from '../../scorers';
import { pyFormat, pyStrip } from '../../scorers/python-text.util';
import { SCORER } from '../../catalog/benchmark.entry';
import type { TaskOptions } from '../task.types';
import { hfParquetShard } from '../shared/hf-parquet.source';
import { autoId, fileDataset, stringField } from './record-dataset.util';
import { generativeTask, taskArgs, type TaskBody } from './task-definition.util';

export const GSM8K_PROMPT_TEMPLATE = `Solve this math problem. Give the reasoning steps before giving the final answer on the last line by itself in the format of "Answer:". Do not add anything other than the integer answer after "Answer:".

{question}`;

/** `answer.split("####")[-1].strip()`; JavaScript's split, like Python's, cuts left to right without overlaps. */
function finalAnswer(solution: string): string {
  return pyStrip(solution.split('####').at(-1) as string);
}

function gsm8k(options: TaskOptions): TaskBody {
  const { split } = taskArgs('gsm8k', options, { split: 'test' });
  // hf_dataset("gsm8k", data_dir="main") reads the files under main/, which are exactly the Hub's `main` config.
  const source = hfParquetShard('openai/gsm8k', 'main', split);
  return {
    dataset: fileDataset('gsm8k', 'gsm8k', source, (record, index) => ({
      id: autoId(index),
      input: pyFormat(GSM8K_PROMPT_TEMPLATE, { question: stringField(record, 'question') }),
      target: finalAnswer(stringField(record, 'answer')),
      metadata: { answer_prefix: 'Answer' },
    })),
    config: { temperature: 0.0, max_tokens: 2048 },
    scorer: createGradeSchoolMathScorer(),
    metrics: [accuracy(), stderr()],
  };
}

export const gsm8kTask = generativeTask({
  name: 'gsm8k',
  display_name: 'GSM8K',
  category: 'core',
  description:
    'Grade School Math 8K - 8,500 diverse grade school math word problems requiring multi-step reasoning',
  tags: ['math', 'reasoning', 'chain-of-thought', 'word-problems'],
  sample_count: 1319, // test split; shared/datasets/gsm8k/test.jsonl
  dataset: { source: 'hf:gsm8k', subset: 'main', split: 'test' },
  scorer: SCORER.numericAnswer,
  featured: true,
}, gsm8k);
