import { lastUserText } from '../../../packages/engine/test/fake-chat-model.server';
import { TcpProxy } from './tcp.proxy';
import { mmluExpectedAccuracy } from '../../../packages/engine/test/mmlu-run.helper';
import { REDIS_URL, WorkerHarness, waitFor } from './worker.harness';

/** The worker reaches Redis through a proxy the test cuts; Postgres stays up. */
const h = new WorkerHarness();
let proxy: TcpProxy;

beforeAll(async () => {
  await h.setup();
  const redis = new URL(REDIS_URL);
  proxy = await TcpProxy.start({ host: redis.hostname, port: Number(redis.port || 6379) });
  await h.startWorker({ REDIS_URL: proxy.redisUrl });
});
afterAll(async () => {
  proxy.restore();
  await h.teardown();
  await proxy.close();
});

test('Redis going away as a run finishes: the outcome is in Postgres at once, and the final events follow once Redis is back', async () => {
  const last = h.samples[4].input as string;
  let cut = false;
  const model = await h.startModel({
    override: (body) => {
      // The worker loses Redis while the model answers the run's last sample.
      if (lastUserText(body) === last && !cut) {
        cut = true;
        proxy.cut();
      }
      return undefined;
    },
  });
  await h.saveKey(model.baseUrl);
  const runId = await h.createRun({ limit: 5, max_connections: 1 });

  const run = await h.waitForStatus(runId, 'completed', 10_000);
  expect(cut).toBe(true);
  expect(run).toMatchObject({ exit_code: 0, primary_metric: 4 / 5, progress_current: 5 });
  expect((await h.events(runId)).map((e) => e.event)).not.toContain('completed');

  proxy.restore();
  const events = await h.finalEvents(runId);
  expect(events.slice(-2)).toEqual([
    { event: 'status', data: { status: 'completed', timestamp: expect.any(String) } },
    { event: 'completed', data: { exit_code: 0, finished_at: run.finished_at!.toISOString() } },
  ]);
  // The worker took up its queue again with Redis.
  await h.waitForStatus(await h.createRun({ limit: 2, max_connections: 1 }), 'completed');
});

test('Redis away for longer than the queue lock mid-run, then back: the run ends completed with the exact score, each sample stored once', async () => {
  const cutAt = h.samples[6].input as string;
  let cut = false;
  const model = await h.startModel({
    latencyMs: 20,
    override: (body) => {
      if (lastUserText(body) === cutAt && !cut) {
        cut = true;
        proxy.cut();
        // Twice the lock (1.5 s): the worker cannot renew it, the stalled check runs once Redis is back.
        setTimeout(() => proxy.restore(), 3000);
      }
      return undefined;
    },
  });
  await h.saveKey(model.baseUrl);
  const runId = await h.createRun({ limit: 20, max_connections: 1 });
  const run = await waitFor('the run to finish', async () => {
    const row = await h.run(runId);
    return ['completed', 'failed', 'canceled'].includes(row.status) ? row : undefined;
  }, 45_000);
  expect(cut).toBe(true);
  expect(run.status).toBe('completed');
  expect(run.primary_metric).toBeCloseTo(mmluExpectedAccuracy(h.samples, 20), 12);
  const rows = await h.db.selectFrom('run_samples').select(['sample_id', 'epoch']).where('run_id', '=', runId).execute();
  expect(new Set(rows.map((r) => `${r.sample_id}/${r.epoch}`)).size).toBe(20);
  expect(rows).toHaveLength(20);
  expect((await h.finalEvents(runId)).at(-1)!.event).toBe('completed');
}, 60_000);
