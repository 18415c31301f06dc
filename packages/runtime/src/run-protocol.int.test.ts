import { randomBytes, randomUUID } from 'node:crypto';
import { createRedis } from './redis';
import { RunProtocol, compareStreamIds, runKeys, type StoredRunEvent } from './run-protocol';

const prefix = `test-${randomBytes(5).toString('hex')}`;
const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const protocol = new RunProtocol(redis, prefix, { finishedTtlSeconds: 120 });

afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

const progress = (current: number) => ({ event: 'progress' as const, data: { percentage: current * 10, current, total: 10 } });
const completed = () => ({ event: 'completed' as const, data: { exit_code: 0, finished_at: new Date().toISOString() } });

async function until(what: string, check: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

test('events are stored in order and readable after any id', async () => {
  const runId = randomUUID();
  const ids = [];
  for (let i = 1; i <= 5; i++) ids.push(await protocol.publish(runId, progress(i)));
  expect([...ids].sort(compareStreamIds)).toEqual(ids);
  const after = await protocol.readEvents(runId, ids[1]);
  expect(after.map((e) => e.id)).toEqual(ids.slice(2));
  expect(JSON.parse(after[0].data)).toEqual({ percentage: 30, current: 3, total: 10 });
  expect(await protocol.lastEventId(runId)).toBe(ids[4]);
  expect(await protocol.readEvents(randomUUID(), null)).toEqual([]);
});

test('a final event gives the stream an expiry; progress alone does not', async () => {
  const runId = randomUUID();
  await protocol.publish(runId, progress(1));
  expect(await redis.ttl(runKeys.stream(prefix, runId))).toBe(-1);
  await protocol.publish(runId, completed());
  const ttl = await redis.ttl(runKeys.stream(prefix, runId));
  expect(ttl).toBeGreaterThan(100);
  expect(ttl).toBeLessThanOrEqual(120);
});

test('one hub connection fans events out to every listener of the run, with stream ids', async () => {
  const hub = protocol.createEventHub();
  const runId = randomUUID();
  const a: StoredRunEvent[] = [];
  const b: StoredRunEvent[] = [];
  const offA = await hub.subscribe(runId, (e) => a.push(e));
  await hub.subscribe(runId, (e) => b.push(e));
  await hub.subscribe(randomUUID(), () => {
    throw new Error('other runs must not receive this run');
  });
  const id1 = await protocol.publish(runId, progress(1));
  const deadline = Date.now() + 2000;
  while (b.length < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  offA();
  const id2 = await protocol.publish(runId, progress(2));
  await new Promise((r) => setTimeout(r, 100));
  expect(a.map((e) => e.id)).toEqual([id1]);
  expect(b.map((e) => e.id)).toEqual([id1, id2]);
  expect(b[1]).toEqual({ id: id2, event: 'progress', data: JSON.stringify(progress(2).data) });
  expect(hub.listenerCount(runId)).toBe(1);
  await hub.close();
  expect(hub.listenerCount()).toBe(0);
});

test('the last final event comes with the id of the entry before it; none before the run ends', async () => {
  const runId = randomUUID();
  expect(await protocol.lastFinalEvent(runId)).toBeNull();
  const before = await protocol.publish(runId, progress(1));
  expect(await protocol.lastFinalEvent(runId)).toBeNull();
  const final = await protocol.publish(runId, completed());
  const found = await protocol.lastFinalEvent(runId);
  expect(found?.final).toMatchObject({ id: final, event: 'completed' });
  expect(found?.previousId).toBe(before);
});

test('a resume point is reported trimmed only when the capped stream lost entries after it', async () => {
  const runId = randomUUID();
  const ids = [];
  for (let i = 1; i <= 3; i++) ids.push(await protocol.publish(runId, progress(i)));
  expect(await protocol.eventsTrimmedAfter(runId, ids[0])).toBe(false);
  await redis.xtrim(runKeys.stream(prefix, runId), 'MAXLEN', 1);
  expect(await protocol.eventsTrimmedAfter(runId, ids[0])).toBe(true);
  expect(await protocol.eventsTrimmedAfter(runId, ids[2])).toBe(false);
  expect(await protocol.eventsTrimmedAfter(randomUUID(), ids[0])).toBe(false);
});

test('deleting runs removes their event streams and nothing else', async () => {
  const [a, b, kept] = [randomUUID(), randomUUID(), randomUUID()];
  for (const runId of [a, b, kept]) await protocol.publish(runId, progress(1));
  await protocol.deleteEvents([a, b]);
  await protocol.deleteEvents([]);
  expect(await protocol.readEvents(a, null)).toEqual([]);
  expect(await protocol.readEvents(b, null)).toEqual([]);
  expect(await redis.exists(runKeys.stream(prefix, a), runKeys.stream(prefix, b))).toBe(0);
  expect(await protocol.readEvents(kept, null)).toHaveLength(1);
});

test('a cancel request reaches every listener of the deployment as the run id, and no other deployment', async () => {
  const heard: string[][] = [[], [], []];
  const other = new RunProtocol(redis, `${prefix}-other`);
  const listeners = [
    protocol.createCancelListener((runId) => heard[0].push(runId)),
    protocol.createCancelListener((runId) => heard[1].push(runId)),
    other.createCancelListener((runId) => heard[2].push(runId)),
  ];
  try {
    await Promise.all(listeners.map((l) => l.start()));
    const runId = randomUUID();
    await protocol.requestCancel(runId);
    await until('both listeners to hear the cancel', () => heard[0].length === 1 && heard[1].length === 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(heard).toEqual([[runId], [runId], []]);
  } finally {
    await Promise.all(listeners.map((l) => l.close()));
  }
});

test('a closed cancel listener hears nothing more', async () => {
  const heard: string[] = [];
  const listener = protocol.createCancelListener((runId) => heard.push(runId));
  await listener.start();
  await protocol.requestCancel('first');
  await until('the first cancel', () => heard.length === 1);
  await listener.close();
  await protocol.requestCancel('second');
  await new Promise((r) => setTimeout(r, 100));
  expect(heard).toEqual(['first']);
});

test('a cancel listener reports connection errors instead of leaving them unhandled', async () => {
  const errors: Error[] = [];
  const listener = new RunProtocol(createRedis('redis://127.0.0.1:1', { lazyConnect: true, retryStrategy: () => null }), prefix).createCancelListener(
    () => undefined,
    (err) => errors.push(err),
  );
  await expect(listener.start()).rejects.toThrow();
  expect(errors.length).toBeGreaterThan(0);
  await listener.close();
});
