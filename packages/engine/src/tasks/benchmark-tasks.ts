/**
 * Every benchmark this engine runs, each with its catalog entry. The task registry resolves names against this list
 * and the catalog serves these entries as runnable; a new benchmark is added to its family's list.
 */
import type { BenchmarkTask } from './task.types';
import { CODE_BENCHMARKS } from './code';
import { GENERATIVE_BENCHMARKS } from './generative';
import { INSTRUCTION_BENCHMARKS } from './instruction';
import { MCQ_BENCHMARKS } from './mcq';
import { STRUCTURE_BENCHMARKS } from './structure';
import { VISION_BENCHMARKS } from './vision';

export const BENCHMARK_TASKS: readonly BenchmarkTask[] = [
  ...MCQ_BENCHMARKS,
  ...GENERATIVE_BENCHMARKS,
  ...CODE_BENCHMARKS,
  ...INSTRUCTION_BENCHMARKS,
  ...STRUCTURE_BENCHMARKS,
  ...VISION_BENCHMARKS,
];
