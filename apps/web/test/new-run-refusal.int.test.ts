/**
 * A benchmark scored by an outside service with the user's key (here polyglotoxicity and Google's Perspective API) in a
 * real browser: before Start, the New run form names the service, links to where its key is saved and says whether it
 * is; a run started without the key shows the server's reason under the chosen benchmark, not only "fix the highlighted
 * fields".
 */
import type { Page } from 'playwright-core';
import { auditPage, eventually, openStudioPage, type StudioPage } from './browser.helpers';

jest.setTimeout(120_000);

// No worker: nothing here starts a run.
let studio: StudioPage;
let page: Page;

beforeAll(async () => {
  studio = await openStudioPage('grace@example.com');
  page = studio.page;
});

afterAll(() => studio?.stop());

const main = () => page.getByRole('main');
const serviceNote = () => main().getByRole('note', { name: 'Scoring services' });

async function choosePolyglotoxicity(): Promise<void> {
  await page.goto('/new');
  await page.getByLabel('Search benchmarks').fill('polyglotoxicity');
  await page.getByRole('radio', { name: /\spolyglotoxicity$/ }).check();
}

test('before Start, a benchmark scored by an outside service names it, where its key goes, and that none is saved', async () => {
  await page.goto('/new');
  await page.getByLabel('Search benchmarks').fill('gsm8k');
  await page.getByRole('radio', { name: /\sgsm8k$/ }).check();
  await main().getByRole('button', { name: 'Start run' }).waitFor();
  expect(await serviceNote().count()).toBe(0);

  await choosePolyglotoxicity();
  const card = main().getByRole('radiogroup').locator('.card').filter({ has: page.getByRole('radio', { name: /\spolyglotoxicity$/ }) });
  await card.getByText('Perspective key', { exact: true }).waitFor();
  await serviceNote().getByText('Scored by Google Perspective API with your own key, kept under Settings → Scoring services.').waitFor();
  await serviceNote().getByText('You have not saved one yet: the run is refused until you do.').waitFor();
  expect(await serviceNote().getByText('Your key is saved.').count()).toBe(0);
  await auditPage(page, 'new-run-scoring-service-unsaved');
});

test('a benchmark refused for a missing scoring-service key says so under the benchmark', async () => {
  await choosePolyglotoxicity();
  await page.getByLabel('Model', { exact: true }).fill('mockllm/default');
  await main().getByRole('button', { name: 'Start run' }).click();
  await main()
    .locator('#run-benchmark-error')
    .getByText('polyglotoxicity is scored by Google Perspective API, which needs your key; save it under Settings → Scoring services (PUT /api/service-keys/perspective)')
    .waitFor();
  expect((await studio.api('/runs')).body.total).toBe(0);
  await auditPage(page, 'new-run-benchmark-refused');
});

test("the note's link leads to the key's place in Settings; once saved there, the note says so", async () => {
  await choosePolyglotoxicity();
  await serviceNote().getByRole('link', { name: 'Settings → Scoring services' }).click();
  await page.waitForURL(/\/settings#scoring-services$/);
  await main().getByLabel('Google Perspective API key').fill('AIzaSyPerspective-0123456789abcdef');
  await main().getByRole('button', { name: 'Save Perspective key' }).click();
  await eventually('the key to be saved', async () => (await studio.api('/service-keys')).body.length === 1);

  await choosePolyglotoxicity();
  await serviceNote().getByText('Your key is saved.').waitFor();
  expect(await serviceNote().getByText('You have not saved one yet', { exact: false }).count()).toBe(0);
  await auditPage(page, 'new-run-scoring-service-saved');
});
