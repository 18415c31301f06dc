/**
 * deep_research_bench through the queue and the worker: the owner's saved Google key reaches both fixed Gemini judges
 * at the owner's Google endpoint, their saved Jina key the reader at `JINA_API_URL`; the run is scored exactly; without
 * a Jina key the run fails at setup; a judge refusing the Google key fails the run naming that judge; no key appears in
 * a stored row, log line or run error.
 */
import { join } from 'node:path';
import { listRunLogs, listRunSamples } from '@studio/db';
import { AGING, DRB_FILES, DRB_SCORES_51, drbArticle, drbJudge, drbPage, SURVEY } from '../../../packages/engine/test/deep-research-run.helper';
import { lastUserText } from '../../../packages/engine/test/fake-chat-model.server';
import { FAKE_GEMINI_KEY, startFakeGemini, type FakeGemini } from '../../../packages/engine/test/fake-gemini.server';
import { FAKE_JINA_KEY, startFakeJina, type FakeJina } from '../../../packages/engine/test/fake-jina.server';
import { GENERATIVE_FIXTURES } from '../../../packages/engine/test/offline-cache.helper';
import { WorkerHarness } from './worker.harness';

const h = new WorkerHarness();
let gemini: FakeGemini;
let jina: FakeJina;

beforeAll(async () => {
  await h.setup();
  for (const [url, file] of Object.entries(DRB_FILES)) h.placeDataset(url, join(GENERATIVE_FIXTURES, file));
  gemini = await startFakeGemini(drbJudge);
  jina = await startFakeJina(drbPage);
});
afterAll(async () => {
  await Promise.all([gemini.close(), jina.close()]);
  await h.teardown();
});

test('without a saved Jina key the run fails at setup, naming what to add', async () => {
  const model = await h.startModel({ override: (body) => drbArticle(lastUserText(body)) });
  await h.saveKey(model.baseUrl);
  await h.saveKey(gemini.url, 'google', FAKE_GEMINI_KEY);
  await h.startWorker({ JINA_API_URL: jina.url });
  const runId = await h.createRun({ benchmark: 'deep_research_bench', epochs: 1 });
  const run = await h.waitForStatus(runId, 'failed');
  expect(run.error).toBe(
    'deep_research_bench is scored by Jina AI Reader and no key is saved for it; save one under Settings → Scoring services (PUT /api/service-keys/jina) and start the run again',
  );
  expect(model.bodies()).toHaveLength(0);
  expect(gemini.calls()).toHaveLength(0);
});

test('a run is judged by both Gemini judges with the owner’s Google key and reads pages with their Jina key, exactly', async () => {
  await h.saveServiceKey(FAKE_JINA_KEY, 'jina');
  const runId = await h.createRun({ benchmark: 'deep_research_bench', epochs: 1 });
  const run = await h.waitForStatus(runId, 'completed');
  expect([...new Set(gemini.calls().map((c) => c.model))].sort()).toEqual(['gemini-2.5-flash-preview-05-20', 'gemini-2.5-pro-preview-06-05']);
  expect(gemini.requests.every((r) => r.headers['x-goog-api-key'] === FAKE_GEMINI_KEY)).toBe(true);
  expect(jina.urls()).toEqual([AGING, SURVEY, SURVEY, SURVEY]);
  // The run's headline is its first metric, as for every task without `accuracy`: upstream's first is comprehensiveness.
  expect(run.primary_metric).toBe(DRB_SCORES_51.comprehensiveness / 3);
  const rows = await listRunSamples(h.db, runId, { offset: 0, limit: 10 });
  expect(rows.map((r) => [r.sample_id, r.score])).toEqual([
    ['1', 0],
    ['51', DRB_SCORES_51.overall_score],
    ['52', 0],
  ]);
  // The judges' tokens are in the run's usage, under one entry naming both (stored samples keep only the model's apart).
  expect(Object.keys(run.model_usage ?? {})).toEqual([run.model, 'google/gemini-2.5-pro-preview-06-05 + google/gemini-2.5-flash-preview-05-20']);
  const logs = (await listRunLogs(h.db, runId)).map((l) => l.line).join('\n');
  expect(logs).toContain(`Starting deep_research_bench on ${run.model} (judges race google/gemini-2.5-pro-preview-06-05, fact google/gemini-2.5-flash-preview-05-20): limit none`);
  for (const text of [JSON.stringify(rows), logs, JSON.stringify(run)]) {
    expect(text).not.toContain(FAKE_JINA_KEY);
    expect(text).not.toContain(FAKE_GEMINI_KEY);
  }
}, 60_000);

test('a judge that refuses the owner’s Google key fails the run naming the judge and its model, not the key', async () => {
  const wrong = 'AIzaSyWrongJudgeKey-0123456789abcdefgh';
  await h.saveKey(gemini.url, 'google', wrong);
  const run = await h.waitForStatus(await h.createRun({ benchmark: 'deep_research_bench', epochs: 1 }), 'failed');
  expect(run.error).toBe('RACE judge google/gemini-2.5-pro-preview-06-05 failed: google: request rejected (HTTP 400): API key not valid. Please pass a valid API key.');
  const logs = (await listRunLogs(h.db, run.run_id)).map((l) => l.line).join('\n');
  for (const text of [logs, JSON.stringify(run)]) expect(text).not.toContain(wrong);
}, 60_000);
