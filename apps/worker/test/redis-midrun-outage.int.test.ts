import { lastUserText } from '../../../packages/engine/test/fake-chat-model.server';
import { mmluExpectedAccuracy } from '../../../packages/engine/test/mmlu-run.helper';
import { WorkerHarness, harnessWithRedisProxy, waitFor } from './worker.harness';

/**
 * Redis away mid-run for longer than the queue lock, then back. The worker is a child process reaching Redis through
 * a proxy the test cuts (Postgres stays up), as a worker host that loses its Redis connection.
 */
const h = new WorkerHarness();
const proxy = harnessWithRedisProxy(h);

test('Redis away for longer than the queue lock mid-run, then back: the run ends completed with the exact score, each sample stored once', async () => {
  const cutAt = h.samples[6].input as string;
  let cut = false;
  const model = await h.startModel({
    latencyMs: 20,
    override: (body) => {
      if (lastUserText(body) === cutAt && !cut) {
        cut = true;
        proxy().cut();
        // Twice the lock (1.5 s): the worker cannot renew it, the stalled check runs once Redis is back.
        setTimeout(() => proxy().restore(), 3000);
      }
      return undefined;
    },
  });
  await h.saveKey(model.baseUrl);
  await h.spawnWorker({ REDIS_URL: proxy().redisUrl });
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
