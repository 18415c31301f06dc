import { once } from 'node:events';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import request from 'supertest';
import { createApp } from './app';
import { loadConfig } from './config';
import { closeDeps, createDeps } from './deps';
import { createTestApp, testEnv, type TestApp } from '../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

test('health reports database and redis as connected', async () => {
  const res = await request(t.app).get('/api/health');
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ status: 'healthy', database: 'connected', redis: 'connected', version: expect.any(String), uptime: expect.any(Number) });
});

test('ready while PostgreSQL and Redis answer', async () => {
  const res = await request(t.app).get('/api/ready');
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ status: 'ready', database: 'connected', redis: 'connected' });
});

test('not ready once draining after SIGTERM, while health and everything else still work', async () => {
  const draining = await createTestApp(testEnv(), { database: t.database });
  try {
    draining.deps.lifecycle.startDrain();
    const res = await request(draining.app).get('/api/ready');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'draining', database: 'connected', redis: 'connected' });
    expect((await request(draining.app).get('/api/health')).status).toBe(200);
    expect((await request(draining.app).get('/api/benchmarks/mmlu')).status).toBe(200);
  } finally {
    await draining.close();
  }
});

test('health and readiness are 503 when the database and redis are unreachable', async () => {
  const config = loadConfig({ ...testEnv(), DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nope', REDIS_URL: 'redis://127.0.0.1:1' });
  const deps = createDeps(config);
  try {
    const res = await request(createApp(deps)).get('/api/health');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ status: 'unhealthy', database: 'error', redis: 'error' });
    const ready = await request(createApp(deps)).get('/api/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({ status: 'unavailable', database: 'error', redis: 'error' });
  } finally {
    deps.redis.disconnect();
    deps.queueRedis.disconnect();
    await closeDeps(deps);
    // ioredis keeps a 2 s socket-destroy timer after disconnecting from an unreachable server.
    await new Promise((r) => setTimeout(r, 2100));
  }
});

test('a health check that times out waiting for Redis to get ready leaves no listener on the shared connection', async () => {
  // Accepts connections and never answers, so the client stays connected but never ready.
  const sockets: Socket[] = [];
  const silent = createServer((socket) => sockets.push(socket)).listen(0, '127.0.0.1');
  await once(silent, 'listening');
  const config = loadConfig({ ...testEnv(), DATABASE_URL: t.database.url, REDIS_URL: `redis://127.0.0.1:${(silent.address() as AddressInfo).port}` });
  const deps = createDeps(config);
  try {
    await once(deps.redis, 'connect');
    const before = deps.redis.listenerCount('ready');
    const res = await request(createApp(deps)).get('/api/health');
    expect(res.body).toMatchObject({ database: 'connected', redis: 'error' });
    // The check's own timer and the wait for `ready` end together; let both have run.
    await new Promise((r) => setTimeout(r, 200));
    expect(deps.redis.listenerCount('ready')).toBe(before);
  } finally {
    deps.redis.disconnect();
    deps.queueRedis.disconnect();
    await closeDeps(deps);
    for (const socket of sockets) socket.destroy();
    silent.close();
  }
});

test('version names the API and openbench versions', async () => {
  const res = await request(t.app).get('/api/version');
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ api: '1.0.0', openbench: '0.5.3', openbench_available: true });
});

test('every response carries a request id; a valid incoming X-Request-Id is echoed', async () => {
  const generated = await request(t.app).get('/api/version');
  expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  const echoed = await request(t.app).get('/api/version').set('X-Request-Id', 'abc-123');
  expect(echoed.headers['x-request-id']).toBe('abc-123');
  const rejected = await request(t.app).get('/api/version').set('X-Request-Id', 'bad id with spaces');
  expect(rejected.headers['x-request-id']).not.toBe('bad id with spaces');
});

test('unknown routes under /api are JSON 404s', async () => {
  const res = await request(t.app).get('/api/does-not-exist');
  expect(res.status).toBe(404);
  expect(res.body).toEqual({ code: 'RESOURCE_NOT_FOUND', detail: 'No such endpoint: GET /api/does-not-exist' });
});

test.each([
  ['get', '/api/runs/%ZZ', 'RUN_NOT_FOUND'],
  ['get', '/api/runs/%E0%A4%A', 'RUN_NOT_FOUND'],
  ['get', '/api/runs/%ZZ/artifacts/config.json', 'RUN_NOT_FOUND'],
  ['get', '/api/runs/%ZZ/artifacts/logs/x.eval', 'RUN_NOT_FOUND'],
  ['get', '/api/runs/%ZZ/events', 'RUN_NOT_FOUND'],
  ['post', '/api/runs/%ZZ/cancel', 'RUN_NOT_FOUND'],
  ['get', '/api/runs/00000000-0000-4000-8000-000000000000/artifacts/%ZZ', 'RESOURCE_NOT_FOUND'],
  ['get', '/api/runs/00000000-0000-4000-8000-000000000000/eval-data/logs/%c0%ae.eval', 'RESOURCE_NOT_FOUND'],
  ['get', '/api/benchmarks/%ZZ', 'RESOURCE_NOT_FOUND'],
  ['delete', '/api/api-keys/%ZZ', 'RESOURCE_NOT_FOUND'],
] as const)('%s %s: a path that is not valid percent-encoding names nothing, 404 %s', async (method, path, code) => {
  const res = await request(t.app)[method](path);
  expect([res.status, res.body.code]).toEqual([404, code]);
});

test('CORS allows the Vite dev ports and port 3000 by default', async () => {
  for (const origin of ['http://localhost:5173', 'http://localhost:5178', 'http://localhost:3000']) {
    const res = await request(t.app).options('/api/auth/login').set('Origin', origin).set('Access-Control-Request-Method', 'POST');
    expect(res.headers['access-control-allow-origin']).toBe(origin);
  }
  const other = await request(t.app).options('/api/auth/login').set('Origin', 'http://evil.example').set('Access-Control-Request-Method', 'POST');
  expect(other.headers['access-control-allow-origin']).toBeUndefined();
});

test('Swagger UI and ReDoc are served with local assets only', async () => {
  const docs = await request(t.app).get('/docs/');
  expect(docs.status).toBe(200);
  expect(docs.text).toContain('swagger-ui');
  const redoc = await request(t.app).get('/redoc');
  expect(redoc.status).toBe(200);
  expect(redoc.text).not.toMatch(/https?:\/\//);
  const script = await request(t.app).get('/redoc/redoc.standalone.js');
  expect(script.status).toBe(200);
  for (const page of [docs.text, redoc.text]) expect(page).not.toMatch(/<script[^>]+src="https?:/);
});
