/** openbench's structured-output and long-context benchmarks this engine runs; each task file holds its catalog entry. */
import type { BenchmarkTask } from '../task.types';
import { jsonschemabenchTask } from './jsonschemabench.task';
import { MRCR_TASKS } from './mrcr.task';

export const STRUCTURE_BENCHMARKS: readonly BenchmarkTask[] = [jsonschemabenchTask, ...MRCR_TASKS];
