/** openbench's vision benchmarks this engine runs (images sent inline); each task file holds its catalog entry. */
import type { BenchmarkTask } from '../task.types';
import { chartqaproTask } from './chartqapro.task';
import { clockbenchTask } from './clockbench.task';
import { MMMU_PRO_TASKS } from './mmmu-pro.task';
import { HLE_TASKS } from './hle.task';
import { mathvistaTask } from './mathvista.task';
import { ocrbenchv2Task } from './ocrbenchv2.task';
import { mmstarTask } from './mmstar.task';
import { MMMU_TASKS } from './mmmu.task';
import { mmvetv2Task } from './mmvetv2.task';
import { rocketscienceTask } from './rocketscience.task';

export const VISION_BENCHMARKS: readonly BenchmarkTask[] = [...MMMU_TASKS, ...MMMU_PRO_TASKS, rocketscienceTask, mmstarTask, ...HLE_TASKS, mmvetv2Task, clockbenchTask, chartqaproTask, mathvistaTask, ocrbenchv2Task];
