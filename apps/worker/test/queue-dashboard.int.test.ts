import { join } from 'node:path';
import { hfFileUrl } from '@studio/datasets';
import { listRunLogs } from '@studio/db';
import { WorkerHeartbeats } from '@studio/runtime';
import { freePort } from '../../../infra/test/app-process';
import { parsePrometheusText, sampleValue } from '../../../infra/test/prometheus-text';
import { startFakeChatModel } from '../../../packages/engine/test/fake-chat-model.server';
import { CODE_FIXTURES } from '../../../packages/engine/test/offline-cache.helper';
import { WorkerHarness, waitFor } from './worker.harness';

/**
 * What ops see of a worker: its queue jobs through BullMQ's own API (as bull-board reads them), its heartbeat in
 * Redis (GET /api/admin/workers) and its Prometheus metrics, each telling the same story as the run rows.
 */
const h = new WorkerHarness();
let metricsUrl: string;

beforeAll(async () => {
  await h.setup();
  const model = await h.startModel({ latencyMs: 40 });
  await h.saveKey(model.baseUrl);
  const app = await h.startWorker({ METRICS_PORT: String(await freePort()) });
  metricsUrl = app.metricsUrl!;
});
afterAll(() => h.teardown());

const job = (runId: string) => h.queue.getJob(runId);
const scrape = async () => parsePrometheusText(await (await fetch(`${metricsUrl}/metrics`)).text());

test('a completed run completes its job with status completed, its progress at 100', async () => {
  const before = await scrape();
  const runId = await h.createRun({ limit: 6, max_connections: 2 });
  await h.waitForStatus(runId, 'completed');
  const done = await waitFor('the job to complete', async () => ((await (await job(runId))?.getState()) === 'completed' ? job(runId) : undefined));
  expect(done.returnvalue).toEqual({ status: 'completed' });
  expect(done.progress).toBe(100);
  expect(done.name).toBe('mmlu · openai/fake-model');
  const after = await scrape();
  const moved = (name: string, labels: Record<string, string>) => sampleValue(after, name, labels) - sampleValue(before, name, labels);
  expect(moved('openbench_worker_samples_total', { benchmark: 'mmlu' })).toBe(6);
  expect(moved('openbench_worker_runs_finished_total', { status: 'completed' })).toBe(1);
  expect(moved('openbench_model_call_duration_seconds_count', { provider: 'openai', outcome: 'ok' })).toBe(6);
});

test('a failed run fails its job at once, with the run\'s error as failedReason; the error class is counted', async () => {
  const broken = await startFakeChatModel({ respond: () => ({ status: 401, body: { error: { message: 'bad key' } } }) });
  try {
    await h.saveKey(broken.baseUrl, 'groq');
    const before = await scrape();
    const runId = await h.createRun({ model: 'groq/fake-model', limit: 2, max_connections: 1 });
    const run = await h.waitForStatus(runId, 'failed');
    const failed = await waitFor('the job to fail', async () => ((await (await job(runId))?.getState()) === 'failed' ? job(runId) : undefined));
    expect(failed.failedReason).toBe(run.error);
    expect(failed.attemptsMade).toBe(1);
    const after = await scrape();
    expect(sampleValue(after, 'openbench_model_call_errors_total', { provider: 'groq', class: '4xx' }) - sampleValue(before, 'openbench_model_call_errors_total', { provider: 'groq', class: '4xx' })).toBeGreaterThanOrEqual(1);
    expect(sampleValue(after, 'openbench_worker_runs_finished_total', { status: 'failed' }) - sampleValue(before, 'openbench_worker_runs_finished_total', { status: 'failed' })).toBe(1);
  } finally {
    await broken.close();
  }
});

test('a canceled run completes its job with status canceled, told apart from a completed one', async () => {
  const { failed } = await h.queue.getJobCounts('failed');
  const runId = await h.createRun({ max_connections: 1 });
  await h.waitForStatus(runId, 'running');
  await h.requestCancel(runId);
  await h.waitForStatus(runId, 'canceled');
  const canceled = await waitFor('the job to complete', async () => ((await (await job(runId))?.getState()) === 'completed' ? job(runId) : undefined));
  expect(canceled.returnvalue).toEqual({ status: 'canceled' });
  expect(await h.queue.getJobCounts('failed')).toEqual({ failed });
});

test('the worker\'s heartbeat lists the run it holds while it runs it, and no run after', async () => {
  const heartbeats = new WorkerHeartbeats(h.redis, h.prefix);
  const runId = await h.createRun({ max_connections: 1 });
  await waitFor('the heartbeat to show the run', async () => (await heartbeats.list()).some((w) => w.runs.some((r) => r.run_id === runId)));
  const [beat] = (await heartbeats.list()).filter((w) => w.runs.length > 0);
  expect(beat).toMatchObject({ worker_id: 'in-process-1', concurrency: 1, draining: false, runs: [{ run_id: runId, since: expect.any(String) }] });
  await h.requestCancel(runId);
  await h.waitForStatus(runId, 'canceled');
  await waitFor('the heartbeat to drop the run', async () => (await heartbeats.list()).every((w) => w.runs.length === 0));
});

test('a code benchmark\'s run log says how the model\'s code is isolated on this worker', async () => {
  h.placeDataset(
    hfFileUrl('openai/openai_humaneval', 'openai_humaneval/test/0000.parquet', 'refs/convert/parquet'),
    join(CODE_FIXTURES, 'openai_humaneval-test.parquet'),
  );
  const coder = await startFakeChatModel({ respond: () => '```python\ndef f():\n    return 1\n```' });
  try {
    await h.saveKey(coder.baseUrl, 'mistral');
    const runId = await h.createRun({ benchmark: 'humaneval', model: 'mistral/fake-model', limit: 1, epochs: 1 });
    await h.waitForStatus(runId, 'completed', 60_000);
    const lines = (await listRunLogs(h.db, runId)).map((l) => l.line);
    expect(lines).toContainEqual(expect.stringMatching(/^code sandbox: (bwrap|rlimits\+uid) \(python .+\)|^code sandbox unavailable/));
  } finally {
    await coder.close();
  }
}, 90_000);
