/**
 * Crash to resume through the whole product: two workers, one MMLU run; once it is `--at` done, the worker holding it
 * is killed (SIGKILL) and the other one must take it over. Prints the time from the kill to the model server's first
 * request of the resumed attempt (against the bound docs/architecture.md gives: lock + stalled-check interval), the
 * time from the kill to `completed`, the requests the resumed attempt made against the samples that were left, and
 * the run's attempts.
 *
 *   node bench/dist/crash-resume.js [--samples 5000] [--at 0.3] [--lock-ms 30000] [--stalled-ms 30000]
 *   (build first: bash infra/scripts/build.sh; the defaults are the worker's WORKER_LOCK_DURATION_MS and
 *   WORKER_STALLED_INTERVAL_MS)
 */
import { scriptArgs } from './bench-args';
import { parseArgs } from 'node:util';
import { createDb } from '@studio/db';
import { machineLine } from './bench-database';
import { clock, sleep, startProductStack } from './product-stack';

const CONNECTIONS = 100;
const LATENCY_MS = 100;

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: scriptArgs(),
    options: {
      samples: { type: 'string', default: '5000' },
      at: { type: 'string', default: '0.3' },
      'lock-ms': { type: 'string', default: '30000' },
      'stalled-ms': { type: 'string', default: '30000' },
    },
  });
  const samples = Number(values.samples);
  const at = Number(values.at);
  const lockMs = Number(values['lock-ms']);
  const stalledMs = Number(values['stalled-ms']);
  const stack = await startProductStack({
    prefix: 'crash-resume',
    latencyMs: LATENCY_MS,
    workers: 0,
    workerEnv: { WORKER_LOCK_DURATION_MS: String(lockMs), WORKER_STALLED_INTERVAL_MS: String(stalledMs) },
  });
  const db = createDb(stack.databaseUrl, { max: 1 });
  try {
    const workers = new Map([
      ['bench-a', await stack.addWorker({ WORKER_ID: 'bench-a' })],
      ['bench-b', await stack.addWorker({ WORKER_ID: 'bench-b' })],
    ]);
    // Warm-up: small runs at once, so that both workers have parsed MMLU before the measured run.
    await Promise.all([50, 50, 50, 50].map(async (n) => stack.completed(await stack.post(n, CONNECTIONS), clock())));

    await stack.resetProvider();
    const posted = clock();
    const runId = await stack.post(samples, CONNECTIONS);
    let doneAtKill = 0;
    for (;;) {
      const { progress, status } = await stack.detail(runId);
      if (status !== 'running' && status !== 'queued') throw new Error(`run ${runId} ${status} before the kill`);
      if (progress.total > 0 && progress.current >= at * progress.total) {
        doneAtKill = progress.current;
        break;
      }
      await sleep(10);
    }
    const { worker_id: holder } = await db.selectFrom('runs').select('worker_id').where('run_id', '=', runId).executeTakeFirstOrThrow();
    const victim = workers.get(holder ?? '');
    if (!victim) throw new Error(`run ${runId} is held by ${holder}, not by a bench worker`);
    process.kill(victim.pid, 'SIGKILL');
    const killed = clock();
    await stack.resetProvider();
    let resumedMs = NaN;
    for (;;) {
      const { first } = await stack.providerStats();
      if (first !== null) {
        resumedMs = first - killed;
        break;
      }
      if (clock() - killed > 10 * (lockMs + stalledMs) + 60_000) throw new Error('the run was not resumed');
      await sleep(10);
    }
    await stack.completed(runId, posted);
    const completedS = (clock() - killed) / 1000;
    const { requests } = await stack.providerStats();
    const row = await db.selectFrom('runs').select(['attempts', 'worker_id', 'progress_current', 'progress_total']).where('run_id', '=', runId).executeTakeFirstOrThrow();
    process.stdout.write(
      [
        `crash-resume: 2 workers, one MMLU run of ${samples} samples, ${CONNECTIONS} connections, model replies after ${LATENCY_MS} ms; WORKER_LOCK_DURATION_MS ${lockMs}, WORKER_STALLED_INTERVAL_MS ${stalledMs}`,
        machineLine(),
        `killed ${holder} (SIGKILL) with ${doneAtKill} of ${samples} samples done`,
        `kill → first model request of the resumed attempt: ${(resumedMs / 1000).toFixed(2)} s (bound: lock + stalled interval = ${((lockMs + stalledMs) / 1000).toFixed(1)} s)`,
        `kill → completed: ${completedS.toFixed(2)} s; requests after the kill: ${requests} for ${samples - doneAtKill} samples left at the kill (in flight at the kill are re-run)`,
        `run after: ${row.progress_current}/${row.progress_total} samples, attempts ${row.attempts}, finished by ${row.worker_id}`,
      ].join('\n') + '\n',
    );
  } finally {
    await db.destroy();
    await stack.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`crash-resume bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
