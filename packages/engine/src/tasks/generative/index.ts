/** openbench's free-answer benchmarks this engine runs; each task file holds its catalog entry. */
import type { BenchmarkTask } from '../task.types';
import { ARC_AGI_TASKS } from './arc-agi.task';
import { browsecompTask } from './browsecomp.task';
import { deepResearchBenchTask } from './deep-research/deep-research-bench.task';
import { detailbenchTask } from './detailbench.task';
import { dropTask } from './drop.task';
import { factscoreTask } from './factscore.task';
import { gptOssAime25Task } from './gpt-oss-aime.task';
import { GRADED_MATH_TASKS } from './graded-math.task';
import { GRAPHWALKS_TASKS } from './graphwalks.task';
import { GSM_PLUS_TASKS } from './gsm-plus.task';
import { gsm8kTask } from './gsm8k.task';
import { HEALTHBENCH_TASKS } from './healthbench.task';
import { MATH_TASKS } from './math.task';
import { MATHARENA_TASKS } from './matharena.task';
import { M2S_TASKS } from './m2s.task';
import { MGSM_TASKS } from './mgsm.task';
import { multichallengeTask } from './multichallenge.task';
import { naturalQuestionsTask } from './natural-questions.task';
import { POLITICAL_EVENHANDEDNESS_TASKS } from './political-evenhandedness.task';
import { POLYGLOTOXICITY_TASKS } from './polyglotoxicity.task';
import { sealqaTask } from './sealqa.task';
import { simpleqaVerifiedTask } from './simpleqa-verified.task';
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
  simpleqaVerifiedTask,
  sealqaTask,
  browsecompTask,
  ...HEALTHBENCH_TASKS,
  multichallengeTask,
  detailbenchTask,
  ...M2S_TASKS,
  ...GRAPHWALKS_TASKS,
  ...MATH_TASKS,
  ...MATHARENA_TASKS,
  gptOssAime25Task,
  ...GSM_PLUS_TASKS,
  ...GRADED_MATH_TASKS,
  ...ARC_AGI_TASKS,
  ...POLITICAL_EVENHANDEDNESS_TASKS,
  ...POLYGLOTOXICITY_TASKS,
  factscoreTask,
  deepResearchBenchTask,
];
