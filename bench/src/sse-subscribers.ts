/**
 * Many SSE subscribers of one run on one gateway process: the built gateway, N event streams opened by client
 * processes, then progress events published as a worker publishes them (RunProtocol of @studio/runtime). Prints the
 * publish → delivery latency over every delivery (p50, p99) and publish → last delivery per event (p99, max), with
 * heartbeats every 2 s meanwhile (one catch-up read per run per heartbeat), and the gateway's RSS before the
 * subscribers connect, while they are connected and 15 s after they left (target: back within 10 % of before).
 *
 *   node bench/dist/sse-subscribers.js [subscribers=5000] [events=20]     (build first: bash infra/scripts/build.sh)
 *
 * A process here may hold at most `ulimit -n` sockets (20,000 on the machine of docs/performance.md), the gateway
 * its subscribers and its own connections among them.
 */
import { scriptArgs } from './bench-args';
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDb, insertRun } from '@studio/db';
import { createRedis, RunProtocol } from '@studio/runtime';
import { createBenchDatabase, machineLine } from './bench-database';
import { freePort, stackEnv, startGateway } from './studio-stack';

const [subscribersArg, eventsArg] = scriptArgs();
const SUBSCRIBERS = Number(subscribersArg ?? 5_000);
const EVENTS = Number(eventsArg ?? 20);
const CLIENT_PROCESSES = 4;
const EVENT_INTERVAL_MS = 500;
const SETTLE_MS = 15_000;

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

async function main(): Promise<void> {
  const database = await createBenchDatabase('bench_sse');
  const metricsPort = await freePort();
  const env: Record<string, string> = { ...stackEnv(database.url), SSE_HEARTBEAT_MS: '2000', METRICS_PORT: String(metricsPort), METRICS_HOST: '127.0.0.1' };
  /** The gateway's V8 heap in use (its Prometheus metrics), to tell live objects from memory the allocator keeps. */
  const heapMb = async () => {
    const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    return Number(/^nodejs_heap_size_used_bytes(?:{[^}]*})? (\S+)$/m.exec(text)?.[1] ?? NaN) / 2 ** 20;
  };
  const gateway = await startGateway(env);
  const redis = createRedis(env.REDIS_URL);
  const clients: ChildProcess[] = [];
  try {
    const db = createDb(database.url, { max: 1 });
    const runId = randomUUID();
    await insertRun(db, { run_id: runId, user_id: null, benchmark: 'mmlu', model: 'openai/gpt-4o', config: {}, eval_id: 'e', task_id: 't', status: 'running' });
    await db.destroy();
    const protocol = new RunProtocol(redis, env.REDIS_PREFIX);
    // A few requests first, so that the baseline is a gateway that has served something.
    for (let i = 0; i < 20; i++) await (await fetch(`${gateway.url}/api/runs/${runId}`)).arrayBuffer();
    await sleep(2_000);
    const before = rssMb(gateway.pid);
    const heapBefore = await heapMb();

    const deliveries: number[] = [];
    const lastDelivery = new Map<number, number>();
    const publishedAt = new Map<number, number>();
    let connected = 0;
    let lost = 0;
    let reported = 0;
    let allReported: () => void = () => undefined;
    const perClient = Math.ceil(SUBSCRIBERS / CLIENT_PROCESSES);
    const allConnected = new Promise<void>((resolve, reject) => {
      for (let c = 0; c < CLIENT_PROCESSES; c++) {
        const n = Math.min(perClient, SUBSCRIBERS - c * perClient);
        const child = fork(join(__dirname, 'sse-client.child.js'), [`${gateway.url}/api/runs/${runId}/events`, String(n)], { stdio: 'inherit' });
        clients.push(child);
        child.on('message', (m: { kind: string; k?: number; times?: number[]; message?: string; lost?: number }) => {
          if (m.kind === 'connected' && ++connected === CLIENT_PROCESSES) resolve();
          if (m.kind === 'error') reject(new Error(`a subscriber failed: ${m.message}`));
          if (m.kind === 'report') {
            lost += m.lost!;
            if (++reported === CLIENT_PROCESSES) allReported();
          }
          if (m.kind === 'delivered') {
            const at = publishedAt.get(m.k!)!;
            for (const t of m.times!) deliveries.push(t - at);
            lastDelivery.set(m.k!, Math.max(lastDelivery.get(m.k!) ?? 0, Math.max(...m.times!) - at));
          }
        });
      }
    });
    const connectStarted = performance.now();
    await allConnected;
    const connectSeconds = (performance.now() - connectStarted) / 1000;
    for (let k = 1; k <= EVENTS; k++) {
      publishedAt.set(k, performance.timeOrigin + performance.now());
      await protocol.publish(runId, { event: 'progress', data: { percentage: k, current: k, total: 100 } });
      await sleep(EVENT_INTERVAL_MS);
    }
    await sleep(2_000);
    // Deliveries of events some connection has not received by now count too; the rest are missing.
    await new Promise<void>((resolve) => {
      allReported = resolve;
      for (const child of clients) child.send({ kind: 'report' });
    });
    const during = rssMb(gateway.pid);
    const heapDuring = await heapMb();
    for (const child of clients) child.kill();
    await sleep(SETTLE_MS);
    const after = rssMb(gateway.pid);
    const heapAfter = await heapMb();

    deliveries.sort((a, b) => a - b);
    const lasts = [...lastDelivery.values()].sort((a, b) => a - b);
    const expected = SUBSCRIBERS * EVENTS;
    process.stdout.write(
      [
        `sse-subscribers: ${SUBSCRIBERS} subscribers of one run on one gateway process (${CLIENT_PROCESSES} client processes), ${EVENTS} progress events ${EVENT_INTERVAL_MS} ms apart, heartbeats every 2 s`,
        machineLine(),
        `connected in ${connectSeconds.toFixed(1)} s; deliveries ${deliveries.length} of ${expected}; streams ended or failed before the end: ${lost}`,
        `publish → delivery: p50 ${quantile(deliveries, 0.5).toFixed(1)} ms, p99 ${quantile(deliveries, 0.99).toFixed(1)} ms`,
        `publish → last delivery of an event: p99 ${quantile(lasts, 0.99).toFixed(1)} ms, max ${lasts[lasts.length - 1]?.toFixed(1)} ms (target p99 ≤ 250 ms)`,
        `gateway RSS: before ${before.toFixed(0)} MB, with the subscribers ${during.toFixed(0)} MB, ${SETTLE_MS / 1000} s after they left ${after.toFixed(0)} MB (${((after / before - 1) * 100).toFixed(0)} % over before; target ≤ 10 %)`,
        `gateway V8 heap in use: before ${heapBefore.toFixed(0)} MB, with the subscribers ${heapDuring.toFixed(0)} MB, after ${heapAfter.toFixed(0)} MB`,
      ].join('\n') + '\n',
    );
    if (deliveries.length !== expected) process.exitCode = 1;
  } finally {
    for (const child of clients) child.kill();
    redis.disconnect();
    await gateway.stop();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`sse-subscribers bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
