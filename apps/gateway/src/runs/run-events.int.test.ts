import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { EventSource } from 'eventsource';
import { findRun, insertRun } from '@studio/db';
import { updateRunRow } from '@studio/db/testing';
import { createRedis, runKeys, type RunEventPublisher } from '@studio/runtime';
import type { RunEvent } from '@studio/contracts';
import { streamRunEvents } from './run-stream';
import { createTestApp, listen, testEnv, type ListeningApp, type TestApp } from '../../test/test-app';

let t: TestApp;
let server: ListeningApp;
let publisher: RunEventPublisher;
const open: EventSource[] = [];

beforeAll(async () => {
  t = await createTestApp(testEnv({ SSE_HEARTBEAT_MS: '200' }));
  server = await listen(t.app);
  publisher = t.deps.runProtocol;
});
afterEach(() => {
  for (const es of open.splice(0)) es.close();
});
afterAll(async () => {
  await server.close();
  await t.close();
});

async function newRun(status: 'queued' | 'running' = 'queued'): Promise<string> {
  const run_id = randomUUID();
  await insertRun(t.deps.db, { run_id, user_id: null, benchmark: 'mmlu', model: 'openai/gpt-4o', config: {}, eval_id: 'e', task_id: 't', status });
  return run_id;
}

interface Received {
  id: string;
  event: string;
  data: Record<string, unknown>;
}

/** An EventSource client collecting named events; resolves `ended` when the server closes the stream. */
function subscribe(runId: string, headers: Record<string, string> = {}) {
  const received: Received[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  const es = new EventSource(`${server.url}/api/runs/${runId}/events`, {
    fetch: (url, init) => fetch(url, { ...init, headers: { ...(init?.headers as Record<string, string>), ...headers } }),
  });
  open.push(es);
  for (const name of ['status', 'log_line', 'progress', 'completed', 'failed', 'canceled', 'heartbeat']) {
    es.addEventListener(name, (e: MessageEvent) => {
      received.push({ id: e.lastEventId, event: name, data: JSON.parse(e.data as string) as Record<string, unknown> });
      for (const w of waiters.filter((x) => received.length >= x.n)) w.resolve();
    });
  }
  const count = (n: number) =>
    received.length >= n ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ n, resolve }));
  return { es, received, count };
}

const progress = (current: number): RunEvent => ({ event: 'progress', data: { percentage: current * 10, current, total: 10 } });
const completed = (): RunEvent => ({ event: 'completed', data: { exit_code: 0, finished_at: new Date().toISOString() } });

/** Raw GET of the events endpoint: status, headers and the full body once the server ends it. */
function rawGet(runId: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${server.url}/api/runs/${runId}/events`, { headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('first the current status, then live events with ids, ending with the final event and a closed stream', async () => {
  const runId = await newRun();
  const sub = subscribe(runId);
  await sub.count(1);
  expect(sub.received[0]).toMatchObject({ event: 'status', data: { status: 'queued' } });
  const ids = [];
  ids.push(await publisher.publish(runId, { event: 'status', data: { status: 'running', timestamp: new Date().toISOString() } }));
  ids.push(await publisher.publish(runId, { event: 'log_line', data: { stream: 'stdout', line: 'hello' } }));
  ids.push(await publisher.publish(runId, progress(5)));
  await updateRunRow(t.deps.db, runId, { status: 'completed', finished_at: new Date(), exit_code: 0 });
  ids.push(await publisher.publish(runId, completed()));
  await sub.count(5);
  expect(sub.received.slice(1).map((r) => [r.id, r.event])).toEqual([
    [ids[0], 'status'],
    [ids[1], 'log_line'],
    [ids[2], 'progress'],
    [ids[3], 'completed'],
  ]);
  expect(sub.received[3].data).toEqual({ percentage: 50, current: 5, total: 10 });
});

test('SSE headers stop proxy buffering', async () => {
  const runId = await newRun();
  await updateRunRow(t.deps.db, runId, { status: 'canceled', finished_at: new Date() });
  const res = await rawGet(runId);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
  expect(res.headers['cache-control']).toMatch(/no-cache/);
  expect(res.headers['x-accel-buffering']).toBe('no');
});

test('reconnecting with Last-Event-ID resumes with no gaps and no duplicates', async () => {
  const runId = await newRun('running');
  const first = subscribe(runId);
  await first.count(1);
  const ids = [await publisher.publish(runId, progress(1)), await publisher.publish(runId, progress(2))];
  await first.count(3);
  first.es.close();
  const missed = [await publisher.publish(runId, progress(3)), await publisher.publish(runId, progress(4))];
  const second = subscribe(runId, { 'Last-Event-ID': ids[1] });
  await second.count(2);
  const live = await publisher.publish(runId, progress(5));
  await second.count(3);
  expect(second.received.map((r) => r.id)).toEqual([...missed, live]);
  expect(second.received.map((r) => r.data.current)).toEqual([3, 4, 5]);
});

test('a subscriber arriving after the end gets the status, the final event, and the stream closes', async () => {
  const runId = await newRun('running');
  await publisher.publish(runId, progress(10));
  await updateRunRow(t.deps.db, runId, { status: 'completed', finished_at: new Date(), exit_code: 0 });
  const finalId = await publisher.publish(runId, completed());
  const res = await rawGet(runId);
  const events = [...res.body.matchAll(/id: (\S+)\nevent: (\S+)\n/g)].map((m) => [m[1], m[2]]);
  expect(events.map((e) => e[1])).toEqual(['status', 'completed']);
  expect(events[1][0]).toBe(finalId);
  expect(res.body).toContain('"status":"completed"');
});

test('when the event history has expired, the final event is rebuilt from the database', async () => {
  const runId = await newRun('running');
  await updateRunRow(t.deps.db, runId, { status: 'failed', finished_at: new Date(), exit_code: 1, error: 'provider said no' });
  const res = await rawGet(runId);
  expect(res.body).toMatch(/event: failed\ndata: \{"exit_code":1,"error":"provider said no","finished_at":"[^"]+"\}/);
});

test('reconnecting after the final event was delivered gets 204 so EventSource stops retrying', async () => {
  const runId = await newRun('running');
  await updateRunRow(t.deps.db, runId, { status: 'completed', finished_at: new Date(), exit_code: 0 });
  const finalId = await publisher.publish(runId, completed());
  const res = await rawGet(runId, { 'Last-Event-ID': finalId });
  expect(res.status).toBe(204);
});

test('heartbeats carry a timestamp and the last event id', async () => {
  const runId = await newRun('running');
  const id = await publisher.publish(runId, progress(1));
  const sub = subscribe(runId);
  await sub.count(2);
  expect(sub.received[1]).toMatchObject({ event: 'heartbeat', id, data: { timestamp: expect.any(String) } });
});

test('unknown and malformed run ids are 404 RUN_NOT_FOUND', async () => {
  for (const id of [randomUUID(), 'not-a-uuid']) {
    const res = await rawGet(id);
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body)).toEqual({ detail: 'Run not found', code: 'RUN_NOT_FOUND' });
  }
});

test('one Redis subscriber connection serves every client; closed clients free their listeners', async () => {
  const runId = await newRun('running');
  const subs = Array.from({ length: 5 }, () => subscribe(runId));
  await Promise.all(subs.map((s) => s.count(1)));
  expect(t.deps.eventHub.listenerCount(runId)).toBe(5);
  const probe = createRedis(t.config.redisUrl);
  try {
    const clients = (await probe.client('LIST')) as string;
    const hubConnections = clients.split('\n').filter((l) => l.includes(` name=${t.config.redisPrefix}:event-hub `));
    expect(hubConnections).toHaveLength(1);
  } finally {
    await probe.quit();
  }
  for (const s of subs) s.es.close();
  const deadline = Date.now() + 2000;
  while (t.deps.eventHub.listenerCount(runId) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  expect(t.deps.eventHub.listenerCount(runId)).toBe(0);
});

const eventsOf = (body: string) => [...body.matchAll(/id: (\S+)\nevent: (\S+)\ndata: (.*)\n/g)].map((m) => ({ id: m[1], event: m[2], data: m[3] }));

test('a run that finishes between the stream read and the database read still delivers its final event', async () => {
  const runId = await newRun('running');
  await publisher.publish(runId, progress(9));
  // Serve the events endpoint with a loadRun that lets the "worker" finish just before reading the row,
  // then returns the stale running row, as a slow database read would.
  const express = (await import('express')).default;
  const app = express();
  app.get('/events', (req, res) => {
    void streamRunEvents(t.deps, runId, async () => {
      const stale = (await findRun(t.deps.db, runId))!;
      await updateRunRow(t.deps.db, runId, { status: 'completed', finished_at: new Date(), exit_code: 0 });
      await publisher.publish(runId, { event: 'status', data: { status: 'completed', timestamp: new Date().toISOString() } });
      await publisher.publish(runId, completed());
      return stale;
    }, req, res);
  });
  const racing = await listen(app);
  try {
    const body = await new Promise<string>((resolve, reject) => {
      httpRequest(`${racing.url}/events`, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve(text));
      })
        .on('error', reject)
        .end();
    });
    expect(eventsOf(body).map((e) => e.event)).toEqual(['status', 'status', 'completed']);
  } finally {
    await racing.close();
  }
});

test('an upper-case run id streams the same events', async () => {
  const runId = await newRun('running');
  const sub = subscribe(runId.toUpperCase());
  await sub.count(1);
  await updateRunRow(t.deps.db, runId, { status: 'completed', finished_at: new Date(), exit_code: 0 });
  const id = await publisher.publish(runId, completed());
  await sub.count(2);
  expect(sub.received[1]).toMatchObject({ event: 'completed', id });
});

test('events published while the hub subscriber reconnects are still delivered', async () => {
  const runId = await newRun('running');
  const sub = subscribe(runId);
  await sub.count(1);
  const probe = createRedis(t.config.redisUrl);
  try {
    // Only this gateway's subscriber: other test files share the Redis server.
    const clients = String(await probe.client('LIST')).split('\n');
    const hub = clients.find((l) => l.includes(` name=${t.config.redisPrefix}:event-hub `))!;
    await probe.client('KILL', 'ID', /\bid=(\d+)/.exec(hub)![1]);
    await updateRunRow(t.deps.db, runId, { status: 'completed', finished_at: new Date(), exit_code: 0 });
    const id = await publisher.publish(runId, completed());
    await sub.count(2);
    expect(sub.received.find((r) => r.event === 'completed')).toMatchObject({ id });
  } finally {
    await probe.quit();
  }
});

test('a Last-Event-ID Redis cannot parse, or one ahead of the stream, starts from the status instead of failing', async () => {
  const runId = await newRun('running');
  await publisher.publish(runId, progress(1));
  await updateRunRow(t.deps.db, runId, { status: 'canceled', finished_at: new Date() });
  await publisher.publish(runId, { event: 'canceled', data: { finished_at: new Date().toISOString() } });
  for (const bad of ['99999999999999999999-0', '18446744073709551615-18446744073709551615', '1-99999999999999999999']) {
    const res = await rawGet(runId, { 'Last-Event-ID': bad });
    expect(res.status).toBe(200);
    expect(eventsOf(res.body).map((e) => e.event)).toEqual(['status', 'canceled']);
  }
});

test('resuming from an id the capped stream has trimmed away starts from the current status', async () => {
  const runId = await newRun('running');
  const first = await publisher.publish(runId, progress(1));
  for (let i = 2; i <= 5; i++) await publisher.publish(runId, progress(i));
  await t.deps.redis.xtrim(runKeys.stream(t.config.redisPrefix, runId), 'MAXLEN', 2);
  const sub = subscribe(runId, { 'Last-Event-ID': first });
  await sub.count(3);
  expect(sub.received.map((r) => r.event)).toEqual(['status', 'progress', 'progress']);
  expect(sub.received.slice(1).map((r) => r.data.current)).toEqual([4, 5]);
});

test('a run deleted while watched ends the stream', async () => {
  const runId = await newRun('running');
  const res = rawGet(runId);
  await new Promise((r) => setTimeout(r, 100));
  await t.deps.db.deleteFrom('runs').where('run_id', '=', runId).execute();
  const { body } = await res;
  expect(eventsOf(body)[0].event).toBe('status');
});

test('a run that finished without its final event reaching the stream ends at the next heartbeat', async () => {
  const runId = await newRun('running');
  const res = rawGet(runId);
  await new Promise((r) => setTimeout(r, 100));
  await updateRunRow(t.deps.db, runId, { status: 'failed', finished_at: new Date(), exit_code: 1, error: 'worker lost Redis' });
  const { body } = await res;
  expect(eventsOf(body).map((e) => e.event)).toEqual(['status', 'failed']);
  expect(body).toContain('worker lost Redis');
});

test('the clients of one run share one catch-up read per heartbeat, and an event pub/sub lost reaches each of them', async () => {
  const runId = await newRun('running');
  const subs = Array.from({ length: 5 }, () => subscribe(runId));
  await Promise.all(subs.map((s) => s.count(1)));
  const reads = jest.spyOn(t.deps.runProtocol, 'readEvents');
  const probe = createRedis(t.config.redisUrl);
  try {
    // Stored in the run's stream but never published: only catch-up can deliver it.
    const id = (await probe.xadd(runKeys.stream(t.config.redisPrefix, runId), '*', 'event', 'progress', 'data', JSON.stringify({ percentage: 30, current: 3, total: 10 })))!;
    await Promise.all(subs.map((s) => s.count(2)));
    for (const s of subs) expect(s.received[1]).toMatchObject({ id, event: 'progress', data: { current: 3 } });
    await Promise.all(subs.map((s) => s.count(4)));
    const heartbeats = Math.max(...subs.map((s) => s.received.filter((e) => e.event === 'heartbeat').length));
    const runReads = reads.mock.calls.filter(([readRunId]) => readRunId === runId).length;
    expect(runReads).toBeGreaterThanOrEqual(heartbeats);
    expect(runReads).toBeLessThanOrEqual(heartbeats + 1);
  } finally {
    reads.mockRestore();
    await probe.quit();
  }
});
