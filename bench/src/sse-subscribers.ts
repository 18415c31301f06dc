/**
 * Many SSE subscribers of one run on one gateway process: the built gateway, N event streams opened by client
 * processes, then progress events published as a worker publishes them (RunProtocol of @studio/runtime). Prints the
 * publish → delivery latency over every delivery (p50, p99) and publish → last delivery per event (p99, max), with
 * heartbeats every 2 s meanwhile (one catch-up read per run per heartbeat), and the gateway's RSS before the
 * subscribers connect (baseline), its peak, and 5, 15, 30 and 60 s after they left, each against the baseline (target:
 * back within 10 %; the gateway collects once after a wave of streams closed: stream-memory.scheduler.ts).
 *
 *   node bench/dist/sse-subscribers.js [subscribers=5000 | max] [events=20]     (build first: bash infra/scripts/build.sh)
 *   SSE_GC_CLOSED_STREAMS=0 node bench/dist/sse-subscribers.js …                 (the gateway without that collection)
 *   node bench/dist/sse-subscribers.js 5000 20 --gateway-node-args="--cpu-prof --cpu-prof-dir=/tmp/gw"   (its CPU profile)
 *
 * The gateway is started with its soft limit of open files raised to the hard limit; `max` subscribes as many
 * streams as that limit leaves after the descriptors the gateway holds once started and a margin for its database
 * pool and Redis connections (19,9xx on a machine whose hard `ulimit -n` is 20,000). Clients are spread over
 * processes of at most 4,000 sockets each, each process connecting from its own loopback address (127.0.0.2, .3, …)
 * so that the connections do not share one address's ephemeral ports.
 */
import { scriptArgs } from './bench-args';
import { fork, type ChildProcess } from 'node:child_process';
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDb, insertRun } from '@studio/db';
import { createRedis, RunProtocol } from '@studio/runtime';
import { createBenchDatabase, machineLine } from './bench-database';
import { cpuMs } from './bench-processes';
import { freePort, stackEnv, startGateway } from './studio-stack';

// e.g. --gateway-node-args="--cpu-prof --cpu-prof-dir=/tmp/gw" for a CPU profile of the gateway (written at its exit).
const { values, positionals } = parseArgs({ args: scriptArgs(), allowPositionals: true, options: { 'gateway-node-args': { type: 'string', default: '' } } });
const [subscribersArg, eventsArg] = positionals;
const EVENTS = Number(eventsArg ?? 20);
const SOCKETS_PER_CLIENT_PROCESS = 4_000;
const EVENT_INTERVAL_MS = 500;
/** When RSS is read after the subscribers left. */
const AFTER_MS = [5_000, 15_000, 30_000, 60_000];
/** Descriptors kept free for what the gateway opens after start-up: its database pool (DATABASE_POOL_SIZE 10) and spares. */
const FD_MARGIN = 40;

const procStatusMb = (pid: number, field: 'VmRSS' | 'VmHWM') =>
  Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
const softFdLimit = (pid: number) => Number(/^Max open files\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/limits`, 'utf8'))![1]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

async function main(): Promise<void> {
  const database = await createBenchDatabase('bench_sse');
  const metricsPort = await freePort();
  // SSE_GC_*, MALLOC_*, LD_PRELOAD and NODE_OPTIONS from this script's environment reach the gateway: SSE_GC_CLOSED_STREAMS=0
  // measures it without the collection, the others compare allocator and V8 settings.
  const gcEnv = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => /^(SSE_GC_|MALLOC_|LD_PRELOAD$)/.test(e[0]) && e[1] !== undefined));
  const env: Record<string, string> = { ...stackEnv(database.url), SSE_HEARTBEAT_MS: '2000', METRICS_PORT: String(metricsPort), METRICS_HOST: '127.0.0.1', ...gcEnv };
  /**
   * The gateway's V8 heap in use and committed, and memory outside the heap held by JS objects (Buffers), from its
   * Prometheus metrics: what RSS holds beyond these is the allocator's (sockets, HTTP parsers, freed chunks kept).
   */
  const heapMb = async () => {
    const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    const metric = (name: string) => Number(new RegExp(`^${name}(?:{[^}]*})? (\\S+)$`, 'm').exec(text)?.[1] ?? NaN) / 2 ** 20;
    return { used: metric('nodejs_heap_size_used_bytes'), total: metric('nodejs_heap_size_total_bytes'), external: metric('nodejs_external_memory_bytes') };
  };
  const heapLine = (h: { used: number; total: number; external: number }) => `${h.used.toFixed(0)}/${h.total.toFixed(0)}/${h.external.toFixed(0)} MB`;
  const gateway = await startGateway(env, values['gateway-node-args'].split(' ').filter(Boolean), { raiseFdLimit: true });
  const fdLimit = softFdLimit(gateway.pid);
  const fdsAtStart = readdirSync(`/proc/${gateway.pid}/fd`).length;
  const SUBSCRIBERS = subscribersArg === 'max' ? fdLimit - fdsAtStart - FD_MARGIN : Number(subscribersArg ?? 5_000);
  const CLIENT_PROCESSES = Math.max(4, Math.ceil(SUBSCRIBERS / SOCKETS_PER_CLIENT_PROCESS));
  const rssMb = () => procStatusMb(gateway.pid, 'VmRSS');
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
    const before = rssMb();
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
        const child = fork(join(__dirname, 'sse-client.child.js'), [`${gateway.url}/api/runs/${runId}/events`, String(n), `127.0.0.${2 + c}`], { stdio: 'inherit' });
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
    // The gateway's CPU time over the events (heartbeats included): per delivery, a figure the machine's load hardly moves.
    const cpuBefore = cpuMs(gateway.pid);
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
    const eventsCpuMs = cpuMs(gateway.pid) - cpuBefore;
    const during = rssMb();
    const heapDuring = await heapMb();
    const peak = procStatusMb(gateway.pid, 'VmHWM');
    for (const child of clients) child.kill();
    const left = performance.now();
    const after: { ms: number; rss: number; heap: Awaited<ReturnType<typeof heapMb>> }[] = [];
    for (const ms of AFTER_MS) {
      await sleep(ms - (performance.now() - left));
      after.push({ ms, rss: rssMb(), heap: await heapMb() });
    }
    const pct = (mb: number) => `${((mb / before - 1) * 100).toFixed(0)} %`;

    deliveries.sort((a, b) => a - b);
    const lasts = [...lastDelivery.values()].sort((a, b) => a - b);
    const expected = SUBSCRIBERS * EVENTS;
    process.stdout.write(
      [
        `sse-subscribers: ${SUBSCRIBERS} subscribers of one run on one gateway process (open-file limit ${fdLimit}, ${fdsAtStart} open at start; ${CLIENT_PROCESSES} client processes), ${EVENTS} progress events ${EVENT_INTERVAL_MS} ms apart, heartbeats every 2 s`,
        machineLine(),
        `connected in ${connectSeconds.toFixed(1)} s; deliveries ${deliveries.length} of ${expected}; streams ended or failed before the end: ${lost}`,
        `gateway CPU over the events: ${eventsCpuMs} ms, ${((eventsCpuMs * 1000) / expected).toFixed(1)} µs per delivery`,
        `publish → delivery: p50 ${quantile(deliveries, 0.5).toFixed(1)} ms, p99 ${quantile(deliveries, 0.99).toFixed(1)} ms`,
        `publish → last delivery of an event: p50 ${quantile(lasts, 0.5).toFixed(1)} ms, p99 ${quantile(lasts, 0.99).toFixed(1)} ms, max ${lasts[lasts.length - 1]?.toFixed(1)} ms (target p99 ≤ 250 ms)`,
        `gateway RSS: baseline ${before.toFixed(0)} MB, peak ${peak.toFixed(0)} MB, with the subscribers ${during.toFixed(0)} MB; after they left: ${after.map((a) => `${a.ms / 1000} s ${a.rss.toFixed(0)} MB (${(a.rss / before).toFixed(2)}× baseline, ${pct(a.rss)})`).join(', ')} (target ≤ 10 % over the baseline)`,
        `gateway V8 heap in use/committed/external: baseline ${heapLine(heapBefore)}, with the subscribers ${heapLine(heapDuring)}; after they left: ${after.map((a) => `${a.ms / 1000} s ${heapLine(a.heap)}`).join(', ')}`,
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
