/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The web app in Chromium with a lot of data: the runs page over 10,000 runs, and the samples page of one run of all
 * 14,042 MMLU questions. Everything is real: a fresh database, the built gateway and worker, `vite preview` of the
 * built app, and headless Chromium (software rendering, as on a server without a GPU). The 14,042-sample run is
 * executed by the worker against a local fake model (real MMLU rows from the shared dataset store); the 10,000
 * runs are copies of it inserted with SQL.
 *
 *   node bench/dist/web-pages.js            (npm run bench:web; build first: bash infra/scripts/build.sh)
 *
 * Figures (all milliseconds, measured inside the page with performance.now()):
 *   runs page, first useful paint: navigation start → the first row of the table painted (cold: new browser
 *     profile; warm: reload with the app's files cached);
 *   runs page, next page: click on "Next" → the next page's rows painted;
 *   samples page, first rows painted, then frame times while scrolling the 14,042-row list (steady wheel-like
 *     scrolling, fast flings, and jumps to random places as a scrollbar drag does), and how long rows stay
 *     placeholders after a jump until their page of samples arrives.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createDb } from '@studio/db';
import { sql } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import { createBenchDatabase } from './bench-database';
import { buildMmluCacheInChild, startFakeProvider } from './bench-processes';
import { launchChromium, ROOT, stackEnv, startGateway, startWeb, startWorker, type StackProcess } from './studio-stack';

const RUNS = 10_000;
const NAVIGATIONS = 10;
const NEXT_PAGES = 10;

function stats(values: number[]): { n: number; mean: number; p50: number; p95: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { n: values.length, mean: values.reduce((a, b) => a + b, 0) / values.length, p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] };
}

const fmt = (s: ReturnType<typeof stats>) => `median ${s.p50.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms, max ${s.max.toFixed(0)} ms (n=${s.n})`;

async function json(res: Response): Promise<any> {
  const body = await res.json();
  if (!res.ok) throw new Error(`${res.status} ${JSON.stringify(body)}`);
  return body;
}

/** Records, from navigation start, when the first row of the page's table (or list) has been painted. */
const FIRST_ROW_SCRIPT = (selector: string) => `
  window.__firstRow = null;
  new MutationObserver((_, obs) => {
    if (window.__firstRow === null && document.querySelector(${JSON.stringify(selector)})) {
      obs.disconnect();
      // A task queued from requestAnimationFrame runs after the frame that shows the row has been painted.
      requestAnimationFrame(() => setTimeout(() => { window.__firstRow = performance.now(); }));
    }
  }).observe(document, { subtree: true, childList: true });
`;

async function firstRow(page: Page): Promise<number> {
  await page.waitForFunction(() => (window as any).__firstRow !== null, undefined, { timeout: 60_000 });
  return page.evaluate(() => (window as any).__firstRow as number);
}

async function runsPage(browser: Browser, web: string, token: string) {
  const cold: number[] = [];
  const warm: number[] = [];
  const next: number[] = [];
  for (let i = 0; i < NAVIGATIONS; i++) {
    // A new context is a new profile: nothing cached.
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addInitScript((t) => localStorage.setItem('openbench.token', t), token);
    await context.addInitScript(FIRST_ROW_SCRIPT('main table tbody tr'));
    const page = await context.newPage();
    await page.goto(`${web}/runs`);
    cold.push(await firstRow(page));
    await page.reload();
    warm.push(await firstRow(page));
    if (i === 0) {
      for (let p = 0; p < NEXT_PAGES; p++) {
        next.push(
          await page.evaluate(
            () =>
              new Promise<number>((resolve) => {
                const firstLink = () => document.querySelector('main table tbody tr a[href^="/runs/"]')?.getAttribute('href');
                const before = firstLink();
                const t0 = performance.now();
                const obs = new MutationObserver(() => {
                  if (firstLink() !== before) {
                    obs.disconnect();
                    requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0)));
                  }
                });
                obs.observe(document.querySelector('main')!, { subtree: true, childList: true, attributes: true });
                [...document.querySelectorAll('button')].find((b) => b.textContent === 'Next')!.click();
              }),
          ),
        );
      }
    }
    await context.close();
  }
  return { cold: stats(cold), warm: stats(warm), next: stats(next) };
}

/** Frame times (ms between animation frames) while `move` changes the list's scroll position once per frame. */
const SCROLL_SCRIPT = (mode: 'steady' | 'fling' | 'jump', frames: number) => `
  new Promise((resolve) => {
    const el = document.querySelector('[role=listbox]');
    const times = [];
    let last = 0;
    let n = 0;
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const step = (ts) => {
      if (last) times.push(ts - last);
      last = ts;
      if (${JSON.stringify(mode)} === 'steady') el.scrollTop += 60;
      else if (${JSON.stringify(mode)} === 'fling') el.scrollTop += 4000;
      else el.scrollTop = random() * (el.scrollHeight - el.clientHeight);
      if (++n < ${frames}) requestAnimationFrame(step); else resolve(times);
    };
    requestAnimationFrame(step);
  })
`;

async function samplesPage(browser: Browser, web: string, token: string, runId: string) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addInitScript((t) => localStorage.setItem('openbench.token', t), token);
  await context.addInitScript(FIRST_ROW_SCRIPT('[role=listbox] [role=option] .font-mono'));
  const page = await context.newPage();
  await page.goto(`${web}/runs/${runId}/samples`);
  const first = await firstRow(page);
  const total = await page.evaluate(() => document.querySelector('[role=listbox]')!.getAttribute('aria-label'));
  const scroll: Record<string, ReturnType<typeof stats> & { over16: number; over33: number }> = {};
  for (const [mode, frames] of [['steady', 600], ['fling', 300], ['jump', 120]] as const) {
    await page.evaluate(() => (document.querySelector('[role=listbox]')!.scrollTop = 0));
    await page.waitForTimeout(500);
    const times = (await page.evaluate(SCROLL_SCRIPT(mode, frames))) as number[];
    scroll[mode] = { ...stats(times), over16: times.filter((t) => t > 16.7 * 1.5).length / times.length, over33: times.filter((t) => t > 33.4).length / times.length };
  }
  // After a jump far down the list: how long its rows show placeholders until their page of samples arrives.
  const fill: number[] = [];
  for (let i = 0; i < 10; i++) {
    fill.push(
      await page.evaluate(
        (fraction) =>
          new Promise<number>((resolve) => {
            const el = document.querySelector('[role=listbox]')!;
            el.scrollTop = fraction * (el.scrollHeight - el.clientHeight);
            const t0 = performance.now();
            const check = () => {
              if (!el.querySelector('.skeleton')) resolve(performance.now() - t0);
              else requestAnimationFrame(check);
            };
            requestAnimationFrame(check);
          }),
        (i * 0.37 + 0.05) % 1,
      ),
    );
  }
  await context.close();
  return { list: total, first, scroll, fill: stats(fill) };
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'web-bench-'));
  const children: StackProcess[] = [];
  const database = await createBenchDatabase('bench_web');
  const provider = await startFakeProvider(0, 2);
  let browser: Browser | undefined;
  try {
    const questions = await buildMmluCacheInChild(join(work, 'datasets'));
    const env = stackEnv(database.url);
    const gateway = await startGateway(env);
    children.push(gateway);
    children.push(await startWorker({ ...env, DATA_DIR: work, DATASETS_OFFLINE: 'true' }));
    const api = `${gateway.url}/api`;
    const { access_token: token } = await json(
      await fetch(`${api}/auth/register`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'bench@example.com', password: 'benchmark-password' }) }),
    );
    const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    await json(await fetch(`${api}/api-keys`, { method: 'POST', headers: auth, body: JSON.stringify({ provider: 'openai', key: 'sk-bench-0123456789', base_url: provider.baseUrl }) }));

    process.stderr.write(`running MMLU over all ${questions} questions through the worker…\n`);
    const started = Date.now();
    const { run_id: runId } = await json(await fetch(`${api}/runs`, { method: 'POST', headers: auth, body: JSON.stringify({ benchmark: 'mmlu', model: 'openai/bench-model', max_connections: 100 }) }));
    for (;;) {
      const run = await json(await fetch(`${api}/runs/${runId}?log_lines=0`));
      if (run.status === 'completed') break;
      if (run.status === 'failed' || run.status === 'canceled') throw new Error(`the MMLU run ${run.status}: ${run.error}`);
      await new Promise((r) => setTimeout(r, 1000));
    }
    process.stderr.write(`  done in ${((Date.now() - started) / 1000).toFixed(0)} s; inserting ${RUNS} runs…\n`);

    const db = createDb(database.url, { max: 1 });
    await sql`
      insert into runs (run_id, user_id, benchmark, model, status, config, created_at, started_at, finished_at, exit_code,
                        progress_current, progress_total, primary_metric, primary_metric_name, metrics, breakdowns,
                        input_tokens, output_tokens, total_tokens, tags, eval_id, task_id)
      select gen_random_uuid(), r.user_id,
             (array['mmlu','gsm8k','gpqa_diamond','hellaswag','arc_challenge','drop'])[1 + i % 6],
             (array['openai/gpt-4o','openai/gpt-4o-mini','anthropic/claude-sonnet-4','groq/llama-3.3-70b','google/gemini-2.5-pro','mistral/mistral-large','together/qwen-2.5-72b','local/vllm-llama'])[1 + (i / 6) % 8],
             (array['completed','completed','completed','completed','failed','canceled'])[1 + i % 6],
             r.config, now() - i * interval '7 minutes', now() - i * interval '7 minutes' + interval '5 seconds',
             now() - i * interval '7 minutes' + interval '3 minutes', 0, r.progress_current, r.progress_total,
             0.4 + (i % 53) / 100.0, r.primary_metric_name, r.metrics, r.breakdowns,
             r.input_tokens, r.output_tokens, r.total_tokens,
             case when i % 3 = 0 then array['nightly'] when i % 3 = 1 then array['baseline','team-a'] else '{}'::text[] end,
             r.eval_id, r.task_id
      from runs r, generate_series(1, ${RUNS - 1}) as i
      where r.run_id = ${runId}
    `.execute(db);
    await db.destroy();

    const web = await startWeb(gateway.url);
    children.push(web);
    browser = await launchChromium();
    process.stderr.write('measuring the runs page…\n');
    const runs = await runsPage(browser, web.url, token);
    process.stderr.write('measuring the samples page…\n');
    const samples = await samplesPage(browser, web.url, token, runId);

    const machine = {
      cpu: `${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}`,
      memory_gb: Math.round(totalmem() / 2 ** 30),
      load_average: loadavg().map((l) => l.toFixed(2)).join(' '),
      node: process.version,
      chromium: browser.version(),
    };
    const report = { machine, runs_in_database: RUNS, runs, samples };
    const out = join(ROOT, 'test-output/bench');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'web-pages.json'), `${JSON.stringify(report, null, 2)}\n`);

    const lines = [
      `machine: ${machine.cpu}, ${machine.memory_gb} GB, load ${machine.load_average}, Node ${machine.node}, Chromium ${machine.chromium}`,
      `runs page (${RUNS.toLocaleString('en-US')} runs), first useful paint, cold: ${fmt(runs.cold)}`,
      `runs page, first useful paint, warm: ${fmt(runs.warm)}`,
      `runs page, time to next page: ${fmt(runs.next)}`,
      `samples page (${samples.list}), first rows painted: ${samples.first.toFixed(0)} ms`,
      ...Object.entries(samples.scroll).map(
        ([mode, s]) => `samples scroll, ${mode}: frame time mean ${s.mean.toFixed(1)} ms, p50 ${s.p50.toFixed(1)}, p95 ${s.p95.toFixed(1)}, max ${s.max.toFixed(1)}; frames over 25 ms ${(s.over16 * 100).toFixed(1)}%, over 33 ms ${(s.over33 * 100).toFixed(1)}%`,
      ),
      `samples after a jump, placeholders until filled: ${fmt(samples.fill)}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n(also in test-output/bench/web-pages.json)\n`);
  } finally {
    await browser?.close();
    for (const child of children.reverse()) await child.stop();
    provider.stop();
    await database.drop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`web-pages bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
