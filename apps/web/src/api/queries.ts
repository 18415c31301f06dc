/** Server state: one query or mutation per API operation the pages use, with shared cache keys. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from './client';
import type { ApiKeyCreate, ListRunsQuery, RunCreate, RunDetail, SampleVerdictFilter, ScheduleCreate, SuiteCreate } from './types';
import { isActive } from './types';

export const keys = {
  me: ['me'] as const,
  version: ['version'] as const,
  providers: ['providers'] as const,
  apiKeys: ['api-keys'] as const,
  serviceKeys: ['service-keys'] as const,
  scoringServices: ['scoring-services'] as const,
  models: ['available-models'] as const,
  benchmarks: ['benchmarks'] as const,
  runs: (q?: ListRunsQuery) => (q ? (['runs', q] as const) : (['runs'] as const)),
  run: (id: string) => ['run', id] as const,
  tags: ['run-tags'] as const,
  suites: (page?: number) => (page ? (['suites', page] as const) : (['suites'] as const)),
  suite: (id: string) => ['suite', id] as const,
  schedules: ['schedules'] as const,
};

export const useMe = (enabled = true) => useQuery({ queryKey: keys.me, queryFn: () => call(api.GET('/auth/me')), enabled, staleTime: 60_000 });
export const useVersion = () => useQuery({ queryKey: keys.version, queryFn: () => call(api.GET('/version')), staleTime: Infinity });
export const useProviders = () => useQuery({ queryKey: keys.providers, queryFn: () => call(api.GET('/api-keys/providers')), staleTime: Infinity });
export const useApiKeys = () => useQuery({ queryKey: keys.apiKeys, queryFn: () => call(api.GET('/api-keys')) });
export const useScoringServices = () =>
  useQuery({ queryKey: keys.scoringServices, queryFn: () => call(api.GET('/service-keys/services')), staleTime: Infinity });
export const useServiceKeys = () => useQuery({ queryKey: keys.serviceKeys, queryFn: () => call(api.GET('/service-keys')) });
export const useRunTags = () => useQuery({ queryKey: keys.tags, queryFn: () => call(api.GET('/runs/tags')), staleTime: 30_000 });

export const useAvailableModels = (enabled = true) =>
  useQuery({ queryKey: keys.models, queryFn: () => call(api.GET('/available-models')), enabled, staleTime: 5 * 60_000, retry: false });

export const useBenchmarks = () =>
  useQuery({
    queryKey: keys.benchmarks,
    queryFn: () => call(api.GET('/benchmarks', { params: { query: { include_subtasks: true, include_alpha: true } } })),
    staleTime: Infinity,
  });

/** One catalog entry; a user's dataset has none (404, not retried), so callers treat a missing entry as unknown. */
export const useBenchmark = (name: string) =>
  useQuery({
    queryKey: [...keys.benchmarks, name] as const,
    queryFn: () => call(api.GET('/benchmarks/{name}', { params: { path: { name } } })),
    staleTime: Infinity,
    retry: false,
  });

/** openbench's eval groups, each with its members' runnability (they change only with the server's build). */
export const useBenchmarkGroups = () =>
  useQuery({
    queryKey: ['benchmark-groups'] as const,
    queryFn: () => call(api.GET('/benchmark-groups')),
    staleTime: Infinity,
  });

/** A page of runs; refreshes every few seconds while any run on it is queued or running. */
export const useRuns = (query: ListRunsQuery) =>
  useQuery({
    queryKey: keys.runs(query),
    queryFn: () => call(api.GET('/runs', { params: { query } })),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.runs.some((r) => isActive(r.status)) ? 3000 : false),
  });

export const useRun = (runId: string, options: { poll?: boolean } = {}) =>
  useQuery({
    queryKey: keys.run(runId),
    queryFn: () => call(api.GET('/runs/{run_id}', { params: { path: { run_id: runId }, query: { log_lines: 200 } } })),
    refetchInterval: (q) => (options.poll && q.state.data && isActive(q.state.data.status) ? 3000 : false),
    retry: (count, error) => count < 2 && !(error instanceof Error && 'status' in error && (error as { status: number }).status === 404),
  });

export function useSaveApiKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ApiKeyCreate) => call(api.POST('/api-keys', { body })),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: keys.apiKeys }), qc.invalidateQueries({ queryKey: keys.models })]),
  });
}

export function useDeleteApiKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (provider: string) => call(api.DELETE('/api-keys/{provider}', { params: { path: { provider } } })),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: keys.apiKeys }), qc.invalidateQueries({ queryKey: keys.models })]),
  });
}

export function useSaveServiceKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ service, key }: { service: string; key: string }) => call(api.PUT('/service-keys/{service}', { params: { path: { service } }, body: { key } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.serviceKeys }),
  });
}

export function useDeleteServiceKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (service: string) => call(api.DELETE('/service-keys/{service}', { params: { path: { service } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.serviceKeys }),
  });
}

export function useCreateRun() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RunCreate) => call(api.POST('/runs', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.runs() }),
  });
}

export function useCancelRun(runId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => call(api.POST('/runs/{run_id}/cancel', { params: { path: { run_id: runId } } })),
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: keys.run(runId) }), qc.invalidateQueries({ queryKey: keys.runs() })]),
  });
}

export function useDeleteRun() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (runId: string) => call(api.DELETE('/runs/{run_id}', { params: { path: { run_id: runId } } })),
    onSuccess: (_d, runId) => {
      qc.removeQueries({ queryKey: keys.run(runId) });
      return qc.invalidateQueries({ queryKey: keys.runs() });
    },
  });
}

export function useBulkDeleteRuns() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (runIds: string[]) => call(api.POST('/runs/bulk-delete', { body: { run_ids: runIds } })),
    onSettled: () => qc.invalidateQueries({ queryKey: keys.runs() }),
  });
}

export function useUpdateTags(runId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (tags: string[]) => call(api.PATCH('/runs/{run_id}/tags', { params: { path: { run_id: runId } }, body: { tags } })),
    onSuccess: ({ tags }) => {
      qc.setQueryData<RunDetail>(keys.run(runId), (old) => (old ? { ...old, tags } : old));
      return Promise.all([qc.invalidateQueries({ queryKey: keys.tags }), qc.invalidateQueries({ queryKey: keys.runs() })]);
    },
  });
}

export function useUpdateNotes(runId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (notes: string | null) => call(api.PATCH('/runs/{run_id}/notes', { params: { path: { run_id: runId } }, body: { notes } })),
    onSuccess: ({ notes }) => {
      qc.setQueryData<RunDetail>(keys.run(runId), (old) => (old ? { ...old, notes } : old));
      return qc.invalidateQueries({ queryKey: keys.runs() });
    },
  });
}

export interface SampleFilter {
  verdict?: SampleVerdictFilter;
  search?: string;
}

export const samplesKey = (runId: string, filter: SampleFilter, page: number) => ['run-samples', runId, filter.verdict ?? '', filter.search ?? '', page] as const;

export const fetchSamplesPage = (runId: string, filter: SampleFilter, page: number, perPage: number) =>
  call(api.GET('/runs/{run_id}/samples', { params: { path: { run_id: runId }, query: { page, per_page: perPage, verdict: filter.verdict, search: filter.search || undefined } } }));

/** Given samples (by id, every epoch) of a run: the selected sample of a deep link, flipped samples of a comparison. */
export const useSamplesByIds = (runId: string, ids: string[], enabled = true) =>
  useQuery({
    queryKey: ['run-samples-by-id', runId, ids],
    queryFn: () => call(api.GET('/runs/{run_id}/samples', { params: { path: { run_id: runId }, query: { ids: ids.join(','), per_page: 500 } } })),
    enabled: enabled && ids.length > 0,
    staleTime: 60_000,
  });

export const useCompare = (ids: string[]) =>
  useQuery({
    queryKey: ['compare', ids],
    queryFn: () => call(api.GET('/runs/compare', { params: { query: { ids: ids.join(',') } } })),
    enabled: ids.length >= 2,
  });

export const useStatsSummary = () => useQuery({ queryKey: ['stats', 'summary'], queryFn: () => call(api.GET('/stats/summary')) });
export const useStatsHistory = (days: number) =>
  useQuery({ queryKey: ['stats', 'history', days], queryFn: () => call(api.GET('/stats/history', { params: { query: { days } } })), placeholderData: keepPreviousData });
export const useLeaderboard = (benchmark?: string) =>
  useQuery({ queryKey: ['stats', 'leaderboard', benchmark ?? ''], queryFn: () => call(api.GET('/stats/leaderboard', { params: { query: { benchmark } } })), placeholderData: keepPreviousData });

/** A page of your suites; refreshes every few seconds while one of them is running. */
export const useSuites = (page: number) =>
  useQuery({
    queryKey: keys.suites(page),
    queryFn: () => call(api.GET('/suites', { params: { query: { page, per_page: 50 } } })),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.suites.some((s) => s.status === 'running') ? 3000 : false),
  });

export const useSuite = (suiteId: string) =>
  useQuery({
    queryKey: keys.suite(suiteId),
    queryFn: () => call(api.GET('/suites/{suite_id}', { params: { path: { suite_id: suiteId } } })),
    retry: (count, error) => count < 2 && !(error instanceof Error && 'status' in error && (error as { status: number }).status === 404),
  });

export function useCreateSuite() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SuiteCreate) => call(api.POST('/suites', { body })),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: keys.suites() }), qc.invalidateQueries({ queryKey: keys.runs() })]),
  });
}

/** Cancel, retry or delete a suite; the suite and the lists are refreshed after. */
export function useSuiteAction(suiteId: string, action: 'cancel' | 'retry' | 'delete') {
  const qc = useQueryClient();
  const path = { params: { path: { suite_id: suiteId } } };
  return useMutation({
    mutationFn: (): Promise<unknown> =>
      action === 'delete'
        ? call(api.DELETE('/suites/{suite_id}', path))
        : action === 'cancel'
          ? call(api.POST('/suites/{suite_id}/cancel', path))
          : call(api.POST('/suites/{suite_id}/retry', path)),
    onSettled: () =>
      Promise.all([
        action === 'delete' ? qc.removeQueries({ queryKey: keys.suite(suiteId) }) : qc.invalidateQueries({ queryKey: keys.suite(suiteId) }),
        qc.invalidateQueries({ queryKey: keys.suites() }),
        qc.invalidateQueries({ queryKey: keys.runs() }),
      ]),
  });
}

/** The user's schedules (the first 100, newest first). */
export const useSchedules = () =>
  useQuery({ queryKey: keys.schedules, queryFn: () => call(api.GET('/schedules', { params: { query: { per_page: 100 } } })) });

export function useCreateSchedule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ScheduleCreate) => call(api.POST('/schedules', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.schedules }),
  });
}

/** Pause, resume or delete a schedule; the list is refreshed after. */
export function useScheduleAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ scheduleId, action }: { scheduleId: string; action: 'pause' | 'resume' | 'delete' }): Promise<unknown> => {
      const path = { params: { path: { schedule_id: scheduleId } } };
      return action === 'delete'
        ? call(api.DELETE('/schedules/{schedule_id}', path))
        : call(api.PATCH('/schedules/{schedule_id}', { ...path, body: { paused: action === 'pause' } }));
    },
    onSettled: () => qc.invalidateQueries({ queryKey: keys.schedules }),
  });
}
