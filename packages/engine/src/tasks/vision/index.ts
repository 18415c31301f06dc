/** openbench's vision benchmarks this engine runs (images sent inline); each task file holds its catalog entry. */
import type { BenchmarkTask } from '../task.types';
import { HLE_TASKS } from './hle.task';
import { MMMU_PRO_TASKS } from './mmmu-pro.task';
import { MMMU_TASKS } from './mmmu.task';
import { mmvetv2Task } from './mmvetv2.task';

export const VISION_BENCHMARKS: readonly BenchmarkTask[] = [...MMMU_TASKS, ...MMMU_PRO_TASKS, mmvetv2Task, ...HLE_TASKS];
