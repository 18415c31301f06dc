/**
 * A benchmark the server refuses for what the user has not saved (here polyglotoxicity without a Perspective key) in a
 * real browser: the New run form shows the server's reason under the chosen benchmark, not only "fix the highlighted
 * fields", so the user learns which key to save.
 */
import type { Page } from 'playwright-core';
import { auditPage, openStudioPage, type StudioPage } from './browser.helpers';

jest.setTimeout(120_000);

// No worker: nothing here starts a run.
let studio: StudioPage;
let page: Page;

beforeAll(async () => {
  studio = await openStudioPage('grace@example.com');
  page = studio.page;
});

afterAll(() => studio?.stop());

test('a benchmark refused for a missing scoring-service key says so under the benchmark', async () => {
  await page.goto('/new');
  await page.getByLabel('Search benchmarks').fill('polyglotoxicity');
  await page.getByRole('radio', { name: /\spolyglotoxicity$/ }).check();
  await page.getByLabel('Model', { exact: true }).fill('mockllm/default');
  const main = page.getByRole('main');
  await main.getByRole('button', { name: 'Start run' }).click();
  await main
    .locator('#run-benchmark-error')
    .getByText('polyglotoxicity is scored by Google Perspective API, which needs your key; save it under Settings → Scoring services (PUT /api/service-keys/perspective)')
    .waitFor();
  expect((await studio.api('/runs')).body.total).toBe(0);
  await auditPage(page, 'new-run-benchmark-refused');
});
