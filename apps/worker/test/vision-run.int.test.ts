/**
 * A vision benchmark through the queue and the worker: MMMU's images reach the model inline and intact, the run is
 * scored exactly, and the stored sample rows keep no image data (Inspect's `<base64-data-removed>` in its place).
 */
import { join } from 'node:path';
import { listRunSamples } from '@studio/db';
import { IMAGE_DATA_REMOVED } from '@studio/engine';
import type { ChatRequestBody } from '../../../packages/engine/test/fake-chat-model.server';
import { VISION_FIXTURES } from '../../../packages/engine/test/offline-cache.helper';
import { isSyntheticPng } from '../../../packages/engine/test/synthetic-png.helper';
import { MMMU_SUBJECTS, mmmuSource } from '../../../packages/engine/src/tasks/vision/mmmu.task';
import { WorkerHarness } from './worker.harness';

const h = new WorkerHarness();

beforeAll(() => h.setup());
afterAll(() => h.teardown());

type Part = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };
const partsOf = (body: ChatRequestBody): Part[] => (body.messages.at(-1) as unknown as { content: Part[] }).content;
const textOf = (body: ChatRequestBody): string => partsOf(body).map((p) => (p.type === 'text' ? p.text : '')).join('');

test('an mmmu run sends each question with its images, scores 2 of 3 and stores rows without the image data', async () => {
  for (const subject of MMMU_SUBJECTS) h.placeDataset(mmmuSource(subject, 'validation').url, join(VISION_FIXTURES, `MMMU-MMMU-${subject}-validation.parquet`));
  const model = await h.startModel({
    override: (body) => {
      const prompt = textOf(body);
      if (prompt.includes('Baxter Company')) return 'Answer: B';
      if (prompt.includes('blackberry')) return 'Answer: A';
      return 'The deflection is 1.06 in.';
    },
  });
  await h.saveKey(model.baseUrl);
  await h.startWorker();
  const runId = await h.createRun({ benchmark: 'mmmu' });
  const run = await h.waitForStatus(runId, 'completed');

  expect(run.primary_metric).toBeCloseTo(2 / 3, 15);
  const bodies = model.bodies();
  expect(bodies).toHaveLength(3);
  const images = (needle: string) =>
    partsOf(bodies.find((b) => textOf(b).includes(needle))!)
      .filter((p): p is Extract<Part, { type: 'image_url' }> => p.type === 'image_url')
      .map((p) => p.image_url.url.replace(/^data:image\/png;base64,/, ''));
  expect(images('Baxter Company').map((png) => isSyntheticPng(png, [12, 4, 1]))).toEqual([true]);
  const agriculture = images('blackberry');
  expect([isSyntheticPng(agriculture[0], [6, 6, 2]), isSyntheticPng(agriculture[1], [5, 3, 3])]).toEqual([true, true]);

  const rows = await listRunSamples(h.db, runId, { offset: 0, limit: 10 });
  expect(rows.map((r) => [r.sample_id, r.score])).toEqual([
    ['validation_Accounting_1', 1],
    ['validation_Agriculture_26', 0],
    ['validation_Architecture_and_Engineering_14', 1],
  ]);
  for (const row of rows) expect(JSON.stringify(row.record)).not.toContain('base64,');
  const stored = rows[1].record as { input: { content: { type: string; image?: string }[] }[] };
  expect(stored.input[0].content.map((part) => part.image ?? part.type)).toEqual(['text', IMAGE_DATA_REMOVED, IMAGE_DATA_REMOVED]);
});
