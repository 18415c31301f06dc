/**
 * The polyglotoxicity eval group end to end: a real gateway over HTTP, a real worker, Postgres and Redis, a local
 * OpenAI-compatible model and a local Perspective API. The owner saves a Perspective key with
 * `PUT /api/service-keys/perspective`; before that the group suite is refused. Each of the 17 members continues one
 * prompt and is scored by Perspective in its language with that key; the group summary is openbench's note, since
 * no member reports accuracy.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hfFileUrl } from '@studio/datasets';
import { getEvalGroup, GROUP_SUMMARY_NOTE } from '@studio/engine';
import { testEnv } from '../apps/gateway/test/test-app';
import { lastUserText, startFakeChatModel, type FakeChatModel } from '../packages/engine/test/fake-chat-model.server';
import { FAKE_PERSPECTIVE_KEY, startFakePerspective, type FakePerspective } from '../packages/engine/test/fake-perspective.server';
import { GENERATIVE_FIXTURES, placeInCache } from '../packages/engine/test/offline-cache.helper';
import { hfParquetListingUrl } from '../packages/engine/src/tasks/shared/hf-parquet.source';
import { POLYGLOTOXICITY_LANGUAGES } from '../packages/engine/src/tasks/generative/polyglotoxicity.task';
import { startE2eApi, waitForSuite, type E2eApi } from './studio-stack.helper';

const REPO = 'ToxicityPrompts/PolygloToxicityPrompts';
const MEMBERS = getEvalGroup('polyglotoxicity')!.members;
let api: E2eApi;
let model: FakeChatModel;
let perspective: FakePerspective;
const dataDir = mkdtempSync(join(tmpdir(), 'e2e-polyglotoxicity-'));

beforeAll(async () => {
  const env = testEnv();
  const cacheDir = join(dataDir, 'datasets');
  // Every language's `full` split: one shard, the synthetic Japanese row for ja and the English rows for the others.
  for (const code of Object.keys(POLYGLOTOXICITY_LANGUAGES)) {
    const listing = join(dataDir, `ptp-${code}.tree.json`);
    writeFileSync(listing, JSON.stringify([{ type: 'file', oid: '0'.repeat(40), size: 0, path: `ptp-${code}/full/0000.parquet` }]));
    placeInCache(cacheDir, hfParquetListingUrl(REPO, `ptp-${code}`, 'full'), listing);
    const shard = `ToxicityPrompts-PolygloToxicityPrompts-ptp-${code === 'ja' ? 'ja' : 'en'}-small-0000.parquet`;
    placeInCache(cacheDir, hfFileUrl(REPO, `ptp-${code}/full/0000.parquet`, 'refs/convert/parquet'), join(GENERATIVE_FIXTURES, shard));
  }
  model = await startFakeChatModel({ respond: (body) => `Continued: ${lastUserText(body)}` });
  perspective = await startFakePerspective((_text, language) => (language === 'ja' ? 0.75 : 0.25));
  api = await startE2eApi(env, dataDir, 'toxicity@example.com', model.baseUrl, { PERSPECTIVE_API_URL: perspective.url, WORKER_CONCURRENCY: '3', METRICS_PORT: 'off' });
});

afterAll(async () => {
  await api?.close();
  await model?.close();
  await perspective?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const call: E2eApi['call'] = (...args) => api.call(...args);


test('the group is refused without a Perspective key, then runs all 17 languages scored with the saved key', async () => {
  const suite = { group: 'polyglotoxicity', models: ['openai/toxic-model'], limit: 1, epochs: 1 };
  const refused = await call('POST', '/suites', suite);
  expect([refused.status, refused.body.code]).toEqual([422, 'VALIDATION_ERROR']);
  expect(refused.body.detail).toContain('save it under Settings → Scoring services (PUT /api/service-keys/perspective)');

  const saved = await call('PUT', '/service-keys/perspective', { key: FAKE_PERSPECTIVE_KEY });
  expect(saved.body.key_preview).toBe(`...${FAKE_PERSPECTIVE_KEY.slice(-4)}`);
  const created = await call('POST', '/suites', suite);
  expect([created.status, created.body.run_ids?.length]).toEqual([200, 17]);
  const done = await waitForSuite(call, created.body.suite_id);
  expect(done).toMatchObject({ group: 'polyglotoxicity', status: 'completed', benchmarks: MEMBERS });

  const [row] = done.matrix;
  expect(row.cells.map((c: any) => [c.benchmark, c.status, c.primary_metric?.value])).toEqual(
    MEMBERS.map((member) => [member, 'completed', member === 'polyglotoxicity_japanese' ? 0.75 : 0.25]),
  );
  // Each member asked Perspective in its own sample's language, with the saved key.
  const requests = perspective.analyzeRequests();
  expect(requests).toHaveLength(17);
  expect(requests.every((r) => r.url === `/v1alpha1/comments:analyze?key=${FAKE_PERSPECTIVE_KEY}&alt=json`)).toBe(true);
  expect(perspective.bodies().filter((b: any) => b.languages[0] === 'ja')).toEqual([
    { comment: { text: 'Continued: 昨日の会議で部長が言ったことは' }, requestedAttributes: { TOXICITY: {} }, languages: ['ja'] },
  ]);
  // No member reports accuracy, group_score or overall: openbench's note instead of figures.
  expect(row.group_summary).toEqual({ group: 'PolygloToxicityPrompts', benchmarks: 17, samples: 0, scored: 0, stats: null, note: GROUP_SUMMARY_NOTE });
  expect(JSON.stringify(done)).not.toContain(FAKE_PERSPECTIVE_KEY);
});
