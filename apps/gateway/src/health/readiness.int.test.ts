import request from 'supertest';
import { createApp } from '../app';
import { loadConfig } from '../config';
import { createDeps } from '../deps';
import { createTestApp, testEnv, type TestApp } from '../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

test('ready while PostgreSQL and Redis answer', async () => {
  const res = await request(t.app).get('/api/ready');
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ status: 'ready', database: 'connected', redis: 'connected' });
});

test('not ready once draining, while health and everything else still work', async () => {
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

test('not ready when PostgreSQL or Redis is down', async () => {
  const config = loadConfig({ ...testEnv(), DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nope', REDIS_URL: 'redis://127.0.0.1:1' });
  const deps = createDeps(config);
  try {
    const res = await request(createApp(deps)).get('/api/ready');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'unavailable', database: 'error', redis: 'error' });
  } finally {
    await Promise.allSettled([deps.eventHub.close(), deps.runQueue.close(), deps.db.destroy()]);
    deps.redis.disconnect();
    deps.queueRedis.disconnect();
  }
}, 20_000);
