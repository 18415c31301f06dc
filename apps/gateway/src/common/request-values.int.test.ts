import request from 'supertest';
import { findRun } from '@studio/db';
import { createTestApp, type TestApp } from '../../test/test-app';
import { insertTestRun } from '../../test/run-fixtures';
import { registerUser, type TestUser } from '../../test/test-user.helper';

let t: TestApp;
let user: TestUser;
let runId: string;

beforeAll(async () => {
  t = await createTestApp();
  user = await registerUser(t.app, 'nul');
  runId = (await insertTestRun(t.deps.db, user.userId, { tags: ['kept'] })).run_id;
});
afterAll(async () => {
  await t.close();
});

const NUL = '\u0000';
const runBody = { benchmark: 'mmlu', model: 'mockllm/default' };

type Call = (as: TestUser | null) => request.Test;
const withAuth = (req: request.Test, as: TestUser | null) => (as ? req.set('Authorization', `Bearer ${as.token}`) : req);

const cases: [string, string, Call][] = [
  ['runs search, anonymous', 'search', (as) => withAuth(request(t.app).get('/api/runs?search=%00'), as)],
  ['runs search', 'search', (as) => withAuth(request(t.app).get('/api/runs?search=a%00b'), as)],
  ['runs benchmark filter', 'benchmark', (as) => withAuth(request(t.app).get('/api/runs?benchmark=mmlu%00'), as)],
  ['runs model filter', 'model', (as) => withAuth(request(t.app).get('/api/runs?model=openai%2Fgpt-4o%00'), as)],
  ['runs tag filter', 'tag', (as) => withAuth(request(t.app).get('/api/runs?tag=%00'), as)],
  ['a tag update', 'tags.$1', (as) => withAuth(request(t.app).patch(`/api/runs/${runId}/tags`), as).send({ tags: ['ok', `x${NUL}`] })],
  ['an api key delete', 'path', (as) => withAuth(request(t.app).delete('/api/api-keys/a%00b'), as)],
  ['an api key', 'key', (as) => withAuth(request(t.app).post('/api/api-keys'), as).send({ provider: 'openai', key: `sk-${NUL}-0123456789` })],
  ['a login email', 'email', (as) => withAuth(request(t.app).post('/api/auth/login'), as).send({ email: `a${NUL}@example.com`, password: 'securepassword' })],
  ['run notes', 'notes', (as) => withAuth(request(t.app).post('/api/runs'), as).send({ ...runBody, notes: `n${NUL}` })],
  ['run tags', 'tags.$0', (as) => withAuth(request(t.app).post('/api/runs'), as).send({ ...runBody, tags: [NUL] })],
  ['a run model', 'model', (as) => withAuth(request(t.app).post('/api/runs'), as).send({ ...runBody, model: `mockllm/de${NUL}fault` })],
  ['a JSON key', `x\\u0000y`, (as) => withAuth(request(t.app).post('/api/runs'), as).send({ ...runBody, [`x${NUL}y`]: 1 })],
  ['a bulk delete id', '$0', (as) => withAuth(request(t.app).post('/api/runs/bulk-delete'), as).send([`${runId}${NUL}`])],
];

test.each(cases)('a NUL in %s is 422 VALIDATION_ERROR naming %s, as owner and anonymous', async (_label, field, call) => {
  for (const as of [user, null]) {
    const res = await call(as);
    expect([res.status, res.body]).toEqual([
      422,
      { code: 'VALIDATION_ERROR', detail: `${field}: must not contain NUL characters (\\u0000)`, fields: [{ field, message: 'must not contain NUL characters (\\u0000)' }] },
    ]);
  }
});

test('nothing was changed by the refused requests', async () => {
  expect((await findRun(t.deps.db, runId))!.tags).toEqual(['kept']);
  expect(await t.deps.db.selectFrom('runs').select('run_id').execute()).toHaveLength(1);
  expect(await t.deps.db.selectFrom('api_keys').select('key_id').execute()).toEqual([]);
});

const RUN_NUMBER_FIELDS = ['limit', 'temperature', 'top_p', 'max_tokens', 'timeout', 'epochs', 'max_connections', 'seed', 'fail_on_error'];
const INFINITE = 'must be a finite number (JSON numbers beyond ±1.8e308 are not)';

test.each(RUN_NUMBER_FIELDS.flatMap((field) => ['1e400', '-1e400'].map((n) => [field, n])))(
  'run option %s of %s (JSON.parse makes it infinite) is 422 naming it, and no run starts',
  async (field, number) => {
    const body = `{"benchmark":"mmlu","model":"mockllm/default","${field}":${number}}`;
    const res = await withAuth(request(t.app).post('/api/runs'), user).type('json').send(body);
    expect([res.status, res.body]).toEqual([422, { code: 'VALIDATION_ERROR', detail: `${field}: ${INFINITE}`, fields: [{ field, message: INFINITE }] }]);
  },
);

test('an infinite number anywhere in a body is refused, nested ones too', async () => {
  const res = await withAuth(request(t.app).post('/api/runs/bulk-delete'), user).type('json').send('{"run_ids":[1e999]}');
  expect(res.body.fields).toEqual([{ field: 'run_ids.$0', message: INFINITE }]);
});

test('no run was created by the refused infinite numbers', async () => {
  expect((await findRun(t.deps.db, runId))!.tags).toEqual(['kept']);
  expect(await t.deps.db.selectFrom('runs').select('run_id').execute()).toHaveLength(1);
});

test('a NUL nested deeper than the call stack goes is found', async () => {
  const deep = `${'['.repeat(20_000)}"\\u0000"${']'.repeat(20_000)}`;
  const res = await withAuth(request(t.app).post('/api/runs/bulk-delete'), user).set('Content-Type', 'application/json').send(deep);
  expect(res.status).toBe(422);
  expect(res.body.fields[0].field).toMatch(/^(\$0\.){19999}\$0$/);
});

test('a NUL in an artifact path is still a traversal probe: 403', async () => {
  const res = await request(t.app).get(`/api/runs/${runId}/artifacts/config.json%00`);
  expect([res.status, res.body.code]).toEqual([403, 'AUTHZ_FORBIDDEN']);
});

test('of several NULs the first in document order is named', async () => {
  const res = await withAuth(request(t.app).post('/api/runs'), user).send({ ...runBody, tags: ['a', `b${NUL}`, `c${NUL}`], notes: NUL });
  expect(res.body.fields).toEqual([{ field: 'tags.$1', message: 'must not contain NUL characters (\\u0000)' }]);
});
