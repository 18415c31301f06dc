/**
 * Cancel and a worker crash across real processes: the built gateway and the built worker as child processes
 * (as compose or Kubernetes runs them), Postgres and Redis, a local OpenAI-compatible model and the offline MMLU
 * slice. Each side's own tests stand in for the other; here the cancel request travels gateway → Redis → worker,
 * and a SIGKILLed worker's run is taken over by another worker process through BullMQ's stalled-job check.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventSource } from 'eventsource';
import { createTestDatabase, type TestDatabase } from '@studio/db/testing';
import { createRedis } from '@studio/runtime';
import type { Sample } from '@studio/engine';
import { builtEntry } from '../infra/test/build-on-demand';
import { freePort, spawnApp, waitForHttp, type AppProcess } from '../infra/test/app-process';
import { loadMmluRunSamples, mmluExpectedAccuracy, startMmluModel, type MmluModel } from '../packages/engine/test/mmlu-run.helper';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ROOT = join(__dirname, '..');
const prefix = `test-e2e-cancel-${randomBytes(5).toString('hex')}`;
const dataDir = mkdtempSync(join(tmpdir(), 'e2e-cancel-'));
const common = {
  PATH: process.env.PATH ?? '',
  NODE_ENV: 'test',
  REDIS_URL,
  REDIS_PREFIX: prefix,
  ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  METRICS_PORT: 'off',
};
let tdb: TestDatabase;
let model: MmluModel;
let samples: readonly Sample[];
let api: string;
let auth: Record<string, string>;
const processes: AppProcess[] = [];
let workers = 0;

async function startWorkerProcess(): Promise<AppProcess> {
  const worker = spawnApp(`worker-${++workers}`, ['node', builtEntry('apps/worker/dist/main.js')], {
    ...common,
    LOG_LEVEL: 'info',
    DATABASE_URL: tdb.url,
    DATA_DIR: dataDir,
    DATASETS_OFFLINE: 'true',
    WORKER_ID: `e2e-worker-${workers}`,
    WORKER_CONCURRENCY: '2',
    // Takeover after a crash: BullMQ's lock and stalled check (docs/architecture.md, "Crash safety").
    WORKER_LOCK_DURATION_MS: '1500',
    WORKER_STALLED_INTERVAL_MS: '500',
    PROGRESS_INTERVAL_MS: '50',
    SAMPLE_BATCH_SIZE: '1',
    SAMPLE_FLUSH_MS: '50',
  }, ROOT);
  processes.push(worker);
  await worker.waitForOutput(/worker started/);
  return worker;
}

async function call(method: string, path: string, body?: unknown): Promise<Record<string, any>> {
  const res = await fetch(`${api}${path}`, { method, headers: auth, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = (await res.json()) as Record<string, any>;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function until<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const runIn = (runId: string, ...statuses: string[]) =>
  until(`run ${runId} to be ${statuses.join(' or ')}`, async () => {
    const run = await call('GET', `/runs/${runId}`);
    return statuses.includes(run.status) ? run : undefined;
  });

/** Every event of the run's stream, read from the start until its final event. */
function streamToEnd(runId: string): Promise<{ event: string; data: any }[]> {
  return new Promise((resolve, reject) => {
    const seen: { event: string; data: any }[] = [];
    const es = new EventSource(`${api}/runs/${runId}/events`);
    const timer = setTimeout(() => (es.close(), reject(new Error(`no final event; saw ${seen.map((e) => e.event).join(',')}`))), 30_000);
    for (const name of ['status', 'progress', 'log_line', 'completed', 'failed', 'canceled']) {
      es.addEventListener(name, (e: MessageEvent) => {
        seen.push({ event: name, data: JSON.parse(e.data as string) });
        if (['completed', 'failed', 'canceled'].includes(name)) {
          clearTimeout(timer);
          es.close();
          resolve(seen);
        }
      });
    }
  });
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  samples = await loadMmluRunSamples(join(dataDir, 'datasets'));
  model = await startMmluModel(samples, { latencyMs: 150 });
  const port = await freePort();
  const gateway = spawnApp('gateway', ['node', builtEntry('apps/gateway/dist/src/server.js')], {
    ...common,
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: tdb.url,
    JWT_SECRET: randomBytes(32).toString('hex'),
    MIGRATE_ON_START: 'false',
    SSE_HEARTBEAT_MS: '300',
  }, ROOT);
  processes.push(gateway);
  api = `http://127.0.0.1:${port}/api`;
  await waitForHttp(`${api}/health`, { status: 200, app: gateway });
  auth = { 'Content-Type': 'application/json' };
  const { access_token } = await call('POST', '/auth/register', { email: 'e2e-cancel@example.com', password: 'securepassword' });
  auth = { ...auth, Authorization: `Bearer ${access_token}` };
  await call('POST', '/api-keys', { provider: 'openai', key: 'sk-e2e-cancel-0123456789', base_url: model.baseUrl });
}, 120_000);

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop('SIGKILL')));
  await model?.close();
  const redis = createRedis(REDIS_URL);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
  await tdb?.destroy();
  rmSync(dataDir, { recursive: true, force: true });
});

const requestsFor = (modelName: string) => model.bodies().filter((b) => b.model === modelName).length;

test('a queued run canceled before any worker exists ends canceled; a worker started later never calls the model for it', async () => {
  const { run_id } = await call('POST', '/runs', { benchmark: 'mmlu', model: 'openai/queued-model', limit: 10 });
  expect((await call('GET', `/runs/${run_id}`)).status).toBe('queued');
  const canceled = await call('POST', `/runs/${run_id}/cancel`);
  expect(canceled.status).toBe('canceled');
  await startWorkerProcess();
  // The worker takes the run's job (it is still in the queue) and ends it without running it.
  const control = (await call('POST', '/runs', { benchmark: 'mmlu', model: 'openai/control-model', limit: 2 })).run_id as string;
  await runIn(control, 'completed');
  const run = await call('GET', `/runs/${run_id}`);
  expect(run.status).toBe('canceled');
  expect(run.progress.current).toBe(0);
  expect(requestsFor('queued-model')).toBe(0);
  expect((await streamToEnd(run_id)).at(-1)!.event).toBe('canceled');
}, 90_000);

test('a running run canceled through the gateway stops on the worker: canceled, no model call after, the stream ends canceled', async () => {
  const { run_id } = await call('POST', '/runs', { benchmark: 'mmlu', model: 'openai/running-model', limit: 40, max_connections: 2 });
  const stream = streamToEnd(run_id);
  await until('a few samples done', async () => (await call('GET', `/runs/${run_id}`)).progress.current >= 4);
  await call('POST', `/runs/${run_id}/cancel`);
  const run = await runIn(run_id, 'canceled');
  const events = await stream;
  expect(events.at(-1)!.event).toBe('canceled');
  expect(run.progress.current).toBeLessThan(40);
  const calls = requestsFor('running-model');
  // In-flight requests were aborted; nothing new is sent once the run is canceled.
  await new Promise((r) => setTimeout(r, 600));
  expect(requestsFor('running-model')).toBe(calls);
  expect(calls).toBeLessThan(40);
}, 90_000);

test('a worker SIGKILLed mid-run: another worker process resumes it to the exact score, each sample scored once', async () => {
  await startWorkerProcess();
  const { run_id } = await call('POST', '/runs', { benchmark: 'mmlu', model: 'openai/crash-model', limit: 40, max_connections: 2 });
  const stream = streamToEnd(run_id);
  await runIn(run_id, 'running');
  await until('30% of the samples done', async () => (await call('GET', `/runs/${run_id}`)).progress.current >= 12);
  // Kill the worker that holds the run (the run row names it), so the other one must take over.
  const { worker_id } = await tdb.db.selectFrom('runs').select('worker_id').where('run_id', '=', run_id).executeTakeFirstOrThrow();
  const victim = processes.find((p) => `e2e-${p.name}` === worker_id)!;
  expect(victim).toBeDefined();
  const killedAt = Date.now();
  await victim.stop('SIGKILL');
  const run = await runIn(run_id, 'completed', 'failed');
  const resumeMs = Date.now() - killedAt;
  expect(run.status).toBe('completed');
  expect(run.primary_metric).toBeCloseTo(mmluExpectedAccuracy(samples, 40), 12);
  expect(run.progress).toEqual({ current: 40, total: 40, percentage: 100 });
  const rows = await tdb.db.selectFrom('run_samples').select(['sample_id', 'epoch']).where('run_id', '=', run_id).execute();
  expect(rows).toHaveLength(40);
  expect(new Set(rows.map((r) => `${r.sample_id}/${r.epoch}`)).size).toBe(40);
  expect((await stream).at(-1)!.event).toBe('completed');
  // Lock 1.5 s + stalled check 0.5 s: the takeover comes within seconds, not BullMQ's default 30 s + 30 s.
  expect(resumeMs).toBeLessThan(20_000);
}, 120_000);
