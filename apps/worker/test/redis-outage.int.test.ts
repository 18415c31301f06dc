import { lastUserText } from '../../../packages/engine/test/fake-chat-model.server';
import { WorkerHarness, harnessWithRedisProxy } from './worker.harness';

/** The worker reaches Redis through a proxy the test cuts; Postgres stays up. */
const h = new WorkerHarness();
const proxy = harnessWithRedisProxy(h);

test('Redis going away as a run finishes: the outcome is in Postgres at once, and the final events follow once Redis is back', async () => {
  const last = h.samples[4].input as string;
  let cut = false;
  const model = await h.startModel({
    override: (body) => {
      // The worker loses Redis while the model answers the run's last sample.
      if (lastUserText(body) === last && !cut) {
        cut = true;
        proxy().cut();
      }
      return undefined;
    },
  });
  await h.saveKey(model.baseUrl);
  await h.startWorker({ REDIS_URL: proxy().redisUrl });
  const runId = await h.createRun({ limit: 5, max_connections: 1 });

  const run = await h.waitForStatus(runId, 'completed', 10_000);
  expect(cut).toBe(true);
  expect(run).toMatchObject({ exit_code: 0, primary_metric: 4 / 5, progress_current: 5 });
  expect((await h.events(runId)).map((e) => e.event)).not.toContain('completed');

  proxy().restore();
  const events = await h.finalEvents(runId);
  expect(events.slice(-2)).toEqual([
    { event: 'status', data: { status: 'completed', timestamp: expect.any(String) } },
    { event: 'completed', data: { exit_code: 0, finished_at: run.finished_at!.toISOString() } },
  ]);
  // The worker took up its queue again with Redis.
  await h.waitForStatus(await h.createRun({ limit: 2, max_connections: 1 }), 'completed');
});

