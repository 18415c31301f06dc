/**
 * openbench's MathArena competitions (`src/openbench/evals/matharena/<key>/<key>.py` and `matharena/matharena.py`):
 * the instruction is prepended by `prompt_template`, four epochs at temperature 0.6, scored by `aime_scorer`, also for
 * HMMT and BRUMO, whose answers are not always integers (upstream scores those with the AIME scorer as well).
 */
import { accuracy, std, stderr } from '../../metrics';
import { createAimeScorer } from '../../scorers';
import { matharena } from '../../catalog/benchmark.entry';
import type { BenchmarkTask, TaskOptions } from '../task.types';
import { hfParquetShard } from '../shared/hf-parquet.source';
import { fileDataset, stringField } from './record-dataset.util';
import { generativeTask, taskArgs, type TaskBody } from './task-definition.util';

/**
 * The instructions after `prompt_template` has formatted them: upstream writes `\\boxed{{}}` in a Python string,
 * which is `\boxed{}` once the template's `{{}}` is formatted.
 */
export const BOXED_INSTRUCTION = 'Please reason step by step, and put your final answer within \\boxed{}.';
export const AIME_INSTRUCTION = `${BOXED_INSTRUCTION}\nThe answer is an integer between 0 and 999 inclusive.`;

const EXCLUDED_FROM_METADATA = new Set(['problem', 'answer', 'problem_idx']);

/** `matharena_record_to_sample`: id from `problem_idx`, the target as `str(answer)`, other columns as metadata. */
function problemId(value: unknown): number | string {
  if (typeof value === 'number' || typeof value === 'string') return value;
  throw new Error('MathArena record has no problem_idx');
}

interface Competition {
  /** `dataset_path` of the task file. */
  readonly repo: string;
  readonly instruction: string;
  /** `default_max_tokens`; every set uses temperature 0.6 and 4 epochs. */
  readonly maxTokens: number;
}

function matharenaTask(name: string, { repo, instruction, maxTokens }: Competition) {
  return (options: TaskOptions): TaskBody => {
    taskArgs(name, options, {});
    return {
      dataset: fileDataset(name, repo, hfParquetShard(repo, 'default', 'train'), (record) => ({
        id: problemId(record.problem_idx),
        // `TEMPLATE = instruction + "\n\n" + "{prompt}"`; the problem is substituted, never re-formatted.
        input: `${instruction}\n\n${stringField(record, 'problem')}`,
        target: String(record.answer),
        metadata: Object.fromEntries(Object.entries(record).filter(([key]) => !EXCLUDED_FROM_METADATA.has(key))),
      })),
      config: { temperature: 0.6, max_tokens: maxTokens },
      epochs: 4,
      scorer: createAimeScorer(),
      metrics: [accuracy(), std(), stderr()],
    };
  };
}

const aime = (repo: string): Competition => ({ repo, instruction: AIME_INSTRUCTION, maxTokens: 8000 });
const olympiad = (repo: string): Competition => ({ repo, instruction: BOXED_INSTRUCTION, maxTokens: 16000 });

const COMPETITIONS: readonly [Parameters<typeof matharena>, Competition][] = [
  [['aime_2023_I', 'AIME 2023 I', 'American Invitational Mathematics Examination 2023 (First)',
    ['math', 'competition', 'aime', '2023'], 15], aime('MathArena/aime_2023_I')],
  [['aime_2023_II', 'AIME 2023 II', 'American Invitational Mathematics Examination 2023 (Second)',
    ['math', 'competition', 'aime', '2023'], 15], aime('MathArena/aime_2023_II')],
  // Not a MathArena set: the two 2024 exams concatenated.
  [['aime_2024', 'AIME 2024', 'American Invitational Mathematics Examination 2024 (Combined I & II)',
    ['math', 'competition', 'aime', '2024', 'combined'], 30, { source: 'hf:AarushSah/aime2024', surfaced: true }],
  aime('AarushSah/aime2024')],
  [['aime_2024_I', 'AIME 2024 I', 'American Invitational Mathematics Examination 2024 (First)',
    ['math', 'competition', 'aime', '2024'], 15], aime('MathArena/aime_2024_I')],
  [['aime_2024_II', 'AIME 2024 II', 'American Invitational Mathematics Examination 2024 (Second)',
    ['math', 'competition', 'aime', '2024'], 15], aime('MathArena/aime_2024_II')],
  [['aime_2025', 'AIME 2025', 'American Invitational Mathematics Examination 2025',
    ['math', 'competition', 'aime', '2025'], 30, { surfaced: true }], aime('MathArena/aime_2025')],
  [['aime_2025_II', 'AIME 2025 II', 'American Invitational Mathematics Examination 2025 (Second)',
    ['math', 'competition', 'aime', '2025'], 15], aime('MathArena/aime_2025_II')],
  [['brumo_2025', 'BRUMO 2025', 'Bruno Mathematical Olympiad 2025',
    ['math', 'competition', 'olympiad', '2025'], 30], olympiad('MathArena/brumo_2025')],
  [['hmmt_feb_2023', 'HMMT Feb 2023', 'Harvard-MIT Mathematics Tournament February 2023',
    ['math', 'competition', 'hmmt', '2023'], 30], olympiad('MathArena/hmmt_feb_2023')],
  [['hmmt_feb_2024', 'HMMT Feb 2024', 'Harvard-MIT Mathematics Tournament February 2024',
    ['math', 'competition', 'hmmt', '2024'], 30], olympiad('MathArena/hmmt_feb_2024')],
  [['hmmt_feb_2025', 'HMMT Feb 2025', 'Harvard-MIT Mathematics Tournament February 2025',
    ['math', 'competition', 'hmmt', '2025'], 30], olympiad('MathArena/hmmt_feb_2025')],
];

export const MATHARENA_TASKS: readonly BenchmarkTask[] = COMPETITIONS.map(([entry, competition]) =>
  generativeTask(matharena(...entry), matharenaTask(entry[0], competition)),
);
