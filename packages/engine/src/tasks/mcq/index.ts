/** The openbench multiple-choice benchmarks this engine runs; each task file holds its catalog entry. */
import type { BenchmarkTask } from '../task.types';
import { agievalTasks } from './agieval.task';
import { anliTasks } from './anli.task';
import { arabicExamsTasks } from './arabic-exams.task';
import { arcChallengeTask, arcEasyTask } from './arc.task';
import { BBH_TASKS } from './bbh.task';
import { bbqTasks } from './bbq.task';
import { BIGBENCH_MCQ_TASKS } from './bigbench.task';
import { blimpTasks } from './blimp.task';
import { boolqTask } from './boolq.task';
import { ethicsTasks } from './ethics.task';
import { gpqaDiamondTask } from './gpqa-diamond.task';
import { globalMmluTasks } from './global-mmlu.task';
import { glueTasks } from './glue.task';
import { gpqaTask } from './gpqa.task';
import { headqaTasks } from './headqa.task';
import { hellaswagTask } from './hellaswag.task';
import { legalsupportTask } from './legalsupport.task';
import { logiqaTask } from './logiqa.task';
import { mathQaTask } from './math-qa.task';
import { medmcqaTask } from './medmcqa.task';
import { medqaTask } from './medqa.task';
import { mmluProTask } from './mmlu-pro.task';
import { mmluReduxTask } from './mmlu-redux.task';
import { mmluTask } from './mmlu.task';
import { mmmluTasks } from './mmmlu.task';
import { musrTasks } from './musr.task';
import { openbookqaTask } from './openbookqa.task';
import { piqaTask } from './piqa.task';
import { prostTask } from './prost.task';
import { qa4mreTasks } from './qa4mre.task';
import { qasperLlTask } from './qasper.task';
import { rootlyGmcqTask, rootlyTerraformTask } from './rootly.task';
import { pubmedqaTask } from './pubmedqa.task';
import { raceTasks } from './race.task';
import { sciqTask } from './sciq.task';
import { socialIqaTask } from './social-iqa.task';
import { superglueTasks } from './superglue.task';
import { supergpqaTask } from './supergpqa.task';
import { swagTask } from './swag.task';
import { toxigenTask } from './toxigen.task';
import { truthfulqaTask } from './truthfulqa.task';
import { tumluTask } from './tumlu.task';
import { winograndeTask } from './winogrande.task';
import { wsc273Task } from './wsc273.task';
import { xcopaTasks } from './xcopa.task';
import { xstoryclozeTasks } from './xstorycloze.task';
import { xwinogradTasks } from './xwinograd.task';

export const MCQ_BENCHMARKS: readonly BenchmarkTask[] = [
  mmluTask,
  mmluProTask,
  gpqaDiamondTask,
  gpqaTask,
  hellaswagTask,
  arcEasyTask,
  arcChallengeTask,
  truthfulqaTask,
  tumluTask,
  winograndeTask,
  boolqTask,
  piqaTask,
  openbookqaTask,
  sciqTask,
  medqaTask,
  pubmedqaTask,
  socialIqaTask,
  supergpqaTask,
  ...superglueTasks,
  ...globalMmluTasks,
  ...glueTasks,
  ...mmmluTasks,
  ...musrTasks,
  medmcqaTask,
  ...headqaTasks,
  legalsupportTask,
  logiqaTask,
  mathQaTask,
  swagTask,
  toxigenTask,
  ...anliTasks,
  ...BBH_TASKS,
  ...BIGBENCH_MCQ_TASKS,
  ...arabicExamsTasks,
  wsc273Task,
  prostTask,
  ...xcopaTasks,
  ...xwinogradTasks,
  ...xstoryclozeTasks,
  ...qa4mreTasks,
  mmluReduxTask,
  ...ethicsTasks,
  ...blimpTasks,
  ...bbqTasks,
  ...agievalTasks,
  qasperLlTask,
  rootlyGmcqTask,
  rootlyTerraformTask,
  ...raceTasks,
];
