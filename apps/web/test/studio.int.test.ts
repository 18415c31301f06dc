/**
 * The Studio in a real browser: headless Chromium against the built web app (`vite preview`, proxying /api),
 * the built gateway and worker as child processes, Postgres and Redis, a local OpenAI-compatible model and the
 * offline MMLU fixture. A person's first session, step by step, found by role and accessible name: register, add
 * their own endpoint, run MMLU and watch it finish, read the samples, open the Inspect viewer, run again with
 * another model, compare the two (a known number of flipped samples), delete. Every page passes axe-core's WCAG
 * A/AA rules and is saved as a screenshot, light and dark, under test-output/web.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestDatabase, type TestDatabase } from '@studio/db/testing';
import { hfFileUrl } from '@studio/datasets';
import { getTask, type Sample } from '@studio/engine';
import { launchChromium, stackEnv, startGateway, startWeb, startWorker, type StackProcess } from '../../../bench/src/studio-stack';
import { startFakeChatModel, lastUserText, type FakeChatModel } from '../../../packages/engine/test/fake-chat-model.server';
import { loadMmluRunSamples, mmluAnswer } from '../../../packages/engine/test/mmlu-run.helper';
import { MCQ_FIXTURES, placeInCache } from '../../../packages/engine/test/offline-cache.helper';
import { auditPage, eventually, screenshot } from './browser.helpers';

jest.setTimeout(180_000);

const LIMIT = 20;
let db: TestDatabase;
let gateway: StackProcess;
let worker: StackProcess;
let web: StackProcess;
let model: FakeChatModel;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let samples: readonly Sample[];
const dataDir = mkdtempSync(join(tmpdir(), 'web-e2e-'));

/** Model B's policy: right on odd sample ids, wrong on even ones (model A, `mmluAnswer`, is wrong on multiples of 3). */
function answerB(sample: Sample): string {
  const target = String(sample.target);
  return `Answer: ${Number(sample.id) % 2 === 1 ? target : 'ABCD'[('ABCD'.indexOf(target) + 1) % 4]}`;
}
const rightA = (s: Sample) => Number(s.id) % 3 !== 0;
const rightB = (s: Sample) => Number(s.id) % 2 === 1;

beforeAll(async () => {
  db = await createTestDatabase();
  samples = await loadMmluRunSamples(join(dataDir, 'datasets'));
  const byPrompt = new Map(samples.map((s) => [s.input as string, s]));
  // The ANLI slice at each round's URL, for the eval group: the model answers those questions right.
  const cacheDir = join(dataDir, 'datasets');
  for (const round of [1, 2, 3]) placeInCache(cacheDir, hfFileUrl('facebook/anli', `plain_text/test_r${round}/0000.parquet`, 'refs/convert/parquet'), join(MCQ_FIXTURES, 'anli.parquet'));
  const anli = new Map((await getTask('anli_r1').dataset.load({ cacheDir, offline: true })).map((s) => [s.input as string, String(s.target)]));
  // Slow enough (2 connections × 250 ms) that the page watches the run move.
  model = await startFakeChatModel({
    latencyMs: 250,
    usage: { prompt_tokens: 120, completion_tokens: 4, total_tokens: 124 },
    respond: (body) => {
      const sample = byPrompt.get(lastUserText(body));
      const anliTarget = anli.get(lastUserText(body));
      if (anliTarget) return `ANSWER: ${anliTarget}`;
      if (!sample) return { status: 400, body: { error: { message: 'unknown prompt' } } };
      return body.model === 'model-b' ? answerB(sample) : mmluAnswer(sample);
    },
  });
  const env = stackEnv(db.url);
  gateway = await startGateway(env);
  worker = await startWorker({ ...env, DATABASE_POOL_SIZE: '4', DATA_DIR: dataDir, DATASETS_OFFLINE: 'true', PROGRESS_INTERVAL_MS: '100', SAMPLE_FLUSH_MS: '100', WORKER_CONCURRENCY: '1' });
  web = await startWeb(gateway.url);
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1366, height: 900 }, baseURL: web.url });
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await Promise.allSettled([web?.stop(), worker?.stop(), gateway?.stop()]);
  await model?.close();
  await db?.destroy();
  rmSync(dataDir, { recursive: true, force: true });
});

const audit = (name: string) => auditPage(page, name);

const main = () => page.getByRole('main');
let runA = '';
let runB = '';

test('register, and the runs page says how to start', async () => {
  await page.goto('/');
  await page.waitForURL(/\/login/);
  await audit('login');
  await page.getByRole('tab', { name: 'Create account' }).click();
  await page.getByLabel('Email').fill('ada@example.com');
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'Runs', level: 1 }).waitFor();
  await main().getByText('No runs yet').waitFor();
  await audit('runs-empty');
});

test('add a key for my own OpenAI-compatible endpoint', async () => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await main().getByRole('button', { name: 'Add a key' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a provider key' });
  await dialog.getByLabel('Provider').selectOption({ label: 'Custom OpenAI-compatible endpoint…' });
  await dialog.getByLabel('Endpoint name').fill('local');
  await dialog.getByLabel('API key').fill('sk-local-0123456789abcd');
  await dialog.getByLabel('Base URL').fill(model.baseUrl);
  await audit('settings-add-key');
  await dialog.getByRole('button', { name: 'Save key' }).click();
  await dialog.waitFor({ state: 'detached' });
  const row = main().getByRole('row').filter({ hasText: 'local' });
  await row.getByText('...abcd').waitFor();
  expect(await main().getByText('sk-local-0123456789abcd').count()).toBe(0);
  await audit('settings');
});

test('save a Google Perspective API key (for polyglotoxicity), shown only by its end, then delete it', async () => {
  const section = main().getByRole('region', { name: 'Scoring services' });
  // Every service of the API's table has its row: Jina's too (deep_research_bench).
  await section.getByText('Not set. Scores deep_research_bench', { exact: false }).waitFor();
  await section.getByText('Not set. Scores polyglotoxicity', { exact: false }).waitFor();
  await section.getByLabel('Google Perspective API key', { exact: true }).fill('AIza-web-0123456789wxyz');
  await section.getByRole('button', { name: 'Save Perspective key' }).click();
  await section.getByText('...wxyz').waitFor();
  expect(await section.getByLabel('Google Perspective API key', { exact: true }).inputValue()).toBe('');
  expect(await page.getByText('AIza-web-0123456789wxyz').count()).toBe(0);
  await audit('settings-service-key');
  await section.getByRole('button', { name: 'Delete the Google Perspective API key' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete key' }).click();
  await section.getByText('Not set. Scores polyglotoxicity', { exact: false }).waitFor();
  await section.getByRole('button', { name: 'Save Perspective key' }).waitFor();
});

test('start an MMLU run and watch its progress reach 100%', async () => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New run' }).click();
  // A benchmark this engine cannot run says why in its details.
  await page.getByLabel('Show benchmarks this engine cannot run yet').check();
  await page.getByLabel('Search benchmarks').fill('cybench');
  await page.getByRole('button', { name: 'Details of CyBench' }).click();
  const details = page.getByRole('dialog', { name: 'CyBench' });
  await details.getByText('Needs Docker containers and tool calling (capture-the-flag agent)').waitFor();
  await details.getByRole('button', { name: 'Close' }).click();
  await page.getByLabel('Show benchmarks this engine cannot run yet').uncheck();
  await page.getByLabel('Search benchmarks').fill('mmlu');
  await page.getByRole('radio', { name: /^MMLU \(cais\/mmlu\)\s*mmlu$/ }).check();
  await page.getByLabel('Model', { exact: true }).selectOption('local/fake-model');
  await page.getByLabel('Sample limit').fill(String(LIMIT));
  await page.getByText('Generation and execution options').click();
  await page.getByLabel('Max connections').fill('2');
  await page.getByLabel('Tags').fill('baseline, e2e');
  await audit('new-run');
  await page.getByRole('button', { name: 'Start run' }).click();
  await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
  runA = page.url().split('/').pop()!;

  const bar = page.getByRole('progressbar', { name: 'Run progress' });
  const seen = new Set<string>();
  await eventually('the run to reach 100%', async () => {
    const now = await bar.getAttribute('aria-valuenow', { timeout: 10_000 }).catch(() => null);
    if (now) seen.add(now);
    return now === '100';
  }, 60_000);
  expect(seen.size).toBeGreaterThan(1);
  await main().getByText('completed', { exact: true }).first().waitFor();
  const accuracy = samples.slice(0, LIMIT).filter(rightA).length / LIMIT;
  await main().getByRole('heading', { name: 'Metrics' }).waitFor();
  await main().getByText(accuracy.toFixed(3), { exact: true }).first().waitFor();
  await main().getByText('baseline').first().waitFor();
  await audit('run');
});

test('write notes on the run, kept after a reload', async () => {
  await main().getByRole('button', { name: 'Add notes' }).click();
  await main().getByLabel('Notes').fill('  Baseline before the prompt change  ');
  await main().getByRole('button', { name: 'Save notes' }).click();
  await main().getByText('Baseline before the prompt change', { exact: true }).waitFor();
  await page.reload();
  await main().getByText('Baseline before the prompt change', { exact: true }).waitFor();
  await main().getByRole('button', { name: 'Edit notes' }).waitFor();
});

test('read the samples, filtered to the wrong ones', async () => {
  await main().getByRole('link', { name: 'Samples', exact: true }).click();
  const list = main().getByRole('listbox', { name: `Samples (${LIMIT})` });
  await list.waitFor();
  const wrong = samples.slice(0, LIMIT).filter((s) => !rightA(s));
  await main().getByRole('button', { name: `Incorrect ${wrong.length}` }).click();
  await main().getByRole('listbox', { name: `Samples (${wrong.length})` }).waitFor();
  await main().getByRole('option').first().click();
  const detail = main().getByRole('article', { name: `Sample ${wrong[0].id}, epoch 1` });
  await detail.waitFor();
  await detail.getByText('incorrect', { exact: true }).waitFor();
  await audit('samples');
});

test('open the run in the Inspect viewer', async () => {
  await main().getByRole('link', { name: 'Open in Inspect viewer' }).click();
  const frame = page.frameLocator('iframe[title="Inspect log viewer"]');
  // The viewer read the log over HTTP range requests and lists its samples.
  await frame.getByText('mmlu').first().waitFor({ timeout: 30_000 });
  await frame.getByText(String(samples[1].id), { exact: true }).first().waitFor({ timeout: 30_000 });
  await screenshot(page, 'inspect-light');
});

test('run again with another model, then compare the two runs', async () => {
  await page.goto(`/runs/${runA}`);
  await main().getByRole('link', { name: 'Run again with changes' }).click();
  await main().getByRole('link', { name: /mmlu on local\/fake-model/ }).waitFor();
  expect(await page.getByLabel('Sample limit').inputValue()).toBe(String(LIMIT));
  await page.getByLabel('Model', { exact: true }).selectOption({ label: 'Other: type provider/model…' });
  await page.getByLabel('Model id').fill('local/model-b');
  await page.getByRole('button', { name: 'Start run' }).click();
  await page.waitForURL((url) => /\/runs\/[0-9a-f-]{36}$/.test(url.pathname) && !url.pathname.endsWith(runA));
  runB = page.url().split('/').pop()!;
  await main().getByRole('heading', { name: 'Metrics' }).waitFor({ timeout: 60_000 });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Runs' }).click();
  await main().getByRole('checkbox', { name: 'Select run mmlu on local/fake-model' }).check();
  await main().getByRole('checkbox', { name: 'Select run mmlu on local/model-b' }).check();
  await audit('runs');
  await main().getByRole('button', { name: 'Compare' }).click();
  await page.waitForURL(/\/compare\?ids=/);

  const first = samples.slice(0, LIMIT);
  const toCorrect = first.filter((s) => !rightA(s) && rightB(s)).length;
  const toIncorrect = first.filter((s) => rightA(s) && !rightB(s)).length;
  // Runs are compared in the order they were picked: A is model A's run.
  const pairs = main().getByRole('table', { name: 'Paired comparison of each pair of runs' });
  const row = pairs.getByRole('row').nth(1);
  await row.waitFor();
  const cells = await row.getByRole('cell').allInnerTexts();
  expect(cells.slice(2, 7).map(Number)).toEqual([
    LIMIT,
    first.filter((s) => rightA(s) && rightB(s)).length,
    first.filter((s) => !rightA(s) && !rightB(s)).length,
    toIncorrect,
    toCorrect,
  ]);
  await main().getByRole('tab', { name: `Right only in A (${toIncorrect})` }).waitFor();
  await main().getByRole('tab', { name: `Right only in B (${toCorrect})` }).click();
  const flipped = main().getByRole('listitem').filter({ hasText: /^Sample/ });
  await flipped.first().waitFor();
  expect(await flipped.count()).toBe(toCorrect);
  await audit('compare');
});

test('the leaderboard ranks both models', async () => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Leaderboard' }).click();
  const table = main().getByRole('table', { name: 'Best completed run of each model on mmlu' });
  await table.waitFor();
  expect(await table.getByRole('row').count()).toBe(3);
  await audit('leaderboard');
  // The theme menu pins dark over the system's light, and gives it back.
  await page.getByRole('button', { name: /^Theme/ }).click();
  await page.getByRole('menuitemradio', { name: 'Dark' }).click();
  expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(true);
  await page.getByRole('button', { name: /^Theme/ }).click();
  await page.getByRole('menuitemradio', { name: 'System' }).click();
  expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(false);
});

test('delete a run', async () => {
  await page.goto(`/runs/${runB}`);
  await main().getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('alertdialog', { name: 'Delete this run?' }).getByRole('button', { name: 'Delete run' }).click();
  await page.waitForURL(/\/runs$/);
  await main().getByRole('checkbox', { name: 'Select run mmlu on local/fake-model' }).waitFor();
  expect(await main().getByRole('checkbox', { name: 'Select run mmlu on local/model-b' }).count()).toBe(0);
  // Filters live in the URL: a tag chip filters the list, and the address can be shared.
  await main().getByRole('button', { name: 'Show runs tagged e2e' }).click();
  await page.waitForURL(/[?&]tag=e2e/);
  await main().getByText('1 run matches these filters').waitFor();
  const res = await fetch(`${gateway.url}/api/runs/${runB}`);
  expect(res.status).toBe(404);
});

test('a suite of two models on MMLU: the heat map fills in live, each cell links to its run', async () => {
  const SUITE_LIMIT = 6;
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Suites' }).click();
  await main().getByRole('link', { name: 'New suite' }).click();
  await page.getByLabel('Search benchmarks').fill('mmlu');
  await main().getByRole('checkbox', { name: /^MMLU \(cais\/mmlu\)\s*mmlu$/ }).check();
  await main().getByRole('textbox', { name: 'Models' }).fill('local/fake-model\nlocal/model-b');
  await main().getByRole('textbox', { name: 'Name', exact: true }).fill('Two models on MMLU');
  await page.getByLabel('Sample limit').fill(String(SUITE_LIMIT));
  await audit('new-suite');
  await main().getByRole('button', { name: 'Start suite' }).click();
  await page.waitForURL(/\/suites\/[0-9a-f-]{36}$/);
  await main().getByRole('heading', { name: 'Two models on MMLU' }).waitFor();
  const first = samples.slice(0, SUITE_LIMIT);
  const expected = { 'local/fake-model': first.filter(rightA).length / SUITE_LIMIT, 'local/model-b': first.filter(rightB).length / SUITE_LIMIT };
  const heatMap = main().getByRole('table', { name: 'Results by model and benchmark' });
  for (const [model, accuracy] of Object.entries(expected)) {
    await heatMap.getByRole('link', { name: new RegExp(`^${model} on mmlu: Accuracy ${accuracy.toFixed(3)}\\s*\\[`) }).waitFor({ timeout: 60_000 });
    await heatMap.getByRole('row', { name: new RegExp(`^${model}`) }).getByRole('cell').last().getByText(accuracy.toFixed(3), { exact: true }).waitFor();
  }
  await main().getByText('completed', { exact: true }).first().waitFor();
  await audit('suite');
  await heatMap.getByRole('link', { name: /^local\/model-b on mmlu/ }).click();
  await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
  await main().getByText(`suite:`, { exact: false }).first().waitFor();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Suites' }).click();
  await main().getByRole('link', { name: 'Two models on MMLU' }).waitFor();
  await audit('suites');
});

test('an eval group from the New run catalog runs as a suite, and its page shows the group summary', async () => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New run' }).click();
  await main().getByText(/^Eval groups \(27 of 29 runnable\)/).click();
  await main().getByRole('link', { name: 'ANLI', exact: true }).click();
  await page.waitForURL(/\/suites\/new\?group=anli$/);
  await expect(main().getByRole('combobox', { name: 'Eval group' }).inputValue()).resolves.toBe('anli');
  await main().getByText('anli_r1, anli_r2, anli_r3').waitFor();
  await main().getByRole('textbox', { name: 'Models' }).fill('local/fake-model');
  await page.getByLabel('Sample limit').fill('2');
  await audit('new-suite-group');
  await main().getByRole('button', { name: 'Start suite' }).click();
  await page.waitForURL(/\/suites\/[0-9a-f-]{36}$/);
  await main().getByRole('heading', { name: 'Eval group anli on 1 model' }).waitFor();
  // Every round answered right: each member 1.0, so the summary is 100% with no spread.
  const summary = main().getByRole('table', { name: 'Group summary by model' });
  const row = summary.getByRole('row', { name: /^local\/fake-model/ });
  await row.getByText('100.00%', { exact: true }).first().waitFor({ timeout: 60_000 });
  expect(await row.getByRole('cell').allInnerTexts()).toEqual(['3', '6', '100.00%', '100.00%', '[100.00%, 100.00%]', '0.0000', '0.0000']);
  await audit('suite-group');
});

test('a session the server no longer accepts sends the person to sign in, with a message', async () => {
  // A token that looks valid for an hour but was not signed by this gateway (as after a secret rotation).
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const forged = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: randomBytes(8).toString('hex'), exp: Math.floor(Date.now() / 1000) + 3600 })}.c2lnbmF0dXJl`;
  await page.evaluate((t) => localStorage.setItem('openbench.token', t), forged);
  await page.goto('/settings');
  await page.waitForURL(/\/login\?redirect=/);
  await page.getByRole('status').filter({ hasText: 'Your session has expired. Sign in again to continue.' }).waitFor();
  await page.getByLabel('Email').fill('ada@example.com');
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Back where the person was going.
  await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
  await page.getByRole('button', { name: /^Account/ }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await page.waitForURL(/\/login/);
  expect(await page.evaluate(() => localStorage.getItem('openbench.token'))).toBeNull();
});
