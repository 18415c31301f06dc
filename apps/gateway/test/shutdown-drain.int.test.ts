/**
 * SIGTERM to a gateway process behind a load balancer, with a client watching a run's events through it: the
 * gateway's readiness fails first (the balancer moves new requests away) while its open stream still delivers,
 * then it ends the stream; the client reconnects through the balancer to the other gateway with Last-Event-ID and
 * receives every event exactly once, in order. The draining gateway exits 0.
 */
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { EventSource } from 'eventsource';
import { createTestDatabase, type TestDatabase } from '@studio/db/testing';
import { RunProtocol, createRedis, type Redis } from '@studio/runtime';
import { builtEntry } from '../../../infra/test/build-on-demand';
import { freePort, spawnApp, waitForHttp, type AppProcess } from '../../../infra/test/app-process';
import { startReadyBalancer, type ReadyBalancer } from '../../../infra/test/ready-balancer';
import { insertTestRun } from './run-fixtures';

const ROOT = resolve(__dirname, '../../..');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const DRAIN_MS = 1500;

let database: TestDatabase;
let redis: Redis;
let prefix: string;
let gateways: { a: AppProcess; b: AppProcess; urlA: string; urlB: string };
let balancer: ReadyBalancer;

function startGateway(name: string, port: number, env: Record<string, string>): AppProcess {
  return spawnApp(name, ['node', builtEntry('apps/gateway/dist/src/server.js')], { PATH: process.env.PATH ?? '', ...env, PORT: String(port) }, ROOT);
}

beforeAll(async () => {
  database = await createTestDatabase();
  redis = createRedis(REDIS_URL);
  prefix = `test-${randomBytes(5).toString('hex')}`;
  const env = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    HOST: '127.0.0.1',
    DATABASE_URL: database.url,
    REDIS_URL,
    REDIS_PREFIX: prefix,
    JWT_SECRET: randomBytes(32).toString('hex'),
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    MIGRATE_ON_START: 'false',
    METRICS_PORT: 'off',
    SSE_HEARTBEAT_MS: '500',
    SHUTDOWN_DRAIN_MS: String(DRAIN_MS),
    SHUTDOWN_TIMEOUT_MS: '5000',
  };
  const [portA, portB] = [await freePort(), await freePort()];
  gateways = {
    a: startGateway('gateway-a', portA, env),
    b: startGateway('gateway-b', portB, env),
    urlA: `http://127.0.0.1:${portA}`,
    urlB: `http://127.0.0.1:${portB}`,
  };
  await waitForHttp(`${gateways.urlA}/api/ready`, { status: 200, app: gateways.a });
  await waitForHttp(`${gateways.urlB}/api/ready`, { status: 200, app: gateways.b });
  balancer = await startReadyBalancer([gateways.urlA, gateways.urlB], '/api/ready');
}, 120_000);

afterAll(async () => {
  await balancer?.close();
  await Promise.all([gateways?.a.stop('SIGKILL'), gateways?.b.stop('SIGKILL')]);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
  await database?.destroy();
});

test('SIGTERM: readiness fails first, the stream moves to the other gateway, no event is lost or repeated', async () => {
  const run = await insertTestRun(database.db, null, { status: 'running' });
  const protocol = new RunProtocol(redis, prefix);
  const received: { id: string; current: number }[] = [];
  let completed = false;
  let reconnects = 0;
  const events = new EventSource(`${balancer.url}/api/runs/${run.run_id}/events`);
  events.addEventListener('progress', (e: MessageEvent) => received.push({ id: e.lastEventId, current: (JSON.parse(e.data as string) as { current: number }).current }));
  events.addEventListener('completed', () => (completed = true));
  // The server ends the stream after the final event, too: only disconnects before it count.
  events.addEventListener('error', () => {
    if (!completed) reconnects++;
  });
  await new Promise((r) => events.addEventListener('status', r, { once: true }));
  expect(balancer.routed[0]).toMatch(new RegExp(`^${gateways.urlA} GET /api/runs/${run.run_id}/events`));

  // A worker publishing progress the whole time, as fast as a busy run does.
  const TOTAL = 60;
  let published = 0;
  const publishing = (async () => {
    while (published < TOTAL) {
      published++;
      await protocol.publish(run.run_id, { event: 'progress', data: { percentage: (published / TOTAL) * 100, current: published, total: TOTAL } });
      await new Promise((r) => setTimeout(r, 80));
    }
  })();
  while (received.length < 5) await new Promise((r) => setTimeout(r, 20));

  const exitA = gateways.a.stop('SIGTERM', 20_000);
  await waitForHttp(`${gateways.urlA}/api/ready`, { status: 503, timeoutMs: 1000 });
  const whenNotReady = received.length;
  // Draining is not stopping: A still answers, and its open stream still delivers.
  expect((await fetch(`${gateways.urlA}/api/health`)).status).toBe(200);
  await new Promise((r) => setTimeout(r, DRAIN_MS / 2));
  expect(received.length).toBeGreaterThan(whenNotReady);
  expect(reconnects).toBe(0);

  await publishing;
  await protocol.publish(run.run_id, { event: 'completed', data: { exit_code: 0, finished_at: new Date().toISOString() } });
  const deadline = Date.now() + 20_000;
  while (!completed && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  events.close();

  expect(completed).toBe(true);
  expect(received.map((e) => e.current)).toEqual(Array.from({ length: TOTAL }, (_, i) => i + 1));
  expect(new Set(received.map((e) => e.id)).size).toBe(TOTAL);
  // One reconnect, through the balancer to B, resuming after the last event A delivered.
  expect(reconnects).toBe(1);
  const streams = balancer.routed.filter((r) => r.includes('/events'));
  expect(streams).toHaveLength(2);
  expect(streams[1]).toMatch(new RegExp(`^${gateways.urlB} `));
  expect(await exitA).toBe(0);
  expect(gateways.a.output()).toMatch(/SIGTERM received: draining for 1500 ms/);
  expect(gateways.a.output()).toMatch(/ended open event streams/);
}, 90_000);
