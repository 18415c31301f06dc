/**
 * Runs through the whole product: the built gateway and one worker (its image's heap cap, WORKER_CONCURRENCY 2), a
 * fresh database, MMLU from an offline cache, and the local model server (its own process) answering after 100 ms.
 * Each figure is a ratio or a latency measured in the same run:
 *   - POST /api/runs → `completed` (as the run's SSE stream delivers it to a client watching the run) for 2,000 and 5,000 samples at 100 connections, against the limit (N × 0.1 s ÷ 100);
 *   - POST → the model server's first request of the run, with a warm worker (it has run MMLU before);
 *   - POST → `running` (the run's started_at − created_at), p50 over small runs;
 *   - next to each throughput ratio, the floor: a bare HTTP client's ratio for the same N against the same server
 *     (bare-client.floor), information rather than a target;
 *   - with --full-runs N: N full MMLU runs (14,042 questions) one after another and the worker's peak RSS (VmHWM).
 *
 *   node bench/dist/product-runs.js [--full-runs 10]     (build first: bash infra/scripts/build.sh)
 *   node bench/dist/product-runs.js --worker-node-args="--cpu-prof --cpu-prof-dir=/tmp/w"   (the worker's CPU profile)
 *   node bench/dist/product-runs.js --detect poll       (`completed` seen by polling GET /api/runs/{id} every 10 ms, not the run's events)
 */
import { floorLine, measureFloor } from './bare-client.floor';
import { scriptArgs } from './bench-args';
import { parseArgs } from 'node:util';
import { machineLine } from './bench-database';
import { cpuMs } from './bench-processes';
import { WORKER_NODE_OPTIONS, median, procStatusMb, startProductStack } from './product-stack';

const CONNECTIONS = 100;
const LATENCY_MS = 100;

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: scriptArgs(),
    options: { 'full-runs': { type: 'string', default: '0' }, 'worker-node-args': { type: 'string', default: '' }, detect: { type: 'string', default: 'events' } },
  });
  const fullRuns = Number(values['full-runs']);
  const detection = values.detect;
  if (detection !== 'events' && detection !== 'poll') throw new Error(`--detect is events or poll, not ${detection}`);
  const workerNodeArgs = values['worker-node-args'].split(' ').filter(Boolean);
  const stack = await startProductStack({ prefix: 'product-runs', latencyMs: LATENCY_MS, workers: 1, workerNodeArgs });
  try {
    const worker = stack.workers[0];
    // Warm-up: the worker parses MMLU once, JIT and connection pools settle.
    await stack.run(2_000, CONNECTIONS, detection);
    // What the product sent per model request, so that the bare client's floor writes as much.
    const warmUp = await stack.providerStats();
    const bodyBytes = warmUp.bytes / warmUp.requests;
    const small = [];
    for (let i = 0; i < 5; i++) small.push(await stack.run(50, CONNECTIONS, detection));
    const seenBy = detection === 'events' ? "the run's SSE stream" : 'a 10 ms poll of GET /api/runs/{id}';
    const lines = [
      `product-runs: gateway + 1 worker (WORKER_CONCURRENCY 2, ${WORKER_NODE_OPTIONS}), MMLU, model replies after ${LATENCY_MS} ms, ${CONNECTIONS} connections; \`completed\` seen by ${seenBy}`,
      machineLine(),
    ];
    const measured: { n: number; ratios: number[]; lines: string[] }[] = [];
    for (const n of [2_000, 5_000]) {
      const results = [];
      const cpu = [];
      for (let i = 0; i < 3; i++) {
        const before = cpuMs(worker.pid);
        results.push(await stack.run(n, CONNECTIONS, detection));
        cpu.push((cpuMs(worker.pid) - before) / n);
      }
      const limitSeconds = (n / CONNECTIONS) * (LATENCY_MS / 1000);
      const nLines = [];
      nLines.push(
        `${n} samples, POST → completed: ${results.map((r) => r.seconds.toFixed(2)).join(', ')} s; ratio to the limit (${limitSeconds.toFixed(1)} s): ${results.map((r) => (limitSeconds / r.seconds).toFixed(3)).join(', ')} (target ${n === 2_000 ? '≥ 0.92' : '≥ 0.95'}); worker CPU per sample ${cpu.map((c) => c.toFixed(3)).join(', ')} ms`,
      );
      nLines.push(
        `  of which POST → first model request ${results.map((r) => r.firstRequestMs.toFixed(0)).join(', ')} ms; last model reply → completed seen ${results.map((r) => r.afterLastReplyMs.toFixed(0)).join(', ')} ms (→ finished_at ${results.map((r) => r.lastReplyToFinishedAtMs.toFixed(0)).join(', ')} ms)`,
      );
      measured.push({ n, ratios: results.map((r) => limitSeconds / r.seconds), lines: nLines });
      small.push(...results);
    }
    // The floors run after every product run: the bare client's burst (its garbage, its idle connections) delayed the
    // start of the product run that followed it.
    for (const { n, ratios, lines: nLines } of measured) {
      const floors = [];
      for (let i = 0; i < 2; i++) floors.push(await measureFloor({ baseUrl: stack.providerBaseUrl, requests: n, connections: CONNECTIONS, latencyMs: LATENCY_MS, bodyBytes }));
      lines.push(...nLines, `  ${floorLine(floors, ratios)}`);
    }
    lines.push(`POST → first model request (warm worker): median ${median(small.map((r) => r.firstRequestMs)).toFixed(0)} ms, max ${Math.max(...small.map((r) => r.firstRequestMs)).toFixed(0)} ms over ${small.length} runs (target ≤ 60 ms)`);
    lines.push(`POST → running (started_at − created_at): p50 ${median(small.map((r) => r.toRunningMs)).toFixed(0)} ms (target ≤ 50 ms)`);
    lines.push(`worker RSS after these runs: ${procStatusMb(worker.pid, 'VmRSS').toFixed(0)} MB, peak so far ${procStatusMb(worker.pid, 'VmHWM').toFixed(0)} MB`);
    if (fullRuns > 0) {
      const times = [];
      const peaks = [];
      for (let i = 0; i < fullRuns; i++) {
        times.push((await stack.run(null, CONNECTIONS, detection)).seconds);
        peaks.push(procStatusMb(worker.pid, 'VmHWM'));
      }
      lines.push(`${fullRuns} full MMLU runs in a row: ${times.map((t) => t.toFixed(1)).join(', ')} s; worker peak RSS after each: ${peaks.map((p) => p.toFixed(0)).join(', ')} MB (target < 300 MB)`);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await stack.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`product-runs bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
