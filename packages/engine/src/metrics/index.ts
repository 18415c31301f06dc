/** Inspect and openbench metrics, computed as Inspect logs them. */
export { accuracy } from './accuracy.metric';
export { computeMetrics, metricsUniqueKey, type MetricResults } from './compute-metrics';
export { dropMetrics } from './drop.metric';
export { graphwalksMetrics, graphwalksTokenCounts } from './graphwalks.metric';
export { grouped, type GroupedOptions } from './grouped.metric';
export { healthbenchMetrics } from './healthbench.metric';
export { hleMetrics } from './hle.metric';
export { ifevalMetrics } from './ifeval.metric';
export { mmvetv2CapabilityMetrics } from './mmvetv2.metric';
export { multichallengeMetrics } from './multichallenge.metric';
export { simpleqaMetrics } from './simpleqa.metric';
export { mean, strongRejectMetrics } from './strong-reject.metric';
export { meanOf, numpyMean, numpySampleStd, numpyStd } from './statistics.util';
export { std, stderr } from './std.metric';
export { valueToFloat } from './value-to-float.util';
export { type Interval, wilsonInterval } from './wilson.util';
export { comparePaired, isCorrectScore, mcnemarExactPValue, pairedBootstrapDifference, PAIRED_BOOTSTRAP_CONFIDENCE, PAIRED_BOOTSTRAP_RESAMPLES, PAIRED_BOOTSTRAP_SEED, type BootstrapInterval, type BootstrapOptions, type PairedComparison } from './paired.stats';
export { mulberry32 } from './random.util';
