export {
  mergeGenerateConfig,
  runEval,
  type EvalRunResult,
  type EvalRunStatus,
  type FinishedSample,
  type RunEvalOptions,
  type RunProgress,
} from './eval.runner';
export { scoreResults, type EpochReduction, type EpochScore, type ScoreResults, type ScoreResultsOptions } from './results';
export { planSamples, sampleKey, type PlanOptions, type SampleLimit, type WorkItem } from './sample-plan';
