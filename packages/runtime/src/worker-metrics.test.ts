import { Registry } from 'prom-client';
import { WorkerMetrics, classifyModelCallError } from './worker-metrics';

const providerError = (kind: string, status?: number) => Object.assign(new Error(kind), { name: 'ProviderError', kind, status });

test.each([
  [providerError('rate_limit', 429), '429'],
  [providerError('server', 503), '5xx'],
  [providerError('server'), '5xx'],
  [providerError('timeout'), 'timeout'],
  [providerError('timeout', 408), 'timeout'],
  [providerError('network'), 'network'],
  [providerError('auth', 401), '4xx'],
  [providerError('bad_request', 400), '4xx'],
  [providerError('not_found'), '4xx'],
  [new Error('boom'), 'other'],
  ['a string', 'other'],
  [providerError('aborted'), null],
])('classifies %p as %p', (error, cls) => {
  expect(classifyModelCallError(error)).toBe(cls);
});

async function values(registry: Registry, name: string): Promise<{ labels: Record<string, string | number>; value: number }[]> {
  const metric = await registry.getSingleMetric(name)!.get();
  return metric.values.map((v) => ({ labels: v.labels as Record<string, string | number>, value: v.value }));
}

test('model calls are timed by provider and outcome; failed attempts are counted by class, retried ones too', async () => {
  const registry = new Registry();
  const metrics = new WorkerMetrics(registry, { activeRuns: () => 3, concurrency: 4 });
  expect(await metrics.observeModelCall('openai', async () => 'ok')).toBe('ok');
  metrics.modelCallRetried('openai', providerError('rate_limit', 429));
  metrics.modelCallRetried('openai', providerError('rate_limit', 429));
  await expect(metrics.observeModelCall('openai', async () => Promise.reject(providerError('server', 502)))).rejects.toThrow('server');
  await expect(metrics.observeModelCall('groq', async () => Promise.reject(providerError('aborted')))).rejects.toThrow('aborted');

  const errors = await values(registry, 'openbench_model_call_errors_total');
  expect(errors).toEqual(
    expect.arrayContaining([
      { labels: { provider: 'openai', class: '429' }, value: 2 },
      { labels: { provider: 'openai', class: '5xx' }, value: 1 },
    ]),
  );
  expect(errors.some((e) => e.labels.provider === 'groq')).toBe(false);
  const counts = (await values(registry, 'openbench_model_call_duration_seconds')).filter((v) => v.labels.le === '+Inf');
  expect(counts).toEqual(
    expect.arrayContaining([
      { labels: { provider: 'openai', outcome: 'ok', le: '+Inf' }, value: 1 },
      { labels: { provider: 'openai', outcome: 'error', le: '+Inf' }, value: 1 },
    ]),
  );
  expect(counts.some((c) => c.labels.provider === 'groq')).toBe(false);
});

test('samples, finished runs, active runs and slots', async () => {
  const registry = new Registry();
  let active = 1;
  const metrics = new WorkerMetrics(registry, { activeRuns: () => active, concurrency: 2 });
  metrics.samplesFinished('mmlu', 5);
  metrics.samplesFinished('mmlu');
  metrics.samplesFinished('gsm8k', 0);
  metrics.runFinished('completed');
  metrics.runFinished('failed');
  metrics.runFinished('failed');
  active = 2;
  expect(await values(registry, 'openbench_worker_samples_total')).toEqual([{ labels: { benchmark: 'mmlu' }, value: 6 }]);
  expect(await values(registry, 'openbench_worker_runs_finished_total')).toEqual(
    expect.arrayContaining([
      { labels: { status: 'completed' }, value: 1 },
      { labels: { status: 'failed' }, value: 2 },
    ]),
  );
  expect(await values(registry, 'openbench_worker_runs_active')).toEqual([{ labels: {}, value: 2 }]);
  expect(await values(registry, 'openbench_worker_run_slots')).toEqual([{ labels: {}, value: 2 }]);
});
