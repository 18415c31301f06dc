/**
 * openbench's MathArena `aime_2025` (`src/openbench/evals/matharena/aime_2025/aime_2025.py` and
 * `matharena/matharena.py`): the instruction is prepended by `prompt_template`, four epochs at
 * temperature 0.6, scored by `aime_scorer`.
 */
import { accuracy, std, stderr } from '../../metrics';
import { createAimeScorer } from '../../scorers';
import { matharena } from '../../catalog/benchmark.entry';
import type { TaskOptions } from '../task.types';
import { hfParquetShard } from '../shared/hf-parquet.source';
import { fileDataset, stringField } from './record-dataset.util';
import { generativeTask, taskArgs, type TaskBody } from './task-definition.util';

/**
 * The instruction after `prompt_template` has formatted it: upstream writes `\\boxed{{}}` in a
 * Python string, which is `\boxed{}` once the template's `{{}}` is formatted.
 */
export const AIME_INSTRUCTION =
  'Please reason step by step, and put your final answer within \\boxed{}.\nThe answer is an integer between 0 and 999 inclusive.';

const EXCLUDED_FROM_METADATA = new Set(['problem', 'answer', 'problem_idx']);

/** `matharena_record_to_sample`: id from `problem_idx`, the target as `str(answer)`, other columns as metadata. */
function problemId(value: unknown): number | string {
  if (typeof value === 'number' || typeof value === 'string') return value;
  throw new Error('MathArena record has no problem_idx');
}

function aime2025(options: TaskOptions): TaskBody {
  taskArgs('aime_2025', options, {});
  const repo = 'MathArena/aime_2025';
  return {
    dataset: fileDataset('aime_2025', repo, hfParquetShard(repo, 'default', 'train'), (record) => ({
      id: problemId(record.problem_idx),
      // `TEMPLATE = instruction + "\n\n" + "{prompt}"`; the problem is substituted, never re-formatted.
      input: `${AIME_INSTRUCTION}\n\n${stringField(record, 'problem')}`,
      target: String(record.answer),
      metadata: Object.fromEntries(Object.entries(record).filter(([key]) => !EXCLUDED_FROM_METADATA.has(key))),
    })),
    config: { temperature: 0.6, max_tokens: 8000 },
    epochs: 4,
    scorer: createAimeScorer(),
    metrics: [accuracy(), std(), stderr()],
  };
}

export const aime2025Task = generativeTask(
  matharena('aime_2025', 'AIME 2025', 'American Invitational Mathematics Examination 2025',
    ['math', 'competition', 'aime', '2025'], 30, { surfaced: true }),
  aime2025,
);
