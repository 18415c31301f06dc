export {
  canonicalBenchmarkName,
  catalogView,
  getBenchmark,
  listBenchmarks,
  withRunnable,
} from './benchmark.catalog';
export type {
  BenchmarkDataset,
  BenchmarkMeta,
  BenchmarkRequirements,
  ListBenchmarksOptions,
  RunnableBenchmarkMeta,
} from './benchmark.types';
export { evalGroupView, getEvalGroup, listEvalGroups, type EvalGroupMember, type EvalGroupView } from './eval-group.catalog';
export type { EvalGroupEntry } from './eval-groups.data';
