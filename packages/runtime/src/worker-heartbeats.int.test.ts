import { randomBytes, randomUUID } from 'node:crypto';
import type { WorkerState } from '@studio/contracts';
import { createRedis } from './redis';
import { WorkerHeartbeats, startWorkerHeartbeat, workerKeys } from './worker-heartbeats';

const prefix = `test-${randomBytes(5).toString('hex')}`;
const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const heartbeats = new WorkerHeartbeats(redis, prefix);

afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

const state = (workerId: string, runs: string[] = []): WorkerState => ({
  worker_id: workerId,
  hostname: 'host-a',
  pid: 1234,
  started_at: '2026-12-06T10:00:00.000Z',
  concurrency: 2,
  draining: false,
  runs: runs.map((run_id) => ({ run_id, since: '2026-12-06T10:01:00.000Z' })),
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('a heartbeat is listed with its runs and the time it was written, until it expires', async () => {
  const run = randomUUID();
  const before = Date.now();
  await heartbeats.beat(state('w-expiring', [run]), 300);
  const [listed] = (await heartbeats.list()).filter((w) => w.worker_id === 'w-expiring');
  expect(listed).toMatchObject({ worker_id: 'w-expiring', hostname: 'host-a', pid: 1234, concurrency: 2, draining: false, runs: [{ run_id: run }] });
  expect(Date.parse(listed.beat_at)).toBeGreaterThanOrEqual(before - 5);
  await sleep(450);
  expect((await heartbeats.list()).map((w) => w.worker_id)).not.toContain('w-expiring');
  // The index entry went with it: nothing piles up in Redis.
  expect(await redis.zscore(workerKeys.index(prefix), 'w-expiring')).toBeNull();
});

test('workers are listed by id; a newer beat replaces the older one; remove takes one out at once', async () => {
  await heartbeats.beat(state('w-b'), 10_000);
  await heartbeats.beat(state('w-a', [randomUUID()]), 10_000);
  await heartbeats.beat({ ...state('w-a'), draining: true }, 10_000);
  const listed = await heartbeats.list();
  expect(listed.map((w) => w.worker_id)).toEqual(expect.arrayContaining(['w-a', 'w-b']));
  const ids = listed.map((w) => w.worker_id);
  expect(ids).toEqual([...ids].sort());
  expect(listed.find((w) => w.worker_id === 'w-a')).toMatchObject({ draining: true, runs: [] });
  await heartbeats.remove('w-b');
  expect((await heartbeats.list()).map((w) => w.worker_id)).not.toContain('w-b');
  await heartbeats.remove('w-a');
});

test('an unreadable heartbeat is dropped from the listing, not thrown', async () => {
  await redis.zadd(workerKeys.index(prefix), Date.now() + 60_000, 'w-garbage');
  await redis.set(workerKeys.heartbeat(prefix, 'w-garbage'), '{not json', 'PX', 60_000);
  expect((await heartbeats.list()).map((w) => w.worker_id)).not.toContain('w-garbage');
  expect(await redis.zscore(workerKeys.index(prefix), 'w-garbage')).toBeNull();
});

test('startWorkerHeartbeat beats at once and on its interval with the current state, and stop removes it', async () => {
  const runs: string[] = [];
  const beating = startWorkerHeartbeat(heartbeats, () => state('w-timer', runs), { intervalMs: 100 });
  await beating.beatNow();
  expect((await heartbeats.list()).find((w) => w.worker_id === 'w-timer')?.runs).toEqual([]);
  const run = randomUUID();
  runs.push(run);
  await sleep(250);
  expect((await heartbeats.list()).find((w) => w.worker_id === 'w-timer')?.runs.map((r) => r.run_id)).toEqual([run]);
  // Three intervals of life: still listed after one missed beat would have been due.
  expect(Number(await redis.pttl(workerKeys.heartbeat(prefix, 'w-timer')))).toBeGreaterThan(150);
  await beating.stop();
  expect((await heartbeats.list()).map((w) => w.worker_id)).not.toContain('w-timer');
  await sleep(150);
  expect((await heartbeats.list()).map((w) => w.worker_id)).not.toContain('w-timer');
});

test('a failed beat goes to onError and the timer carries on', async () => {
  const broken = createRedis('redis://127.0.0.1:1', { maxRetriesPerRequest: 0, retryStrategy: () => null, lazyConnect: true });
  const errors: unknown[] = [];
  const beating = startWorkerHeartbeat(new WorkerHeartbeats(broken, prefix), () => state('w-broken'), { intervalMs: 50, onError: (e) => errors.push(e) });
  await sleep(180);
  await beating.stop();
  expect(errors.length).toBeGreaterThanOrEqual(2);
  broken.disconnect();
});
