/** openbench's free-answer benchmarks this engine runs; each task file holds its catalog entry. */
import type { BenchmarkTask } from '../task.types';
import { aime2025Task } from './aime.task';
import { dropTask } from './drop.task';
import { gsm8kTask } from './gsm8k.task';
import { MATH_TASKS } from './math.task';
import { MGSM_TASKS } from './mgsm.task';
import { naturalQuestionsTask } from './natural-questions.task';
import { simpleqaTask } from './simpleqa.task';
import { squadV2Task } from './squad-v2.task';
import { triviaqaTask } from './triviaqa.task';

export const GENERATIVE_BENCHMARKS: readonly BenchmarkTask[] = [
  gsm8kTask,
  ...MGSM_TASKS,
  dropTask,
  naturalQuestionsTask,
  triviaqaTask,
  squadV2Task,
  simpleqaTask,
  ...MATH_TASKS,
  aime2025Task,
];
