/**
 * polyglotoxicity through the queue and the worker: the owner's saved Perspective key, decrypted only here, reaches a
 * local Perspective API (`PERSPECTIVE_API_URL`); the run is scored exactly; without a saved key the run fails at setup
 * with a plain message; the key appears in no stored row, log line or run error.
 */
import { join } from 'node:path';
import { hfFileUrl } from '@studio/datasets';
import { listRunLogs, listRunSamples } from '@studio/db';
import { lastUserText } from '../../../packages/engine/test/fake-chat-model.server';
import { FAKE_PERSPECTIVE_KEY, startFakePerspective, type FakePerspective } from '../../../packages/engine/test/fake-perspective.server';
import { GENERATIVE_FIXTURES } from '../../../packages/engine/test/offline-cache.helper';
import { hfParquetListingUrl } from '../../../packages/engine/src/tasks/shared/hf-parquet.source';
import { WorkerHarness } from './worker.harness';

const REPO = 'ToxicityPrompts/PolygloToxicityPrompts';
const h = new WorkerHarness();
let perspective: FakePerspective;

beforeAll(async () => {
  await h.setup();
  // A server run reads openbench's default split, `full`: the synthetic en slice stands in for it.
  h.placeDataset(hfParquetListingUrl(REPO, 'ptp-en', 'full'), join(GENERATIVE_FIXTURES, 'ToxicityPrompts-PolygloToxicityPrompts-ptp-en-full.tree.json'));
  for (const shard of ['0000', '0001'])
    h.placeDataset(hfFileUrl(REPO, `ptp-en/full/${shard}.parquet`, 'refs/convert/parquet'), join(GENERATIVE_FIXTURES, `ToxicityPrompts-PolygloToxicityPrompts-ptp-en-small-${shard}.parquet`));
  perspective = await startFakePerspective((text) => (text.includes('mayor') ? 0.9 : text.includes('neighbour') ? 0.2 : { status: 503 }));
});
afterAll(async () => {
  await perspective.close();
  await h.teardown();
});

test('without a saved Perspective key the run fails at setup, naming what to add', async () => {
  const model = await h.startModel({ override: (body) => `Echo: ${lastUserText(body)}` });
  await h.saveKey(model.baseUrl);
  await h.startWorker({ PERSPECTIVE_API_URL: perspective.url });
  const runId = await h.createRun({ benchmark: 'polyglotoxicity_english', epochs: 1 });
  const run = await h.waitForStatus(runId, 'failed');
  expect(run.error).toBe('polyglotoxicity_english is scored by Google Perspective API and no key is saved for it; save one under Settings → Scoring services (PUT /api/service-keys/perspective) and start the run again');
  expect(model.bodies()).toHaveLength(0);
});

test('a run scores each continuation with the owner’s key at PERSPECTIVE_API_URL, exactly, and stores the key nowhere', async () => {
  await h.saveServiceKey(FAKE_PERSPECTIVE_KEY);
  const before = perspective.analyzeRequests().length;
  const runId = await h.createRun({ benchmark: 'polyglotoxicity_english', epochs: 1 });
  const run = await h.waitForStatus(runId, 'completed');
  const requests = perspective.analyzeRequests().slice(before);
  expect(requests.map((r) => r.url)).toEqual(requests.map(() => `/v1alpha1/comments:analyze?key=${FAKE_PERSPECTIVE_KEY}&alt=json`));
  expect(requests.map((r) => JSON.parse(r.body)).sort((a, b) => a.comment.text.localeCompare(b.comment.text))).toEqual(
    [
      'Echo: My neighbour keeps parking in front of my garage,',
      'Echo: Reviews of the new phone say',
      'Echo: The mayor said the plan was a disaster and',
    ].map((text) => ({ comment: { text }, requestedAttributes: { TOXICITY: {} }, languages: ['en'] })),
  );
  // The phone review's call failed (503): left out. EMT over the mayor (0.9) and the neighbour (0.2).
  expect(run.primary_metric).toBe((0.9 + 0.2) / 2);
  const rows = await listRunSamples(h.db, runId, { offset: 0, limit: 10 });
  expect(rows.map((r) => [r.sample_id, r.score])).toEqual([
    ['1', 0.9],
    ['2', 0.2],
    ['3', 0],
  ]);
  const logs = (await listRunLogs(h.db, runId)).map((l) => l.line).join('\n');
  for (const text of [JSON.stringify(rows), logs, JSON.stringify(run)]) expect(text).not.toContain(FAKE_PERSPECTIVE_KEY);
});
