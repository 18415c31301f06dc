/**
 * Runs through the whole product: the built gateway and one worker (its image's heap cap, WORKER_CONCURRENCY 2), a
 * fresh database, MMLU from an offline cache, and the local model server (its own process) answering after 100 ms.
 * Each figure is a ratio or a latency measured in the same run:
 *   - POST /api/runs → `completed` for 2,000 and 5,000 samples at 100 connections, against the limit (N × 0.1 s ÷ 100);
 *   - POST → the model server's first request of the run, with a warm worker (it has run MMLU before);
 *   - POST → `running` (the run's started_at − created_at), p50 over small runs;
 *   - with --full-runs N: N full MMLU runs (14,042 questions) one after another and the worker's peak RSS (VmHWM).
 *
 *   node bench/dist/product-runs.js [--full-runs 10]     (build first: bash infra/scripts/build.sh)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createBenchDatabase, machineLine } from './bench-database';
import { buildMmluCacheInChild, startFakeProvider } from './bench-processes';
import { stackEnv, startGateway, startWorker, type StackProcess } from './studio-stack';

const CONNECTIONS = 100;
const LATENCY_MS = 100;
/** The worker image's NODE_OPTIONS (infra/docker/Dockerfile). */
const WORKER_NODE_OPTIONS = '--max-old-space-size=256';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const procStatusMb = (pid: number, field: 'VmRSS' | 'VmHWM') => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const clock = () => performance.timeOrigin + performance.now();

async function json(res: Response): Promise<any> {
  const body = await res.json();
  if (!res.ok) throw new Error(`${res.status} ${JSON.stringify(body)}`);
  return body;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'full-runs': { type: 'string', default: '0' } } });
  const fullRuns = Number(values['full-runs']);
  const work = mkdtempSync(join(tmpdir(), 'product-runs-'));
  const database = await createBenchDatabase('bench_product');
  const provider = await startFakeProvider(LATENCY_MS, LATENCY_MS);
  const providerRoot = provider.baseUrl.replace(/\/v1$/, '');
  const children: StackProcess[] = [];
  try {
    await buildMmluCacheInChild(join(work, 'datasets'));
    const env = stackEnv(database.url);
    const gateway = await startGateway(env);
    children.push(gateway);
    const worker = await startWorker({ ...env, DATA_DIR: work, DATASETS_OFFLINE: 'true', NODE_OPTIONS: WORKER_NODE_OPTIONS });
    children.push(worker);
    const api = `${gateway.url}/api`;
    const { access_token: token } = await json(
      await fetch(`${api}/auth/register`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'bench@example.com', password: 'benchmark-password' }) }),
    );
    const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    await json(await fetch(`${api}/api-keys`, { method: 'POST', headers: auth, body: JSON.stringify({ provider: 'openai', key: 'sk-bench-0123456789', base_url: provider.baseUrl }) }));

    /** Starts a run and waits for `completed` (polled every 10 ms); times are from just before the POST. */
    const run = async (limit: number | null) => {
      await fetch(`${providerRoot}/bench/reset`, { method: 'POST' });
      const posted = clock();
      const body = { benchmark: 'mmlu', model: 'openai/bench-model', max_connections: CONNECTIONS, ...(limit === null ? {} : { limit }) };
      const { run_id: runId } = await json(await fetch(`${api}/runs`, { method: 'POST', headers: auth, body: JSON.stringify(body) }));
      for (;;) {
        const detail = await json(await fetch(`${api}/runs/${runId}?log_lines=0`, { headers: auth }));
        if (detail.status === 'completed') {
          const seconds = (clock() - posted) / 1000;
          const stats = (await json(await fetch(`${providerRoot}/bench/stats`))) as { first: number };
          return { seconds, firstRequestMs: stats.first - posted, toRunningMs: Date.parse(detail.started_at) - Date.parse(detail.created_at) };
        }
        if (detail.status === 'failed' || detail.status === 'canceled') throw new Error(`run ${runId} ${detail.status}: ${detail.error}`);
        await sleep(10);
      }
    };

    // Warm-up: the worker parses MMLU once, JIT and connection pools settle.
    await run(2_000);
    const small = [];
    for (let i = 0; i < 5; i++) small.push(await run(50));
    const lines = [`product-runs: gateway + 1 worker (WORKER_CONCURRENCY 2, ${WORKER_NODE_OPTIONS}), MMLU, model replies after ${LATENCY_MS} ms, ${CONNECTIONS} connections`, machineLine()];
    for (const n of [2_000, 5_000]) {
      const results = [];
      for (let i = 0; i < 3; i++) results.push(await run(n));
      const limitSeconds = (n / CONNECTIONS) * (LATENCY_MS / 1000);
      lines.push(
        `${n} samples, POST → completed: ${results.map((r) => r.seconds.toFixed(2)).join(', ')} s; ratio to the limit (${limitSeconds.toFixed(1)} s): ${results.map((r) => (limitSeconds / r.seconds).toFixed(3)).join(', ')} (target ${n === 2_000 ? '≥ 0.92' : '≥ 0.95'})`,
      );
      small.push(...results);
    }
    lines.push(`POST → first model request (warm worker): median ${median(small.map((r) => r.firstRequestMs)).toFixed(0)} ms, max ${Math.max(...small.map((r) => r.firstRequestMs)).toFixed(0)} ms over ${small.length} runs (target ≤ 60 ms)`);
    lines.push(`POST → running (started_at − created_at): p50 ${median(small.map((r) => r.toRunningMs)).toFixed(0)} ms (target ≤ 50 ms)`);
    lines.push(`worker RSS after these runs: ${procStatusMb(worker.pid, 'VmRSS').toFixed(0)} MB, peak so far ${procStatusMb(worker.pid, 'VmHWM').toFixed(0)} MB`);
    if (fullRuns > 0) {
      const times = [];
      const peaks = [];
      for (let i = 0; i < fullRuns; i++) {
        times.push((await run(null)).seconds);
        peaks.push(procStatusMb(worker.pid, 'VmHWM'));
      }
      lines.push(`${fullRuns} full MMLU runs in a row: ${times.map((t) => t.toFixed(1)).join(', ')} s; worker peak RSS after each: ${peaks.map((p) => p.toFixed(0)).join(', ')} MB (target < 300 MB)`);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    for (const child of children.reverse()) await child.stop();
    provider.stop();
    await database.drop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`product-runs bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
