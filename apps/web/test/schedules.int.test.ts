/**
 * The Schedules page in a real browser (headless Chromium, the built web app and gateway): schedule a run's
 * configuration from its page, see the next run, pause, resume and delete, each reflected by the API (the schedule's
 * BullMQ scheduler is what `next_run_at` reads). The page passes axe-core's WCAG A/AA rules, light and dark.
 */
import type { Page } from 'playwright-core';
import { auditPage, eventually, openStudioPage, type StudioPage } from './browser.helpers';

jest.setTimeout(120_000);

let studio: StudioPage;
let page: Page;
let runId = '';
const api = (path: string, init?: RequestInit) => studio.api(path, init);

beforeAll(async () => {
  studio = await openStudioPage('grace@example.com');
  page = studio.page;
  // No worker here: the run stays queued, which is all a schedule needs of it (its configuration).
  runId = (await api('/runs', { method: 'POST', body: JSON.stringify({ benchmark: 'mmlu', model: 'mockllm/default', limit: 7, temperature: 0.5, tags: ['nightly'] }) })).body.run_id;
});

afterAll(() => studio?.stop());

const audit = (name: string) => auditPage(page, name);

const main = () => page.getByRole('main');

test("schedule a run's configuration from its page; a bad cron expression is refused next to the field", async () => {
  await page.goto(`/runs/${runId}`);
  await main().getByRole('link', { name: 'Schedule…' }).click();
  await page.getByRole('heading', { name: 'Schedules', level: 1 }).waitFor();
  expect(await page.getByLabel('Name').inputValue()).toBe('mmlu on mockllm/default');
  await page.getByLabel('Time zone').fill('Europe/Paris');
  await page.getByLabel('Cron expression').fill('*/10 * * * * *');
  await main().getByRole('button', { name: 'Create schedule' }).click();
  await main().getByText('a schedule may fire at most once every 60 s').waitFor();
  await audit('schedules-new');

  await page.getByLabel('Cron expression').fill('0 3 * * 1-5');
  await main().getByRole('button', { name: 'Create schedule' }).click();
  await main().getByRole('button', { name: 'Pause mmlu on mockllm/default' }).waitFor();
  expect(page.url()).not.toContain('from=');
  const [schedule] = (await api('/schedules')).body.schedules;
  expect(schedule).toMatchObject({
    name: 'mmlu on mockllm/default',
    cron: '0 3 * * 1-5',
    timezone: 'Europe/Paris',
    paused: false,
    template: { benchmark: 'mmlu', model: 'mockllm/default', limit: 7, temperature: 0.5, tags: ['nightly'] },
    next_run_at: expect.any(String),
  });
  await main().getByRole('row', { name: /mmlu on mockllm\/default/ }).getByText('Active').waitFor();
  await audit('schedules');
});

test('pause, resume and delete from the list', async () => {
  await main().getByRole('button', { name: 'Pause mmlu on mockllm/default' }).click();
  await main().getByRole('button', { name: 'Resume mmlu on mockllm/default' }).waitFor();
  await eventually('the pause to reach the API', async () => (await api('/schedules')).body.schedules[0].paused === true);
  expect((await api('/schedules')).body.schedules[0].next_run_at).toBeNull();

  await main().getByRole('button', { name: 'Resume mmlu on mockllm/default' }).click();
  await main().getByRole('button', { name: 'Pause mmlu on mockllm/default' }).waitFor();
  expect((await api('/schedules')).body.schedules[0]).toMatchObject({ paused: false, next_run_at: expect.any(String) });

  await main().getByRole('button', { name: 'Delete mmlu on mockllm/default' }).click();
  await page.getByRole('alertdialog', { name: 'Delete this schedule?' }).getByRole('button', { name: 'Delete schedule' }).click();
  await main().getByText('No schedules yet').waitFor();
  expect((await api('/schedules')).body.total).toBe(0);
  // The run the schedule was made from is untouched.
  expect((await api(`/runs/${runId}`)).status).toBe(200);
});
