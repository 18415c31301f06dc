/** Names for the generated wire shapes (src/api/schema.gen.ts, from the gateway's OpenAPI document). */
import type { components, operations } from './schema.gen';

type S = components['schemas'];
export type RunSummary = S['RunSummary'];
export type RunDetail = S['RunDetail'];
export type RunCreate = S['RunCreate'];
/** What a run and a suite share: every field of a run but what is run. */
export type RunOptions = Omit<RunCreate, 'benchmark' | 'model'>;
export type SuiteCreate = S['SuiteCreate'];
export type ScheduleCreate = S['ScheduleCreate'];
export type ScheduleSummary = S['ScheduleSummary'];
export type SuiteDetail = S['SuiteDetail'];
export type SuiteSummary = S['SuiteSummary'];
export type SuiteCell = S['SuiteCell'];
export type SuiteStatus = S['SuiteStatus'];
export type RunStatus = S['RunStatusName'];
export type RunConfigView = S['RunConfigView'];
export type MetricSummary = S['MetricSummary'];
export type GroupBreakdown = S['GroupBreakdown'];
export type Benchmark = S['Benchmark'];
export type BenchmarkGroup = S['BenchmarkGroup'];
export type GroupSummary = S['GroupSummary'];
export type ProviderPublic = S['ProviderPublic'];
export type ApiKeyPublic = S['ApiKeyPublic'];
export type ApiKeyCreate = S['ApiKeyCreate'];
export type ServiceKeyPublic = S['ServiceKeyPublic'];
export type ScoringServicePublic = S['ScoringServicePublic'];
export type ProviderModels = S['ProviderModels'];
export type ErrorBody = S['ErrorBody'];
export type BulkDeleteResponse = S['BulkDeleteResponse'];
export type VersionResponse = S['VersionResponse'];
export type ListRunsQuery = NonNullable<operations['listRuns']['parameters']['query']>;

export const RUN_STATUSES: readonly RunStatus[] = ['queued', 'running', 'completed', 'failed', 'canceled'];
export const isActive = (status: RunStatus) => status === 'queued' || status === 'running';
export type RunSample = S['RunSample'];
export type RunSamplesResponse = S['RunSamplesResponse'];
export type SampleVerdict = S['SampleVerdict'];
export type SampleVerdictFilter = S['SampleVerdictFilter'];
export type CompareResponse = S['CompareResponse'];
export type ComparePair = S['ComparePair'];
export type CompareRun = S['CompareRun'];
export type LeaderboardEntry = S['LeaderboardEntry'];
export type StatsSummary = S['StatsSummary'];
export type StatsDay = S['StatsDay'];
