/**
 * Task arguments (openbench's `-T`) in a real browser (headless Chromium, the built web app and gateway): typed on the
 * New run form one `key=value` per line, refused next to the field with the benchmark's own message when the task does
 * not take one, then stored with the run, shown on its page and in its command, and carried into "Run again with
 * changes"; a benchmark with fixed judges shows no grader line. Each page passes axe-core's WCAG A/AA rules and is saved as a screenshot, light and dark.
 */
import type { Page } from 'playwright-core';
import { auditPage, eventually, openStudioPage, type StudioPage } from './browser.helpers';

jest.setTimeout(120_000);

// No worker: the run stays queued, which is all this test needs of it (its stored configuration).
let studio: StudioPage;
let page: Page;
const api = (path: string, init?: RequestInit) => studio.api(path, init);

beforeAll(async () => {
  studio = await openStudioPage('ada@example.com');
  page = studio.page;
});

afterAll(() => studio?.stop());

const audit = (name: string) => auditPage(page, name);

const main = () => page.getByRole('main');

test('an argument GSM8K does not take is refused at the field; split=train is stored, shown on the run page and kept by Run again', async () => {
  await page.goto('/new');
  await page.getByLabel('Search benchmarks').fill('gsm8k');
  await page.getByRole('radio', { name: /\sgsm8k$/ }).check();
  await page.getByLabel('Model', { exact: true }).fill('mockllm/default');
  const field = page.getByRole('textbox', { name: 'Task arguments' });
  // The catalog does not list a benchmark's arguments, so the placeholder shows the form, not another's argument.
  expect(await field.getAttribute('placeholder')).toBe('key=value');

  // A line that is not key=value never leaves the browser.
  await field.fill('train');
  await main().getByRole('button', { name: 'Start run' }).click();
  await main().getByText('Line 1: write it as key=value', { exact: true }).waitFor();

  // One the benchmark does not take: the server's 422 (task_args.splt), shown at the field.
  await field.fill('splt=train');
  await main().getByRole('button', { name: 'Start run' }).click();
  await main().getByText('gsm8k does not accept task argument(s) splt; it accepts split').waitFor();
  expect(await field.getAttribute('aria-invalid')).toBe('true');
  expect((await api('/runs')).body.total).toBe(0);
  await audit('new-run-task-args-refused');

  await field.fill('split=train');
  await main().getByRole('button', { name: 'Start run' }).click();
  await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
  const runId = page.url().split('/').pop()!;
  expect((await api(`/runs/${runId}`)).body.config.task_args).toEqual({ split: 'train' });

  const config = main().getByRole('region', { name: 'Configuration' });
  await config.getByText('Task arguments', { exact: true }).waitFor();
  await config.getByText('split=train', { exact: true }).waitFor();
  await config.getByText('Grader model', { exact: true }).waitFor();
  await config.getByText('bench eval gsm8k --model mockllm/default --limit 10 -T split=train').waitFor();
  await audit('run-task-args');

  await main().getByRole('link', { name: 'Run again with changes' }).click();
  await page.waitForURL(/\/new\?from=/);
  // The form fills in once the earlier run has loaded.
  await eventually('the task arguments to be filled in', async () => (await page.getByRole('textbox', { name: 'Task arguments' }).inputValue()) === 'split=train');
});

test('a deep_research_bench run names its fixed judges where other runs show their grader model', async () => {
  // Its fixed judges need a Google key and its citations Jina's (no worker: the run stays queued).
  expect((await api('/api-keys', { method: 'POST', body: JSON.stringify({ provider: 'google', key: 'AIzaSyGoogle-judges-0123456789abcdef' }) })).status).toBe(200);
  expect((await api('/service-keys/jina', { method: 'PUT', body: JSON.stringify({ key: 'jina_0123456789abcdefghijklmnopqrstuvwxyz' }) })).status).toBe(200);
  const created = await api('/runs', { method: 'POST', body: JSON.stringify({ benchmark: 'deep_research_bench', model: 'mockllm/default', limit: 1 }) });
  expect(created.status).toBe(200);
  // The page learns the judges from the benchmark's catalog entry (requirements.judges).
  const entry = page.waitForResponse((r) => r.url().endsWith('/api/benchmarks/deep_research_bench') && r.ok());
  await page.goto(`/runs/${created.body.run_id}`);
  await entry;
  const config = main().getByRole('region', { name: 'Configuration' });
  await config.getByText('Max connections', { exact: true }).waitFor();
  await config.getByText('race: google/gemini-2.5-pro-preview-06-05', { exact: true }).waitFor();
  await config.getByText('fact: google/gemini-2.5-flash-preview-05-20', { exact: true }).waitFor();
  expect(await config.getByText('Judges', { exact: true }).count()).toBe(1);
  expect(await config.getByText('Grader model', { exact: true }).count()).toBe(0);
  await audit('run-fixed-judges');
});
