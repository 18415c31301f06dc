import { Writable } from 'node:stream';
import request from 'supertest';
import winston from 'winston';
import { decryptApiKey, findApiKey, findServiceKey, serviceKeyOwner } from '@studio/db';
import { createTestApp, type TestApp } from '../../test/test-app';
import { registerUser } from '../../test/test-user.helper';

const PERSPECTIVE_KEY = 'AIzaSyPerspective-Zq81xLw0o2Vd7Tn4Yc9Pb6Hs3Km';

let t: TestApp;
let token: string;
let userId: string;
const logLines: string[] = [];
const auth = (r: request.Test, as = token) => r.set('Authorization', `Bearer ${as}`);

beforeAll(async () => {
  t = await createTestApp();
  ({ token, userId } = await registerUser(t.app, 'service-keys'));
  // Every log line the gateway writes, so the test can prove the key never reaches the logs.
  t.deps.logger.clear();
  t.deps.logger.add(new winston.transports.Stream({ stream: new Writable({ write: (chunk: Buffer, _e, done) => void (logLines.push(chunk.toString()), done()) }) }));
  t.deps.logger.level = 'debug';
  t.deps.logger.silent = false;
});
afterAll(async () => {
  await t.close();
});

test('a Perspective key is saved encrypted for its owner, listed by preview only, replaced, and deleted; the key appears in no response or log line', async () => {
  const responses: request.Response[] = [];
  const record = async (req: request.Test) => {
    const res = await req;
    responses.push(res);
    return res;
  };
  const saved = await record(auth(request(t.app).put('/api/service-keys/perspective')).send({ key: `  ${PERSPECTIVE_KEY}  ` }));
  expect(saved.status).toBe(200);
  expect(saved.body).toEqual({ key_id: expect.any(String), service: 'perspective', key_preview: `...${PERSPECTIVE_KEY.slice(-4)}`, created_at: expect.any(String), updated_at: expect.any(String) });
  const row = (await findServiceKey(t.deps.db, userId, 'perspective'))!;
  expect(row.encrypted_key).not.toContain(PERSPECTIVE_KEY);
  expect(decryptApiKey(row.encrypted_key, t.config.encryption, serviceKeyOwner(row))).toBe(PERSPECTIVE_KEY);
  // Bound to service:perspective: the same ciphertext does not open as a provider's key.
  expect(() => decryptApiKey(row.encrypted_key, t.config.encryption, { user_id: userId, provider: 'perspective' })).toThrow('failed authentication');

  const listed = await record(auth(request(t.app).get('/api/service-keys')));
  expect(listed.body).toEqual([saved.body]);
  // The provider key list and the provider table stay the model providers'.
  expect((await record(auth(request(t.app).get('/api/api-keys')))).body).toEqual([]);
  expect(await findApiKey(t.deps.db, userId, 'perspective')).toBeUndefined();
  const providers = await record(request(t.app).get('/api/api-keys/providers'));
  expect(providers.body.map((p: { provider: string }) => p.provider)).not.toContain('perspective');

  const replaced = await record(auth(request(t.app).put('/api/service-keys/perspective')).send({ key: 'short' }));
  expect([replaced.status, replaced.body.key_id, replaced.body.key_preview]).toEqual([200, saved.body.key_id, '****']);

  const unknown = await record(auth(request(t.app).put('/api/service-keys/openai')).send({ key: PERSPECTIVE_KEY }));
  expect([unknown.status, unknown.body.code, unknown.body.detail]).toEqual([422, 'VALIDATION_ERROR', expect.stringContaining('"openai" is not a scoring service; known: perspective')]);
  const blank = await record(auth(request(t.app).put('/api/service-keys/perspective')).send({ key: '   ' }));
  expect([blank.status, blank.body.fields?.[0]?.field]).toEqual([422, 'key']);

  expect((await record(auth(request(t.app).delete('/api/service-keys/perspective')))).body).toEqual({ status: 'deleted' });
  const again = await record(auth(request(t.app).delete('/api/service-keys/perspective')));
  expect([again.status, again.body.code]).toEqual([404, 'APIKEY_NOT_FOUND']);

  const log = logLines.join('');
  expect(log).toMatch(/service key saved/);
  expect(log).toMatch(/service key deleted/);
  for (const res of responses) expect(`${JSON.stringify(res.headers)}\n${res.text}`).not.toContain(PERSPECTIVE_KEY);
  expect(log).not.toContain(PERSPECTIVE_KEY);
});

test('POST /api/runs of a Perspective-scored benchmark needs the saved key: 422 naming the endpoint, then created', async () => {
  const { token: owner } = await registerUser(t.app, 'service-keys-run');
  const run = () => auth(request(t.app).post('/api/runs'), owner).send({ benchmark: 'polyglotoxicity_english', model: 'mockllm/default', limit: 1 });
  const refused = await run();
  expect([refused.status, refused.body.code]).toEqual([422, 'VALIDATION_ERROR']);
  expect(refused.body.fields).toEqual([
    { field: 'benchmark', message: 'polyglotoxicity_english is scored by Google Perspective API, which needs your key; save it under Settings → Scoring services (PUT /api/service-keys/perspective)' },
  ]);
  await auth(request(t.app).put('/api/service-keys/perspective'), owner).send({ key: PERSPECTIVE_KEY }).expect(200);
  // The key is never a task argument: it would be stored with the run's settings.
  const asArgument = await auth(request(t.app).post('/api/runs'), owner).send({ benchmark: 'polyglotoxicity_english', model: 'mockllm/default', task_args: { perspective_api_key: PERSPECTIVE_KEY } });
  expect([asArgument.status, asArgument.body.fields?.[0]?.field]).toEqual([422, 'task_args.perspective_api_key']);
  expect(asArgument.text).not.toContain(PERSPECTIVE_KEY);
  const created = await run();
  expect([created.status, created.body.run_id]).toEqual([200, expect.any(String)]);
  // Other benchmarks never ask for it.
  const { token: fresh } = await registerUser(t.app, 'service-keys-none');
  expect((await auth(request(t.app).post('/api/runs'), fresh).send({ benchmark: 'mmlu', model: 'mockllm/default', limit: 1 })).status).toBe(200);
});

test('POST /api/runs of deep_research_bench needs a Google key for its fixed judges and a Jina key: 422 for each, then created', async () => {
  const { token: owner } = await registerUser(t.app, 'service-keys-drb');
  const run = (body: Record<string, unknown> = {}) =>
    auth(request(t.app).post('/api/runs'), owner).send({ benchmark: 'deep_research_bench', model: 'mockllm/default', limit: 1, ...body });
  const noGoogle = await run();
  expect([noGoogle.status, noGoogle.body.fields]).toEqual([
    422,
    [{ field: 'benchmark', message: 'the race judge "google/gemini-2.5-pro-preview-06-05" of deep_research_bench needs an API key for provider "google"; add one with POST /api/api-keys' }],
  ]);
  await auth(request(t.app).post('/api/api-keys'), owner).send({ provider: 'google', key: 'AIzaSyGoogle-judges-0123456789abcdef' }).expect(200);
  const noJina = await run();
  expect([noJina.status, noJina.body.fields]).toEqual([
    422,
    [{ field: 'benchmark', message: 'deep_research_bench is scored by Jina AI Reader, which needs your key; save it under Settings → Scoring services (PUT /api/service-keys/jina)' }],
  ]);
  await auth(request(t.app).put('/api/service-keys/jina'), owner).send({ key: 'jina_0123456789abcdefghijklmnopqrstuvwxyz' }).expect(200);
  // The judges are fixed, as openbench hard-codes them: no grader to choose.
  const graded = await run({ grader_model: 'openai/gpt-4o' });
  expect([graded.status, graded.body.fields?.[0]]).toEqual([422, { field: 'grader_model', message: '"deep_research_bench" is judged by fixed models (race google/gemini-2.5-pro-preview-06-05, fact google/gemini-2.5-flash-preview-05-20), as openbench does, so it takes no grader model' }]);
  const created = await run();
  expect([created.status, created.body.run_id]).toEqual([200, expect.any(String)]);
});

test('GET /api/service-keys/services lists the scoring services from the table, without signing in', async () => {
  const res = await request(t.app).get('/api/service-keys/services').expect(200);
  expect(res.body.map((s: { service: string; env_var: string; short_name: string }) => [s.service, s.env_var, s.short_name])).toEqual([
    ['perspective', 'PERSPECTIVE_API_KEY', 'Perspective'],
    ['jina', 'JINA_API_KEY', 'Jina'],
  ]);
  expect(res.body[1]).toEqual({
    service: 'jina',
    display_name: 'Jina AI Reader',
    short_name: 'Jina',
    scores: 'deep_research_bench (reads each cited web page to check the citation)',
    env_var: 'JINA_API_KEY',
    docs_url: 'https://jina.ai/reader',
  });
});
