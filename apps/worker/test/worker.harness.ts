/**
 * What the worker integration tests share: a fresh Postgres database and a random Redis prefix per test file,
 * a user whose saved `openai` key points at the local fake chat model, an offline dataset cache holding the MMLU
 * fixture, run rows inserted and enqueued the way the gateway does, and workers in-process or as child processes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunConfigSchema, type RunConfig, type ScoringService } from '@studio/contracts';
import { encryptApiKey, findRun, insertRun, insertUser, serviceKeyOwner, upsertApiKey, upsertServiceKey, type RunRow } from '@studio/db';
import { createTestDatabase, type TestDatabase } from '@studio/db/testing';
import type { Sample } from '@studio/engine';
import { RunProtocol, bullPrefix, createLogger, createRedis, createRunQueue, createScheduleQueue, createWebhookQueue, enqueueRun, type Redis, type RunQueue } from '@studio/runtime';
import { loadConfig } from '../src/config';
import { startWorker, type WorkerApp } from '../src/worker.app';
import type { FakeChatModel } from '../../../packages/engine/test/fake-chat-model.server';
import { loadMmluRunSamples, startMmluModel, type MmluModel, type MmluModelOptions } from '../../../packages/engine/test/mmlu-run.helper';
import { placeInCache } from '../../../packages/engine/test/offline-cache.helper';
import { builtEntry } from '../../../infra/test/build-on-demand';
import { TcpProxy } from './tcp.proxy';

export const MODEL = 'openai/fake-model';
export const API_KEY = 'sk-test-worker-0123456789abcdef';
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The compiled worker entry that child-process tests run, built first when its sources changed. */
export function builtMainJs(): string {
  return builtEntry('apps/worker/dist/main.js');
}

/** Polls until `check` returns a truthy value; fails with `what` instead of hanging. */
export async function waitFor<T>(what: string, check: () => T | Promise<T>, timeoutMs = 15_000, everyMs = 25): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export class WorkerHarness {
  readonly prefix = `test-worker-${randomBytes(5).toString('hex')}`;
  readonly encryptionKey = randomBytes(32).toString('base64');
  readonly redis: Redis = createRedis(REDIS_URL);
  readonly queue: RunQueue = createRunQueue(this.redis, this.prefix);
  readonly webhooks = createWebhookQueue(this.redis, this.prefix);
  readonly schedules = createScheduleQueue(this.redis, this.prefix);
  readonly protocol = new RunProtocol(this.redis, this.prefix);
  private readonly dataDir = mkdtempSync(join(tmpdir(), 'worker-test-'));
  private tdb!: TestDatabase;
  userId!: string;
  samples!: readonly Sample[];
  private readonly workers: WorkerApp[] = [];
  private readonly children = new Set<ChildProcess>();
  private readonly models: FakeChatModel[] = [];

  get db() {
    return this.tdb.db;
  }

  get dbUrl(): string {
    return this.tdb.url;
  }

  /** Places `file` in the offline dataset cache where a download of `url` would land. */
  placeDataset(url: string, file: string): void {
    placeInCache(join(this.dataDir, 'datasets'), url, file);
  }

  async setup(): Promise<void> {
    this.tdb = await createTestDatabase();
    this.samples = await loadMmluRunSamples(join(this.dataDir, 'datasets'));
    const user = await insertUser(this.db, { email: `worker-${randomUUID()}@example.com`, hashed_password: 'x' });
    this.userId = user!.user_id;
  }

  async teardown(): Promise<void> {
    for (const child of this.children) child.kill('SIGKILL');
    await Promise.allSettled(this.workers.map((w) => w.stop()));
    await Promise.allSettled(this.models.map((m) => m.close()));
    await this.queue.close();
    await this.webhooks.close();
    await this.schedules.close();
    const keys = await this.redis.keys(`${this.prefix}:*`);
    if (keys.length) await this.redis.del(...keys);
    await this.redis.quit();
    await this.tdb.destroy();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** The MMLU fake model (`startMmluModel`) with fixed token usage, closed at teardown. */
  async startModel(options: Omit<MmluModelOptions, 'usage'> = {}): Promise<MmluModel> {
    const model = await startMmluModel(this.samples, { ...options, usage: { prompt_tokens: 100, completion_tokens: 3, total_tokens: 103 } });
    this.models.push(model);
    return model;
  }

  private get ring() {
    return { currentVersion: 1, keys: new Map([[1, Buffer.from(this.encryptionKey, 'base64')]]) };
  }

  /** Saves the user's key for a scoring service, as `PUT /api/service-keys/{service}` does. */
  async saveServiceKey(key: string, service: ScoringService = 'perspective'): Promise<void> {
    const owner = { user_id: this.userId, service };
    const { encrypted, version } = encryptApiKey(key, this.ring, serviceKeyOwner(owner));
    await upsertServiceKey(this.db, { ...owner, encrypted_key: encrypted, key_version: version, key_preview: `...${key.slice(-4)}` });
  }

  /** Saves the user's `openai` key, pointed at `baseUrl`, as the gateway does. */
  async saveKey(baseUrl: string, provider = 'openai', key = API_KEY): Promise<void> {
    const { encrypted, version } = encryptApiKey(key, this.ring, { user_id: this.userId, provider });
    await upsertApiKey(this.db, {
      user_id: this.userId,
      provider,
      encrypted_key: encrypted,
      key_version: version,
      key_preview: `...${key.slice(-4)}`,
      base_url: baseUrl,
      custom_env_var: null,
    });
  }

  /** Inserts a queued run row (as `POST /api/runs` does) and, unless told not to, enqueues its job. */
  async createRun(config: Partial<RunConfig> = {}, options: { enqueue?: boolean } = {}): Promise<string> {
    const runId = randomUUID();
    const full = RunConfigSchema.parse({ benchmark: 'mmlu', model: MODEL, ...config });
    const row = await insertRun(this.db, {
      run_id: runId,
      user_id: this.userId,
      benchmark: full.benchmark,
      model: full.model,
      config: JSON.stringify(full),
      eval_id: randomBytes(11).toString('hex'),
      task_id: randomBytes(11).toString('hex'),
    });
    if (options.enqueue !== false) await enqueueRun(this.queue, row);
    return runId;
  }

  async run(runId: string): Promise<RunRow> {
    return (await findRun(this.db, runId))!;
  }

  async waitForStatus(runId: string, status: RunRow['status'], timeoutMs = 20_000): Promise<RunRow> {
    return waitFor(`run ${runId} to be ${status}`, async () => {
      const row = await this.run(runId);
      return row.status === status ? row : undefined;
    }, timeoutMs);
  }

  async events(runId: string): Promise<{ event: string; data: Record<string, unknown> }[]> {
    const stored = await this.protocol.readEvents(runId, null);
    return stored.map((e) => ({ event: e.event, data: JSON.parse(e.data) as Record<string, unknown> }));
  }

  /** The run's events once the final one (completed, failed or canceled) is in the stream. */
  async finalEvents(runId: string): Promise<{ event: string; data: Record<string, unknown> }[]> {
    return waitFor(`the final event of run ${runId}`, async () => {
      const events = await this.events(runId);
      return ['completed', 'failed', 'canceled'].includes(events.at(-1)?.event ?? '') ? events : undefined;
    });
  }

  /** Publishes a cancel and sets cancel_requested_at, as the gateway's cancel endpoint does. */
  async requestCancel(runId: string): Promise<void> {
    await this.db.updateTable('runs').set({ cancel_requested_at: new Date() }).where('run_id', '=', runId).execute();
    await this.protocol.requestCancel(runId);
  }

  /** Every queue key of this test file's deployment, as a Redis flush would remove them. */
  async deleteQueueKeys(): Promise<void> {
    const keys = await this.redis.keys(`${bullPrefix(this.prefix)}:*`);
    if (keys.length) await this.redis.del(...keys);
  }

  env(overrides: Record<string, string> = {}): Record<string, string> {
    return {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: this.dbUrl,
      DATABASE_POOL_SIZE: '4',
      REDIS_URL,
      REDIS_PREFIX: this.prefix,
      ENCRYPTION_KEY: this.encryptionKey,
      DATA_DIR: this.dataDir,
      DATASETS_OFFLINE: 'true',
      WORKER_CONCURRENCY: '1',
      WORKER_STALLED_INTERVAL_MS: '500',
      WORKER_LOCK_DURATION_MS: '1500',
      SAMPLE_BATCH_SIZE: '5',
      SAMPLE_FLUSH_MS: '100',
      PROGRESS_INTERVAL_MS: '100',
      PROVIDER_MAX_RETRIES: '2',
      RECONCILE_INTERVAL_MS: '60000',
      SHUTDOWN_GRACE_MS: '5000',
      // Many workers share this host in tests: no fixed metrics port unless a test asks for one.
      METRICS_PORT: 'off',
      ...overrides,
    };
  }

  /** An in-process worker; each gets its own id, since they share a hostname and pid. */
  async startWorker(overrides: Record<string, string> = {}): Promise<WorkerApp> {
    const config = loadConfig(this.env({ WORKER_ID: `in-process-${this.workers.length + 1}`, ...overrides }));
    const app = await startWorker(config, createLogger({ level: 'error', json: false, service: 'worker', silent: true }));
    this.workers.push(app);
    return app;
  }

  /** `node apps/worker/dist/main.js`, resolved once it logs that it started. */
  async spawnWorker(overrides: Record<string, string> = {}): Promise<ChildProcess & { output(): string }> {
    const child = spawn(process.execPath, [builtMainJs()], {
      env: { PATH: process.env.PATH ?? '', ...this.env({ LOG_LEVEL: 'info', ...overrides }) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.children.add(child);
    child.once('exit', () => this.children.delete(child));
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitFor('the child worker to start', () => {
      if (child.exitCode !== null) throw new Error(`child worker exited with ${child.exitCode}:\n${output}`);
      return output.includes('worker started');
    });
    return Object.assign(child, { output: () => output });
  }
}

export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/**
 * A harness whose workers can reach Redis through a proxy the test cuts (Postgres stays up): set up before the file's
 * tests, torn down after them with the proxy open again. Returns a getter for the proxy.
 */
export function harnessWithRedisProxy(h: WorkerHarness): () => TcpProxy {
  let proxy: TcpProxy;
  beforeAll(async () => {
    await h.setup();
    const redis = new URL(REDIS_URL);
    proxy = await TcpProxy.start({ host: redis.hostname, port: Number(redis.port || 6379) });
  });
  afterAll(async () => {
    proxy.restore();
    await h.teardown();
    await proxy.close();
  });
  return () => proxy;
}
