/**
 * The product as the product benches drive it: a fresh database, MMLU from an offline cache, the local model server
 * (its own process) answering after a fixed latency, the built gateway and built workers (the worker image's heap
 * cap), and a registered user with an OpenAI-compatible key pointing at the model server.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBenchDatabase } from './bench-database';
import { buildMmluCacheInChild, startFakeProvider } from './bench-processes';
import { stackEnv, startGateway, startWorker, type StackProcess } from './studio-stack';

/** The worker image's NODE_OPTIONS (infra/docker/Dockerfile). */
export const WORKER_NODE_OPTIONS = '--max-old-space-size=256';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const clock = () => performance.timeOrigin + performance.now();
export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
export const procStatusMb = (pid: number, field: 'VmRSS' | 'VmHWM') =>
  Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

async function json(res: Response): Promise<any> {
  const body = await res.json();
  if (!res.ok) throw new Error(`${res.status} ${JSON.stringify(body)}`);
  return body;
}

export interface RunTiming {
  runId: string;
  /** POST → `completed` seen, seconds. */
  seconds: number;
  /** POST → the model server's first request since the last reset, ms. */
  firstRequestMs: number;
  /** The model server's last reply → `completed` seen, ms: what the product adds at the end. */
  afterLastReplyMs: number;
  /** The model server's last reply → the run's `finished_at` (when the worker began its closing write), ms. */
  lastReplyToFinishedAtMs: number;
  /** started_at − created_at, ms. */
  toRunningMs: number;
}

/**
 * How the end of a run is seen: `events`, the run's SSE stream as a client watching it sees `completed` (the spec's
 * events, what the web Studio and `studio` do); `poll`, `GET /api/runs/{id}` every 10 ms (each poll costs the
 * gateway and the database a request while the run goes on).
 */
export type Detection = 'events' | 'poll';

export interface ProductStack {
  databaseUrl: string;
  /** The model server's `/v1` base URL. */
  providerBaseUrl: string;
  workers: StackProcess[];
  /** Starts one more worker (`extra` on top of the stack's worker environment). */
  addWorker(extra?: Record<string, string>): Promise<StackProcess>;
  /** POSTs an MMLU run (all questions when `limit` is null) at `connections`; resolves to its id. */
  post(limit: number | null, connections: number): Promise<string>;
  /** The run's detail as `GET /api/runs/{id}` gives it. */
  detail(runId: string): Promise<any>;
  /** Polls (every 10 ms) until the run is `completed`; throws when it failed or was canceled. */
  completed(runId: string, posted: number): Promise<RunTiming>;
  /** Follows the run's SSE stream until its final event; throws when it failed or was canceled. */
  completedEvent(runId: string, posted: number): Promise<RunTiming>;
  /** Forgets the model server's first request and count. */
  resetProvider(): Promise<void>;
  /** The model server's first request and last reply since the reset (timeOrigin + now, ms; null: none), the count and the request bodies' bytes. */
  providerStats(): Promise<{ first: number | null; last: number | null; requests: number; bytes: number }>;
  /** Resets the model server, POSTs and waits for `completed` (seen through the run's events unless told otherwise). */
  run(limit: number | null, connections: number, detection?: Detection): Promise<RunTiming>;
  close(): Promise<void>;
}

export interface ProductStackOptions {
  prefix: string;
  latencyMs: number;
  workers: number;
  workerEnv?: Record<string, string>;
  /** Node flags of every worker, e.g. `--cpu-prof --cpu-prof-dir=/tmp/w` (written when the worker exits). */
  workerNodeArgs?: string[];
}

/** Reads an SSE stream until a run's final event (`completed`, `failed`, `canceled`) and answers it. */
async function finalEvent(url: string): Promise<{ event: string; data: any }> {
  const res = await fetch(url, { headers: { Accept: 'text/event-stream' } });
  if (!res.ok || !res.body) throw new Error(`${url}: ${res.status}`);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    let end;
    while ((end = text.indexOf('\n\n')) >= 0) {
      const block = text.slice(0, end);
      text = text.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      if (event === 'completed' || event === 'failed' || event === 'canceled') {
        void reader.cancel().catch(() => undefined);
        return { event, data: JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? '{}') };
      }
    }
  }
  throw new Error(`${url}: the stream ended before the run's final event`);
}

export async function startProductStack(options: ProductStackOptions): Promise<ProductStack> {
  const work = mkdtempSync(join(tmpdir(), `${options.prefix}-`));
  const database = await createBenchDatabase(`bench_${options.prefix.replace(/-/g, '_')}`);
  const provider = await startFakeProvider(options.latencyMs, options.latencyMs);
  const providerRoot = provider.baseUrl.replace(/\/v1$/, '');
  const children: StackProcess[] = [];
  const workers: StackProcess[] = [];
  const close = async () => {
    for (const child of children.reverse()) await child.stop();
    provider.stop();
    await database.drop();
    rmSync(work, { recursive: true, force: true });
  };
  try {
    await buildMmluCacheInChild(join(work, 'datasets'));
    const env = stackEnv(database.url);
    const gateway = await startGateway(env);
    children.push(gateway);
    const workerEnv = { ...env, DATA_DIR: work, DATASETS_OFFLINE: 'true', NODE_OPTIONS: WORKER_NODE_OPTIONS, ...options.workerEnv };
    const addWorker = async (extra: Record<string, string> = {}) => {
      const worker = await startWorker({ ...workerEnv, ...extra }, options.workerNodeArgs);
      children.push(worker);
      workers.push(worker);
      return worker;
    };
    for (let i = 0; i < options.workers; i++) await addWorker();
    const api = `${gateway.url}/api`;
    const { access_token: token } = await json(
      await fetch(`${api}/auth/register`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'bench@example.com', password: 'benchmark-password' }) }),
    );
    const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    await json(await fetch(`${api}/api-keys`, { method: 'POST', headers: auth, body: JSON.stringify({ provider: 'openai', key: 'sk-bench-0123456789', base_url: provider.baseUrl }) }));

    /** The figures of a run whose `completed` was seen at `seen`, from the model server's counters and the run's detail. */
    const timing = async (runId: string, posted: number, seen: number, detail: any): Promise<RunTiming> => {
      const { first, last } = await stack.providerStats();
      return {
        runId,
        seconds: (seen - posted) / 1000,
        firstRequestMs: (first ?? NaN) - posted,
        afterLastReplyMs: seen - (last ?? NaN),
        lastReplyToFinishedAtMs: Date.parse(detail.finished_at) - (last ?? NaN),
        toRunningMs: Date.parse(detail.started_at) - Date.parse(detail.created_at),
      };
    };
    const stack: ProductStack = {
      databaseUrl: database.url,
      providerBaseUrl: provider.baseUrl,
      workers,
      addWorker,
      post: async (limit, connections) => {
        const body = { benchmark: 'mmlu', model: 'openai/bench-model', max_connections: connections, ...(limit === null ? {} : { limit }) };
        return (await json(await fetch(`${api}/runs`, { method: 'POST', headers: auth, body: JSON.stringify(body) }))).run_id as string;
      },
      detail: async (runId) => json(await fetch(`${api}/runs/${runId}?log_lines=0`, { headers: auth })),
      completed: async (runId, posted) => {
        for (;;) {
          const detail = await stack.detail(runId);
          if (detail.status === 'completed') return timing(runId, posted, clock(), detail);
          if (detail.status === 'failed' || detail.status === 'canceled') throw new Error(`run ${runId} ${detail.status}: ${detail.error}`);
          await sleep(10);
        }
      },
      completedEvent: async (runId, posted) => {
        const final = await finalEvent(`${api}/runs/${runId}/events`);
        const seen = clock();
        if (final.event !== 'completed') throw new Error(`run ${runId} ${final.event}: ${String(final.data.error ?? '')}`);
        return timing(runId, posted, seen, await stack.detail(runId));
      },
      resetProvider: async () => {
        await fetch(`${providerRoot}/bench/reset`, { method: 'POST' });
      },
      providerStats: async () => json(await fetch(`${providerRoot}/bench/stats`)),
      run: async (limit, connections, detection = 'events') => {
        await stack.resetProvider();
        const posted = clock();
        const runId = await stack.post(limit, connections);
        return detection === 'events' ? stack.completedEvent(runId, posted) : stack.completed(runId, posted);
      },
      close,
    };
    return stack;
  } catch (error) {
    await close();
    throw error;
  }
}
