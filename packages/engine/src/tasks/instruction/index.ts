/** openbench's instruction-following benchmarks, scored by its instruction checkers (`scorers/ifeval.*`). */
import type { BenchmarkTask } from '../task.types';
import { ifevalTask } from './ifeval.task';

export const INSTRUCTION_BENCHMARKS: readonly BenchmarkTask[] = [ifevalTask];
