/** openbench's code-execution benchmarks: the model's code runs in the engine's sandbox (`src/sandbox`). */
import type { BenchmarkTask } from '../task.types';
import { humanevalTask } from './humaneval.task';
import { mbppTask } from './mbpp.task';
import { scicodeTask } from './scicode.task';

export const CODE_BENCHMARKS: readonly BenchmarkTask[] = [humanevalTask, mbppTask, scicodeTask];
