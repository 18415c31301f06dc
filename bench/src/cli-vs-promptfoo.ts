/**
 * Our CLI and promptfoo side by side: the same first 2,000 MMLU questions (the prompts our mmlu task sends), the same
 * local OpenAI-compatible model server answering after 100 ms (fake-provider.server, its own process), 100 requests
 * in flight. Each tool runs as a process of its own from start to exit; the figure is promptfoo's wall time over ours,
 * and each one's share of the physical limit (2,000 ÷ 100 connections × 100 ms = 2.0 s). Not a test: it installs
 * promptfoo@0.120.0 from the npm registry into a temporary directory (Node 20; later versions need Node 22), unless
 * PROMPTFOO_DIR names a directory where it is installed already.
 *
 *   node bench/dist/cli-vs-promptfoo.js [samples=2000]     (build first: bash infra/scripts/build.sh)
 *   node bench/dist/cli-vs-promptfoo.js 2000 --ours-only   (our CLI alone, 3 times: its share of the limit, no install)
 *   node bench/dist/cli-vs-promptfoo.js 2000 --ours-only --runs=5 --cli-node-args="--cpu-prof --cpu-prof-dir=/tmp/cli"
 *   node bench/dist/cli-vs-promptfoo.js 2000 --ours-only --cli=apps/cli/dist/main.js   (another entry or build of the CLI)
 *
 * Our CLI runs under /usr/bin/time (when the machine has it), so each run also prints the process's user and system
 * CPU seconds (all its threads) and peak RSS: on a shared machine the wall time says little, the CPU time holds.
 */
import { scriptArgs } from './bench-args';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getTask } from '@studio/engine';
import { machineLine } from './bench-database';
import { buildMmluCacheInChild, startFakeProvider } from './bench-processes';
import { clock } from './product-stack';
import { ROOT } from './studio-stack';

const SAMPLES = Number(scriptArgs().find((arg) => !arg.startsWith('--')) ?? 2_000);
const OURS_ONLY = scriptArgs().includes('--ours-only');
const RUNS = Number(scriptArgs().find((arg) => arg.startsWith('--runs='))?.slice('--runs='.length) ?? 3);
/** Extra node options for our CLI's process, e.g. `--cpu-prof --cpu-prof-dir=/tmp/cli` (one profile per thread). */
const CLI_NODE_ARGS = (scriptArgs().find((arg) => arg.startsWith('--cli-node-args='))?.slice('--cli-node-args='.length) ?? '').split(' ').filter(Boolean);
const TIME_BIN = '/usr/bin/time';
/** The last line /usr/bin/time writes: user seconds, system seconds, peak RSS in KB. */
const TIME_FORMAT = 'cpu-usage %U %S %M';
const CONNECTIONS = 100;
const LATENCY_MS = 100;
const PROMPTFOO_VERSION = '0.120.0';
/**
 * The CLI as `pnpm studio` runs it (the bundle, through its launcher and code cache), or `--cli=PATH`: another entry
 * (`apps/cli/dist/main.js`: its modules as they are) or another build (a copy of an earlier tree's), to compare.
 */
const CLI_JS = scriptArgs().find((arg) => arg.startsWith('--cli='))?.slice('--cli='.length) ?? join(ROOT, 'apps/cli/dist/bundle.launcher.js');

/**
 * Runs a command to its end; resolves with its wall time in seconds (and when it started and exited, on the model
 * server's clock) when
 * it exits with one of `okCodes`, or when its output shows `finished` (a tool that crashes on its way out after doing the work).
 */
function timed(command: string, args: string[], env: Record<string, string>, cwd: string, okCodes = [0], finished?: string): Promise<{ seconds: number; output: string; startedAt: number; exitedAt: number }> {
  const startedAt = clock();
  const started = performance.now();
  const child = spawn(command, args, { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-20_000)));
  child.stderr.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-20_000)));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      const seconds = (performance.now() - started) / 1000;
      if (okCodes.includes(code ?? -1) || (finished !== undefined && output.includes(finished))) resolve({ seconds, output, startedAt, exitedAt: clock() });
      else reject(new Error(`${[command, ...args].join(' ')} exited with ${code}:\n${output}`));
    });
  });
}

/** promptfoo in `dir` (installed there unless it already is), with the migrations where its code looks for them. */
function installPromptfoo(dir: string): string {
  const pkg = join(dir, 'node_modules/promptfoo');
  if (!existsSync(join(pkg, 'package.json'))) {
    process.stderr.write(`installing promptfoo@${PROMPTFOO_VERSION} into ${dir}…\n`);
    mkdirSync(dir, { recursive: true });
    execFileSync('npm', ['install', '--prefix', dir, '--no-audit', '--no-fund', `promptfoo@${PROMPTFOO_VERSION}`], { stdio: 'inherit' });
  }
  // 0.120.0 looks for its migrations in <pkg>/drizzle but ships them in dist/drizzle.
  if (!existsSync(join(pkg, 'drizzle'))) symlinkSync(join(pkg, 'dist/drizzle'), join(pkg, 'drizzle'));
  return join(pkg, 'dist/src/main.js');
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'cli-vs-promptfoo-'));
  const provider = await startFakeProvider(LATENCY_MS, LATENCY_MS);
  try {
    await buildMmluCacheInChild(join(work, 'datasets'));
    const samples = (await getTask('mmlu').dataset.load({ cacheDir: join(work, 'datasets'), offline: true })).slice(0, SAMPLES);
    // The same prompts for promptfoo: each question as our task renders it, scored by openbench's answer line.
    writeFileSync(
      join(work, 'tests.json'),
      JSON.stringify(samples.map((s) => ({ vars: { question: s.input }, assert: [{ type: 'regex', value: `ANSWER\\s*:\\s*${String(s.target)}` }] }))),
    );
    writeFileSync(
      join(work, 'promptfooconfig.yaml'),
      JSON.stringify({
        prompts: ['{{question}}'],
        providers: [{ id: 'openai:chat:bench-model', config: { apiBaseUrl: provider.baseUrl, apiKey: 'sk-bench-0123456789' } }],
        tests: 'file://tests.json',
      }),
    );
    const home = join(work, 'home');
    mkdirSync(home);
    const limit = (SAMPLES / CONNECTIONS) * (LATENCY_MS / 1000);

    const withTime = existsSync(TIME_BIN);
    const providerRoot = provider.baseUrl.replace(/\/v1$/, '');
    const runOurs = async () => {
      await fetch(`${providerRoot}/bench/reset`, { method: 'POST' });
      const cli = [...CLI_NODE_ARGS, CLI_JS, 'eval', 'mmlu', '--model', 'openai/bench-model', '--limit', String(SAMPLES), '--max-connections', String(CONNECTIONS), '--model-base-url', provider.baseUrl, '--offline', '--data-dir', work, '--log-dir', join(work, 'logs'), '--display', 'none'];
      const run = await timed(
        withTime ? TIME_BIN : process.execPath,
        withTime ? ['-f', TIME_FORMAT, process.execPath, ...cli] : cli,
        { HOME: home, OPENAI_API_KEY: 'sk-bench-0123456789' },
        work,
      );
      const usage = /cpu-usage (\S+) (\S+) (\d+)\s*$/.exec(run.output);
      const cpu = usage ? { user: Number(usage[1]), system: Number(usage[2]), rssMb: Number(usage[3]) / 1024 } : undefined;
      // The phases, from the model server's first request and last reply (the /usr/bin/time wrapper's own start is in the first).
      const stats = (await (await fetch(`${providerRoot}/bench/stats`)).json()) as { first: number; last: number };
      const phases = { startMs: stats.first - run.startedAt, runSeconds: (stats.last - stats.first) / 1000, endMs: run.exitedAt - stats.last };
      return { ...run, cpu, phases };
    };
    if (OURS_ONLY) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await runOurs());
      const cpuLine = runs.every((r) => r.cpu)
        ? `studio eval CPU (user + system, all threads): ${runs.map((r) => `${r.cpu!.user.toFixed(2)} + ${r.cpu!.system.toFixed(2)} = ${(r.cpu!.user + r.cpu!.system).toFixed(2)} s`).join('; ')}; peak RSS ${runs.map((r) => r.cpu!.rssMb.toFixed(0)).join(', ')} MB`
        : `studio eval CPU: not measured (no ${TIME_BIN})`;
      process.stdout.write(
        [
          `studio eval alone: ${SAMPLES} MMLU questions, ${CONNECTIONS} in flight, model replies after ${LATENCY_MS} ms; limit ${limit.toFixed(2)} s; the whole process`,
          machineLine(),
          `studio eval: ${runs.map((r) => r.seconds.toFixed(2)).join(', ')} s (${runs.map((r) => (limit / r.seconds).toFixed(2)).join(', ')} of the limit; target ≥ 0.9)`,
          `phases: exec → first model request ${runs.map((r) => r.phases.startMs.toFixed(0)).join(', ')} ms; first request → last reply ${runs.map((r) => r.phases.runSeconds.toFixed(2)).join(', ')} s; last reply → exit ${runs.map((r) => r.phases.endMs.toFixed(0)).join(', ')} ms`,
          cpuLine,
        ].join('\n') + '\n',
      );
      return;
    }
    const promptfoo = installPromptfoo(process.env.PROMPTFOO_DIR ?? join(work, 'promptfoo'));
    const ours = await runOurs();
    const theirs = await timed(
      process.execPath,
      [promptfoo, 'eval', '-c', 'promptfooconfig.yaml', '-j', String(CONNECTIONS), '--no-cache', '--no-progress-bar', '--no-table'],
      {
        HOME: home,
        PROMPTFOO_CONFIG_DIR: join(home, '.promptfoo'),
        PROMPTFOO_DISABLE_TELEMETRY: '1',
        PROMPTFOO_DISABLE_UPDATE: '1',
        PROMPTFOO_DISABLE_SHARING: '1',
        OPENAI_API_KEY: 'sk-bench-0123456789',
      },
      work,
      // 100: some assertions failed (the model server always answers A), which is the expected outcome here. On this
      // machine 0.120.0 also ends with an unhandled "write after end" of its winston file logger (exit code 1) once
      // the evaluation is complete and stored.
      [0, 100],
      'Evaluation complete',
    );
    const ratio = theirs.seconds / ours.seconds;
    process.stdout.write(
      [
        `cli-vs-promptfoo: ${SAMPLES} MMLU questions, ${CONNECTIONS} in flight, model replies after ${LATENCY_MS} ms; limit ${limit.toFixed(2)} s; each tool's whole process`,
        machineLine(),
        `studio eval: ${ours.seconds.toFixed(2)} s (${(limit / ours.seconds).toFixed(2)} of the limit)`,
        `promptfoo ${PROMPTFOO_VERSION} eval: ${theirs.seconds.toFixed(2)} s (${(limit / theirs.seconds).toFixed(2)} of the limit)`,
        `ratio promptfoo / ours: ${ratio.toFixed(1)}× (target ≥ 10×)`,
      ].join('\n') + '\n',
    );
    if (ratio < 10) process.exitCode = 1;
  } finally {
    provider.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`cli-vs-promptfoo bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
