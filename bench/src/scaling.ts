/**
 * Horizontal scaling through the whole product: 4 MMLU runs posted at once, first with 1 worker, then with 3 (the
 * same gateway, database and model server; WORKER_CONCURRENCY as the worker's default, 2). Each round's figure is
 * the time from the first POST to the last `completed`; the ratio 1-worker ÷ 3-worker is the speed-up, next to the
 * ideal one (the waves of runs each setup needs: ⌈4 ÷ (workers × concurrency)⌉).
 *
 *   node bench/dist/scaling.js [--samples 2000] [--rounds 2]     (build first: bash infra/scripts/build.sh)
 */
import { scriptArgs } from './bench-args';
import { parseArgs } from 'node:util';
import { machineLine } from './bench-database';
import { WORKER_NODE_OPTIONS, clock, median, startProductStack, type ProductStack } from './product-stack';

const RUNS = 4;
const CONNECTIONS = 100;
const LATENCY_MS = 100;
/** The worker's default WORKER_CONCURRENCY (apps/worker/src/config.ts). */
const CONCURRENCY = 2;

/** Posts RUNS runs at once; seconds from the first POST to the last `completed`. */
async function batch(stack: ProductStack, samples: number): Promise<number> {
  const posted = clock();
  const ids = await Promise.all(Array.from({ length: RUNS }, () => stack.post(samples, CONNECTIONS)));
  await Promise.all(ids.map((id) => stack.completed(id, posted)));
  return (clock() - posted) / 1000;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ args: scriptArgs(), options: { samples: { type: 'string', default: '2000' }, rounds: { type: 'string', default: '2' } } });
  const samples = Number(values.samples);
  const rounds = Number(values.rounds);
  const stack = await startProductStack({ prefix: 'scaling', latencyMs: LATENCY_MS, workers: 1 });
  try {
    const measure = async () => {
      // Warm-up: small runs enough for every worker to take some (each parses MMLU once, JIT settles).
      await batch(stack, 50);
      await batch(stack, 50);
      const times = [];
      for (let i = 0; i < rounds; i++) times.push(await batch(stack, samples));
      return times;
    };
    const one = await measure();
    await stack.addWorker();
    await stack.addWorker();
    const three = await measure();
    const runSeconds = (samples / CONNECTIONS) * (LATENCY_MS / 1000);
    const waves = (workers: number) => Math.ceil(RUNS / (workers * CONCURRENCY));
    const line = (workers: number, times: number[]) =>
      `${workers} worker${workers > 1 ? 's' : ''}: ${times.map((t) => t.toFixed(2)).join(', ')} s (limit ${(waves(workers) * runSeconds).toFixed(1)} s: ${waves(workers)} wave(s) of ${runSeconds.toFixed(1)} s)`;
    process.stdout.write(
      [
        `scaling: ${RUNS} runs of ${samples} MMLU samples posted at once, ${CONNECTIONS} connections each, model replies after ${LATENCY_MS} ms, WORKER_CONCURRENCY ${CONCURRENCY}, ${WORKER_NODE_OPTIONS}`,
        machineLine(),
        line(1, one),
        line(3, three),
        `speed-up 3 workers ÷ 1 worker (medians): ${(median(one) / median(three)).toFixed(2)}× (ideal ${(waves(1) / waves(3)).toFixed(2)}×)`,
      ].join('\n') + '\n',
    );
  } finally {
    await stack.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`scaling bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
