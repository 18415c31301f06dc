/** openbench's instruction-following benchmarks, scored by its instruction checkers (`scorers/ifeval.*`, `scorers/ifbench.*`). */
import type { BenchmarkTask } from '../task.types';
import { ifbenchTask } from './ifbench.task';
import { ifevalTask } from './ifeval.task';

export const INSTRUCTION_BENCHMARKS: readonly BenchmarkTask[] = [ifevalTask, ifbenchTask];
