/**
 * `GET /api/runs?per_page=50` of the built gateway against a bare Express route running the same lean query
 * (bare-run-list.server), both over the same database of 1,000 runs carrying a finished run's config, results,
 * breakdowns and token usage. Each side is loaded in turn (16 keep-alive connections, closed loop) for a few rounds,
 * so that both see the same machine; the figure is the ratio of the medians (target ≥ 0.8).
 *
 *   pnpm --filter @studio/bench run run-list      (build first: bash infra/scripts/build.sh)
 *   node bench/dist/run-list.js --gateway-node-args="--cpu-prof --cpu-prof-dir=/tmp/gw"   (the gateway's CPU profile)
 */
import { scriptArgs } from './bench-args';
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createDb } from '@studio/db';
import { sql } from 'kysely';
import { createBenchDatabase, machineLine } from './bench-database';
import { cpuMs } from './bench-processes';
import { httpLoad, type LoadResult } from './http-load';
import { stackEnv, startGateway } from './studio-stack';

const RUNS = 1_000;
const ROUNDS = 3;
const SECONDS = 5;
const CONCURRENCY = 16;

function startBare(databaseUrl: string, userId: string): Promise<{ url: string; pid: number; stop(): void }> {
  const child = fork(join(__dirname, 'bare-run-list.server.js'), [databaseUrl, userId], { stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('message', (m: { port: number }) => resolve({ url: `http://127.0.0.1:${m.port}/runs`, pid: child.pid!, stop: () => child.kill() }));
  });
}


/** The load, with the server process's CPU time per request: a figure the machine's load hardly moves. */
async function measured(url: string, headers: Record<string, string>, pid: number): Promise<LoadResult & { cpuMsPerRequest: number }> {
  const before = cpuMs(pid);
  const result = await httpLoad(url, headers, CONCURRENCY, SECONDS);
  return { ...result, cpuMsPerRequest: (cpuMs(pid) - before) / result.requests };
}

/** A finished MMLU run's stored columns, about 2 KB of JSON that the list does not show. */
async function insertRuns(databaseUrl: string, email: string): Promise<string> {
  const db = createDb(databaseUrl, { max: 1 });
  const { user_id: userId } = await db.selectFrom('users').select('user_id').where('email', '=', email).executeTakeFirstOrThrow();
  const subjects = Array.from({ length: 57 }, (_, i) => ({ key: `subject_${i}`, value: 0.5 + i / 200 }));
  const results = [{ scorer: 'mcq_scorer', metrics: { accuracy: { name: 'accuracy', value: 0.71 }, stderr: { name: 'stderr', value: 0.004 } } }];
  const config = { benchmark: 'mmlu', model: 'openai/gpt-4o', max_connections: 100, temperature: 0.5, limit: null, epochs: 1, seed: 42 };
  await sql`
    insert into runs (run_id, user_id, benchmark, model, status, config, created_at, started_at, finished_at, exit_code,
                      progress_current, progress_total, primary_metric, primary_metric_name, metrics, breakdowns, results,
                      model_usage, input_tokens, output_tokens, total_tokens, tags, eval_id, task_id)
    select gen_random_uuid(), ${userId}::uuid, 'mmlu', 'openai/gpt-4o', 'completed', ${JSON.stringify(config)}::jsonb,
           now() - i * interval '7 minutes', now() - i * interval '7 minutes', now() - i * interval '6 minutes', 0,
           14042, 14042, 0.71, 'accuracy', ${JSON.stringify([{ name: 'accuracy', value: 0.71 }, { name: 'stderr', value: 0.004 }])}::jsonb,
           ${JSON.stringify([{ name: 'subject', items: subjects }])}::jsonb, ${JSON.stringify(results)}::jsonb,
           ${JSON.stringify({ 'openai/gpt-4o': { input_tokens: 2_500_000, output_tokens: 110_000, total_tokens: 2_610_000 } })}::jsonb,
           2500000, 110000, 2610000, array['nightly'], md5(i::text), md5(i::text || 't')
    from generate_series(1, ${RUNS}) as i
  `.execute(db);
  await db.destroy();
  return userId;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const describe = (r: LoadResult & { cpuMsPerRequest: number }) =>
  `${r.perSecond.toFixed(0)} req/s (p50 ${r.p50Ms.toFixed(1)} ms, p99 ${r.p99Ms.toFixed(1)} ms, server CPU ${r.cpuMsPerRequest.toFixed(2)} ms/request)`;

async function main(): Promise<void> {
  const database = await createBenchDatabase('bench_run_list');
  // e.g. --gateway-node-args="--cpu-prof --cpu-prof-dir=/tmp/gw" for a CPU profile of the gateway (written at its exit).
  const { values } = parseArgs({ args: scriptArgs(), options: { 'gateway-node-args': { type: 'string', default: '' } } });
  const gateway = await startGateway(stackEnv(database.url), values['gateway-node-args'].split(' ').filter(Boolean));
  let bare: { url: string; pid: number; stop(): void } | undefined;
  try {
    const reg = await fetch(`${gateway.url}/api/auth/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'bench@example.com', password: 'benchmark-password' }),
    });
    const { access_token: token } = (await reg.json()) as { access_token: string };
    const userId = await insertRuns(database.url, 'bench@example.com');
    bare = await startBare(database.url, userId);
    const product = `${gateway.url}/api/runs?per_page=50`;
    const auth = { Authorization: `Bearer ${token}` };
    // Warm-up: JIT, connection pools, the database's caches.
    await httpLoad(product, auth, CONCURRENCY, 1);
    await httpLoad(bare.url, {}, CONCURRENCY, 1);
    const ours: (LoadResult & { cpuMsPerRequest: number })[] = [];
    const bares: (LoadResult & { cpuMsPerRequest: number })[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      bares.push(await measured(bare.url, {}, bare.pid));
      ours.push(await measured(product, auth, gateway.pid));
    }
    const ratio = median(ours.map((r) => r.perSecond)) / median(bares.map((r) => r.perSecond));
    const cpuRatio = median(bares.map((r) => r.cpuMsPerRequest)) / median(ours.map((r) => r.cpuMsPerRequest));
    process.stdout.write(
      [
        `run-list: GET /api/runs?per_page=50 over ${RUNS} runs, ${CONCURRENCY} connections, ${ROUNDS} rounds of ${SECONDS} s each side`,
        machineLine(),
        ...bares.map((r, i) => `round ${i + 1}: bare Express ${describe(r)}; gateway ${describe(ours[i])}`),
        `ratio gateway / bare route (medians): ${ratio.toFixed(2)} (target ≥ 0.8); server CPU per request, bare ÷ gateway (medians): ${cpuRatio.toFixed(2)}`,
      ].join('\n') + '\n',
    );
    if (ratio < 0.8) process.exitCode = 1;
  } finally {
    bare?.stop();
    await gateway.stop();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`run-list bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
