/**
 * A run (or a suite pair) whose benchmark needs a longer context than the model's window is refused before it is
 * created, when the window is known from the provider's model listing the user fetched (GET /api/available-models, cached).
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { registerUser, type TestUser } from '../../test/test-user.helper';

let t: TestApp;
let server: Server;
let user: TestUser;

/** An OpenAI-compatible models endpoint reporting context windows as OpenRouter-style servers do. */
async function startModelsServer(): Promise<string> {
  server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({
      object: 'list',
      data: [
        { id: 'small', object: 'model', context_length: 32_768 },
        { id: 'large', object: 'model', context_length: 1_048_576 },
        { id: 'unsized', object: 'model' },
      ],
    }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
}

const post = (path: string, body: object) => request(t.app).post(path).set('Authorization', `Bearer ${user.token}`).send(body);

beforeAll(async () => {
  t = await createTestApp();
  const baseUrl = await startModelsServer();
  user = await registerUser(t.app, 'context');
  const saved = await post('/api/api-keys', { provider: 'my-vllm', key: 'sk-local-0123456789abcdef', base_url: baseUrl });
  expect(saved.status).toBe(200);
});
afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await t.close();
});

const SHORTFALL = 'OpenAI MRCR (Full) needs a context window of at least 128,000 tokens; my-vllm/small has 32,768.';

test('unknown windows pass; once the listing is cached, a too-small window is 422 CONTEXT_WINDOW_TOO_SMALL', async () => {
  // Nothing listed yet: the window is unknown, so the run is created.
  expect((await post('/api/runs', { benchmark: 'openai_mrcr', model: 'my-vllm/small' })).status).toBe(200);

  const listed = await request(t.app).get('/api/available-models').set('Authorization', `Bearer ${user.token}`);
  expect(listed.body.providers[0].models.map((m: { context_length: number | null }) => m.context_length)).toEqual([32_768, 1_048_576, null]);

  const refused = await post('/api/runs', { benchmark: 'openai_mrcr', model: 'my-vllm/small' });
  expect([refused.status, refused.body]).toEqual([
    422,
    { code: 'CONTEXT_WINDOW_TOO_SMALL', detail: `model: ${SHORTFALL}`, fields: [{ field: 'model', message: SHORTFALL }] },
  ]);
  // The subtask carries its family's requirement; a large or unsized window, or a benchmark without one, runs.
  expect((await post('/api/runs', { benchmark: 'openai_mrcr_2n', model: 'my-vllm/small' })).body.code).toBe('CONTEXT_WINDOW_TOO_SMALL');
  expect((await post('/api/runs', { benchmark: 'openai_mrcr', model: 'my-vllm/large' })).status).toBe(200);
  expect((await post('/api/runs', { benchmark: 'openai_mrcr', model: 'my-vllm/unsized' })).status).toBe(200);
  expect((await post('/api/runs', { benchmark: 'gsm8k', model: 'my-vllm/small' })).status).toBe(200);
});

test('a suite names each pair whose window is too small, with the same code, and creates nothing', async () => {
  const before = await t.deps.db.selectFrom('runs').select('run_id').execute();
  const res = await post('/api/suites', { benchmarks: ['gsm8k', 'openai_mrcr'], models: ['my-vllm/small', 'my-vllm/large'] });
  expect(res.status).toBe(422);
  expect(res.body.code).toBe('CONTEXT_WINDOW_TOO_SMALL');
  expect(res.body.fields).toEqual([{ field: 'pairs[my-vllm/small × openai_mrcr].model', message: SHORTFALL }]);
  expect(await t.deps.db.selectFrom('runs').select('run_id').execute()).toHaveLength(before.length);

  const mixed = await post('/api/suites', { benchmarks: ['openai_mrcr'], models: ['my-vllm/small', 'nope'] });
  expect([mixed.status, mixed.body.code]).toEqual([422, 'VALIDATION_ERROR']);
});
