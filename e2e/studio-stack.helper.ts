/**
 * The whole service for end-to-end tests, in this process: a real gateway listening on HTTP, a real worker taking
 * jobs from BullMQ, Postgres and Redis, a local OpenAI-compatible server as the model and an offline MMLU slice
 * (`packages/engine/test/mmlu-run.helper.ts`: the model is right unless the sample id is a multiple of 3).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sample } from '@studio/engine';
import { createTestApp, listen, testEnv, type TestApp } from '../apps/gateway/test/test-app';
import { loadConfig as loadWorkerConfig } from '../apps/worker/src/config';
import { startWorker, type WorkerApp } from '../apps/worker/src/worker.app';
import { loadMmluRunSamples, mmluExpectedAccuracy, startMmluModel, type MmluModel, type MmluModelOptions } from '../packages/engine/test/mmlu-run.helper';

/**
 * A worker in this process on the test gateway's database and queue, reading datasets offline from `dataDir`, with the
 * quick progress and flush intervals the end-to-end tests wait on; `overrides` adds or replaces variables.
 */
export function startE2eWorker(env: NodeJS.ProcessEnv, gateway: TestApp, dataDir: string, overrides: Record<string, string> = {}): Promise<WorkerApp> {
  return startWorker(
    loadWorkerConfig({
      ...env,
      DATABASE_URL: gateway.database.url,
      DATA_DIR: dataDir,
      DATASETS_OFFLINE: 'true',
      PROGRESS_INTERVAL_MS: '50',
      SAMPLE_FLUSH_MS: '50',
      // The worker's default metrics port (9465) is one per host: test files running at once would collide on it.
      METRICS_PORT: 'off',
      ...overrides,
    }),
  );
}

/** One JSON call to the API at `base` (with `/api`); the body is parsed when there is one. */
export async function callApi(
  base: string,
  auth: Record<string, string>,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...auth, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** The API of an end-to-end test: a gateway listening on HTTP, an in-process worker, and one signed-in user. */
export interface E2eApi {
  /** The API's base URL, `/api` included. */
  base: string;
  /** The user's `Authorization` header. */
  auth: Record<string, string>;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/**
 * A gateway on `env` and a worker (`startE2eWorker` with `workerOverrides`), and a user `email` registered with an
 * OpenAI key whose base URL is the fake model's.
 */
export async function startE2eApi(
  env: NodeJS.ProcessEnv,
  dataDir: string,
  email: string,
  modelBaseUrl: string,
  workerOverrides: Record<string, string> = {},
): Promise<E2eApi> {
  const gateway = await createTestApp(env);
  const server = await listen(gateway.app);
  const worker = await startE2eWorker(env, gateway, dataDir, workerOverrides);
  const api: E2eApi = {
    base: `${server.url}/api`,
    auth: {},
    call: (method, path, body, headers) => callApi(api.base, api.auth, method, path, body, headers),
    async close() {
      await worker.stop();
      await server.close();
      await gateway.close();
    },
  };
  const registered = await api.call('POST', '/auth/register', { email, password: 'securepassword' });
  api.auth = { Authorization: `Bearer ${registered.body.access_token}` };
  await api.call('POST', '/api-keys', { provider: 'openai', key: 'sk-e2e-0123456789abcdef', base_url: modelBaseUrl });
  return api;
}

/** Polls `GET /suites/{id}` through `call` until `done` holds (by default: the suite is no longer running). */
export async function waitForSuite(
  call: (method: string, path: string) => Promise<{ body: any }>,
  suiteId: string,
  done: (suite: any) => boolean = (suite) => suite.status !== 'running',
  timeoutMs = 120_000,
): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await call('GET', `/suites/${suiteId}`);
    if (done(body)) return body;
    if (Date.now() > deadline) throw new Error(`suite not done: ${JSON.stringify(body)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface StudioStack {
  /** The API's base URL, `/api` included. */
  baseUrl: string;
  model: MmluModel;
  samples: readonly Sample[];
  /** The accuracy a run of the first `n` samples scores with the fake model. */
  expectedAccuracy(n: number): number;
  close(): Promise<void>;
}

export async function startStudioStack(modelOptions: MmluModelOptions = { latencyMs: 20 }): Promise<StudioStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'e2e-'));
  const env = testEnv();
  const samples = await loadMmluRunSamples(join(dataDir, 'datasets'));
  const model = await startMmluModel(samples, modelOptions);
  const gateway = await createTestApp(env);
  const server = await listen(gateway.app);
  const worker = await startE2eWorker(env, gateway, dataDir);
  return {
    baseUrl: `${server.url}/api`,
    model,
    samples,
    expectedAccuracy: (n) => mmluExpectedAccuracy(samples, n),
    async close() {
      await worker.stop();
      await server.close();
      await gateway.close();
      await model.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
