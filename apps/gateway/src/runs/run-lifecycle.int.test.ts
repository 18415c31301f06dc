import { randomUUID } from 'node:crypto';
import { Worker } from 'bullmq';
import request from 'supertest';
import { QueueName } from '@studio/contracts';
import { appendRunLogs, findRun, finishRun } from '@studio/db';
import { holdOf, updateRunRow } from '@studio/db/testing';
import { bullPrefix, runKeys } from '@studio/runtime';
import { createTestApp, listen, type ListeningApp, type TestApp } from '../../test/test-app';
import { completeRun, insertSamples, insertTestRun, markRunning, mmluRecord } from '../../test/run-fixtures';
import { registerUser, type TestUser } from '../../test/test-user.helper';

let t: TestApp;
let owner: TestUser;
let other: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  owner = await registerUser(t.app, 'owner');
  other = await registerUser(t.app, 'other');
});
afterAll(async () => {
  await t.close();
});

const auth = (req: request.Test, as: TestUser | null) => (as ? req.set('Authorization', `Bearer ${as.token}`) : req);
const cancel = (runId: string, as: TestUser | null = owner) => auth(request(t.app).post(`/api/runs/${runId}/cancel`), as);
const remove = (runId: string, as: TestUser | null = owner) => auth(request(t.app).delete(`/api/runs/${runId}`), as);
// Always JSON: supertest would send a bare string as a form body, which is 415 rather than a validation error.
const bulk = (body: unknown, as: TestUser | null = owner) =>
  auth(request(t.app).post('/api/runs/bulk-delete'), as)
    .type('json')
    .send(typeof body === 'string' ? JSON.stringify(body) : (body as object));

async function createQueued(): Promise<string> {
  const res = await auth(request(t.app).post('/api/runs'), owner).send({ benchmark: 'mmlu', model: 'mockllm/default' });
  expect(res.status).toBe(200);
  return res.body.run_id as string;
}

async function runningRun(): Promise<string> {
  const run = await insertTestRun(t.deps.db, owner.userId);
  await markRunning(t.deps.db, run.run_id, 10);
  return run.run_id;
}

async function completedRun(): Promise<string> {
  const run = await insertTestRun(t.deps.db, owner.userId);
  await markRunning(t.deps.db, run.run_id, 2);
  const records = [mmluRecord(1), mmluRecord(2)];
  await insertSamples(t.deps.db, run.run_id, records);
  await appendRunLogs(t.deps.db, run.run_id, [{ stream: 'stdout', line: 'done' }]);
  await completeRun(t.deps.db, run.run_id, records);
  return run.run_id;
}

const events = async (runId: string) =>
  (await t.deps.runProtocol.readEvents(runId, null)).map((e) => ({ event: e.event, data: JSON.parse(e.data) }));

describe('cancel', () => {
  test('a queued run leaves the queue and is canceled at once, with status and canceled events', async () => {
    const runId = await createQueued();
    expect(await t.deps.runQueue.getJob(runId)).toBeDefined();
    const res = await cancel(runId);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'canceled' });
    expect(await t.deps.runQueue.getJob(runId)).toBeUndefined();
    const row = (await findRun(t.deps.db, runId))!;
    expect(row).toMatchObject({ status: 'canceled', exit_code: 130, error: 'Run was canceled' });
    expect(row.finished_at).toBeInstanceOf(Date);
    expect(row.cancel_requested_at).toBeInstanceOf(Date);
    expect(await events(runId)).toEqual([
      { event: 'status', data: { status: 'queued', timestamp: expect.any(String) } },
      { event: 'status', data: { status: 'canceled', timestamp: expect.any(String) } },
      { event: 'canceled', data: { finished_at: row.finished_at!.toISOString() } },
    ]);
  });

  test('a queued run whose job a worker already holds is still canceled; the worker then finds it canceled', async () => {
    const runId = await createQueued();
    const connection = t.deps.queueRedis.duplicate();
    const worker = new Worker(QueueName.Runs, null, { connection, prefix: bullPrefix(t.config.redisPrefix), autorun: false });
    try {
      const job = await worker.getNextJob('test-token');
      expect(job?.id).toBe(runId);
      const res = await cancel(runId);
      expect(res.body).toEqual({ status: 'canceled' });
      expect(await (await t.deps.runQueue.getJob(runId))!.getState()).toBe('active');
      expect((await findRun(t.deps.db, runId))!.status).toBe('canceled');
    } finally {
      await worker.close(true);
      await connection.quit();
    }
  });

  test('a running run is asked to stop on the cancel channel; the answer waits for the worker', async () => {
    const runId = await runningRun();
    // Plays the worker holding the run: it stops 300 ms after the request.
    const received: string[] = [];
    const worker = t.deps.runProtocol.createCancelListener((id) => {
      received.push(id);
      setTimeout(() => {
        void holdOf(t.deps.db, id).then((hold) => finishRun(t.deps.db, hold, { status: 'canceled' }));
      }, 300);
    });
    await worker.start();
    try {
      const started = Date.now();
      const res = await cancel(runId);
      const elapsed = Date.now() - started;
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'canceled' });
      expect(elapsed).toBeGreaterThanOrEqual(300);
      expect(elapsed).toBeLessThan(3000);
      expect(received).toEqual([runId]);
      expect((await findRun(t.deps.db, runId))!.cancel_requested_at).toBeInstanceOf(Date);
    } finally {
      await worker.close();
    }
  });

  test('when no worker stops the run within ~3 s the answer is its current status, with the request on record', async () => {
    const runId = await runningRun();
    const started = Date.now();
    const res = await cancel(runId);
    expect(res.body).toEqual({ status: 'running' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(2900);
    expect((await findRun(t.deps.db, runId))!.cancel_requested_at).toBeInstanceOf(Date);
  });

  test.each(['completed', 'failed'] as const)('a run that %s on its own while the cancel waited is 400 RUN_NOT_RUNNING', async (status) => {
    const runId = await runningRun();
    // Plays the worker: the run ends the way it was going to, not by the cancel.
    const worker = t.deps.runProtocol.createCancelListener((id) => {
      void updateRunRow(t.deps.db, id, { status, finished_at: new Date(), exit_code: status === 'completed' ? 0 : 1 });
    });
    await worker.start();
    try {
      const res = await cancel(runId);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ code: 'RUN_NOT_RUNNING', detail: `This benchmark ${status} on its own before it could be canceled` });
      expect((await findRun(t.deps.db, runId))!.status).toBe(status);
    } finally {
      await worker.close();
    }
  });

  test.each(['completed', 'failed', 'canceled'] as const)('a %s run is 400 RUN_NOT_RUNNING', async (status) => {
    const run = await insertTestRun(t.deps.db, owner.userId, { status, finished_at: new Date() });
    const res = await cancel(run.run_id);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ code: 'RUN_NOT_RUNNING', detail: 'This benchmark is not currently running' });
  });

  test('only the owner may cancel', async () => {
    const runId = await createQueued();
    expect((await cancel(runId, other)).body.code).toBe('AUTHZ_FORBIDDEN');
    expect((await cancel(runId, null)).status).toBe(401);
    expect((await findRun(t.deps.db, runId))!.status).toBe('queued');
    expect((await cancel(randomUUID())).body.code).toBe('RUN_NOT_FOUND');
  });
});

describe('delete', () => {
  test('a finished run is deleted with its samples, logs and event stream', async () => {
    const runId = await completedRun();
    await t.deps.runProtocol.publish(runId, { event: 'completed', data: { exit_code: 0, finished_at: new Date().toISOString() } });
    const res = await remove(runId);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'deleted' });
    expect(await findRun(t.deps.db, runId)).toBeUndefined();
    const count = async (table: 'run_samples' | 'run_logs') =>
      (await t.deps.db.selectFrom(table).select('run_id').where('run_id', '=', runId).execute()).length;
    expect([await count('run_samples'), await count('run_logs')]).toEqual([0, 0]);
    expect(await t.deps.redis.exists(runKeys.stream(t.config.redisPrefix, runId))).toBe(0);
    expect((await remove(runId)).body.code).toBe('RUN_NOT_FOUND');
  });

  test('a queued run leaves the queue before it is deleted', async () => {
    const runId = await createQueued();
    expect((await remove(runId)).status).toBe(200);
    expect(await t.deps.runQueue.getJob(runId)).toBeUndefined();
    expect(await findRun(t.deps.db, runId)).toBeUndefined();
  });

  test('a running run is 400 RUN_STILL_RUNNING and stays', async () => {
    const runId = await runningRun();
    const res = await remove(runId);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('RUN_STILL_RUNNING');
    expect(await findRun(t.deps.db, runId)).toBeDefined();
  });

  test('only the owner may delete', async () => {
    const runId = await completedRun();
    expect((await remove(runId, other)).status).toBe(403);
    expect((await remove(runId, null)).status).toBe(401);
    expect(await findRun(t.deps.db, runId)).toBeDefined();
  });
});

describe('a run id written in upper case', () => {
  test('cancel takes the job off the queue and publishes on the run\'s own stream', async () => {
    const runId = await createQueued();
    expect((await cancel(runId.toUpperCase())).body).toEqual({ status: 'canceled' });
    expect(await t.deps.runQueue.getJob(runId)).toBeUndefined();
    expect((await events(runId)).map((e) => e.event)).toEqual(['status', 'status', 'canceled']);
    expect(await t.deps.redis.exists(runKeys.stream(t.config.redisPrefix, runId.toUpperCase()))).toBe(0);
  });

  test('a running run\'s worker is asked to stop it by its own id', async () => {
    const runId = await runningRun();
    const received: string[] = [];
    const worker = t.deps.runProtocol.createCancelListener((id) => {
      received.push(id);
      void holdOf(t.deps.db, id).then((hold) => finishRun(t.deps.db, hold, { status: 'canceled' }));
    });
    await worker.start();
    try {
      expect((await cancel(runId.toUpperCase())).body).toEqual({ status: 'canceled' });
      expect(received).toEqual([runId]);
    } finally {
      await worker.close();
    }
  });

  test('delete takes the job off the queue and ends the run\'s own stream', async () => {
    const runId = await createQueued();
    expect((await remove(runId.toUpperCase())).status).toBe(200);
    expect(await t.deps.runQueue.getJob(runId)).toBeUndefined();
    expect(await t.deps.redis.exists(runKeys.stream(t.config.redisPrefix, runId))).toBe(0);
  });
});

describe('watchers of a deleted run', () => {
  let server: ListeningApp;
  beforeAll(async () => {
    server = await listen(t.app);
  });
  afterAll(async () => {
    await server.close();
  });

  /** Opens the run's event stream; `ended` resolves with everything received once the server closes it. */
  async function watch(runId: string): Promise<{ ended: Promise<string> }> {
    const res = await fetch(`${server.url}/api/runs/${runId}/events`);
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    // Once the current status arrived the server is subscribed to the run's live events.
    let text = '';
    while (!text.includes('event: status')) {
      const chunk = await reader.read();
      if (chunk.done) throw new Error(`the stream ended before the status: ${text}`);
      text += decoder.decode(chunk.value);
    }
    const ended = (async () => {
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += decoder.decode(chunk.value);
      return text;
    })();
    return { ended };
  }

  async function within<T>(promise: Promise<T>, ms = 5000): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`still open after ${ms} ms`)), ms)))]);
    } finally {
      clearTimeout(timer);
    }
  }

  test('deleting a queued run ends its watchers\' streams with a canceled event', async () => {
    const runId = await createQueued();
    const watcher = await watch(runId);
    expect((await remove(runId)).status).toBe(200);
    const body = await within(watcher.ended);
    expect(body).toMatch(/\nevent: canceled\ndata: \{"finished_at":"[^"]+"\}\n/);
    expect(await t.deps.redis.exists(runKeys.stream(t.config.redisPrefix, runId))).toBe(0);
  });

  test('bulk deleting queued runs ends their watchers\' streams too; a finished run gets no second final event', async () => {
    const [a, b, done] = [await createQueued(), await createQueued(), await completedRun()];
    const watchers = [await watch(a), await watch(b)];
    const published: string[] = [];
    const off = await t.deps.eventHub.subscribe(done, (e) => published.push(e.event));
    try {
      expect((await bulk([a, b, done])).body.summary.deleted).toBe(3);
      for (const w of watchers) expect(await within(w.ended)).toMatch(/event: canceled\n/);
      expect(published).toEqual([]);
    } finally {
      off();
    }
  });
});

describe('bulk delete', () => {
  test('a raw JSON array: deleted, running, forbidden and not_found runs are reported apart', async () => {
    const [done, queued, running] = [await completedRun(), await createQueued(), await runningRun()];
    const others = (await insertTestRun(t.deps.db, other.userId)).run_id;
    const unknown = randomUUID();
    const res = await bulk([done, queued, running, others, unknown, 'not-a-uuid', done]);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'completed',
      summary: { total: 6, deleted: 2, failed: 0, running: 1, not_found: 2, forbidden: 1 },
      details: { deleted: [done, queued], failed: [], running: [running], not_found: [unknown, 'not-a-uuid'], forbidden: [others] },
    });
    expect(await findRun(t.deps.db, done)).toBeUndefined();
    expect(await findRun(t.deps.db, queued)).toBeUndefined();
    expect(await t.deps.runQueue.getJob(queued)).toBeUndefined();
    expect(await findRun(t.deps.db, running)).toBeDefined();
    expect(await findRun(t.deps.db, others)).toBeDefined();
  });

  test('an object with run_ids works too; ids match case-insensitively', async () => {
    const runId = await completedRun();
    const res = await bulk({ run_ids: [runId.toUpperCase()] });
    expect(res.body.summary).toEqual({ total: 1, deleted: 1, failed: 0, running: 0, not_found: 0, forbidden: 0 });
    expect(res.body.details.deleted).toEqual([runId.toUpperCase()]);
    expect(await findRun(t.deps.db, runId)).toBeUndefined();
  });

  test('an empty list deletes nothing', async () => {
    expect((await bulk([])).body.summary).toEqual({ total: 0, deleted: 0, failed: 0, running: 0, not_found: 0, forbidden: 0 });
  });

  test.each([
    ['1001 ids', Array.from({ length: 1001 }, () => randomUUID())],
    ['a string', 'abc'],
    ['numbers', [1, 2]],
    ['run_ids that are not strings', { run_ids: [{ id: 1 }] }],
    ['an unknown field', { run_ids: [], all: true }],
  ])('%s is 422', async (_label, body) => {
    const res = await bulk(body);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('VALIDATION_ERROR');
  });

  test('without a token it is 401', async () => {
    expect((await bulk([], null)).status).toBe(401);
  });
});
