import { UnrecoverableError, Worker } from 'bullmq';
import { QueueName } from '@studio/contracts';
import { countRunSamples } from '@studio/db';
import { bullPrefix, createLogger, createRedis } from '@studio/runtime';
import { MAX_RUN_REQUEUES, RunReconciler, failedJobMessage, lostJobMessage } from '../src/run.reconciler';
import { REDIS_URL, WorkerHarness, exited, waitFor } from './worker.harness';

const h = new WorkerHarness();
let model: Awaited<ReturnType<WorkerHarness['startModel']>>;
const RECONCILING = { RECONCILE_INTERVAL_MS: '200' };

beforeAll(async () => {
  await h.setup();
  model = await h.startModel({ latencyMs: 100 });
  await h.saveKey(model.baseUrl);
});
afterAll(() => h.teardown());

test('a running run whose queue job vanished (Redis flushed after its worker died) is failed with the reason', async () => {
  const child = await h.spawnWorker({ SAMPLE_BATCH_SIZE: '1' });
  const runId = await h.createRun({ max_connections: 2 });
  await waitFor('5 stored samples', async () => (await countRunSamples(h.db, runId)) >= 5);
  child.kill('SIGKILL');
  await exited(child);
  await h.deleteQueueKeys();
  const saved = await countRunSamples(h.db, runId);

  const app = await h.startWorker(RECONCILING);
  const run = await h.waitForStatus(runId, 'failed');
  expect(run.error).toBe(lostJobMessage(saved));
  expect(run.error).toMatch(/^The run's queue job was lost \(the queue was reset or the worker died repeatedly\); \d+ samples were saved — start a new run to re-run it$/);
  expect(run.exit_code).toBe(1);
  const events = await h.finalEvents(runId);
  expect(events.slice(-2)).toEqual([
    { event: 'status', data: { status: 'failed', timestamp: run.finished_at!.toISOString() } },
    { event: 'failed', data: { exit_code: 1, error: run.error, finished_at: run.finished_at!.toISOString() } },
  ]);
  await app.stop();
});

test('a queued run whose job vanished is enqueued again and completes', async () => {
  const runId = await h.createRun({ limit: 4 }, { enqueue: false });
  const app = await h.startWorker(RECONCILING);
  const run = await h.waitForStatus(runId, 'completed');
  expect(run.primary_metric).toBe(3 / 4);
  // The job settles after the outcome is recorded (and the run's webhook deliveries are announced).
  await waitFor('the job to complete', async () => (await h.queue.getJobState(runId)) === 'completed');
  await app.stop();
});

test('a running run whose worker is still alive is not declared lost when the queue is reset under it', async () => {
  const app = await h.startWorker({ WORKER_LOCK_DURATION_MS: '300', WORKER_STALLED_INTERVAL_MS: '100' });
  const runId = await h.createRun({ max_connections: 1 });
  await h.waitForStatus(runId, 'running');
  // The queue is reset under a live worker: its heartbeat keeps the run fresh, so it is not declared lost.
  await h.deleteQueueKeys();
  // Passes are driven here, not left to a timer, so each one surely ran; they start once the run's stale window
  // (lock + stalled interval: 400 ms) has passed since it started, so only the heartbeat can keep it alive.
  const reconciler = new RunReconciler({ ...reconcilerOptions(), workerId: 'checker', staleAfterMs: 400 });
  await new Promise((r) => setTimeout(r, 500));
  for (let pass = 0; pass < 5; pass++) {
    await h.redis.del(`${h.prefix}:worker:reconcile-lock`);
    expect(await reconciler.runOnce()).toBe(true);
    expect((await h.run(runId)).status).toBe('running');
    await new Promise((r) => setTimeout(r, 200));
  }
  await h.requestCancel(runId);
  await h.waitForStatus(runId, 'canceled');
  await app.stop();
});

/**
 * A running run whose queue job failed all its attempts (its worker could not get past an error, a database
 * outage when it recorded the outcome, say) and that nobody has touched since.
 */
async function runWithFailedJob(requeues: number): Promise<string> {
  const runId = await h.createRun({ limit: 4 });
  const connection = createRedis(REDIS_URL);
  const failing = new Worker(QueueName.Runs, () => Promise.reject(new UnrecoverableError('Connection terminated unexpectedly')), {
    connection,
    prefix: bullPrefix(h.prefix),
  });
  try {
    await waitFor('the job to fail', async () => (await (await h.queue.getJob(runId))!.getState()) === 'failed');
  } finally {
    await failing.close();
    await connection.quit();
  }
  const idleSince = new Date(Date.now() - 60_000);
  await h.db.updateTable('runs').set({ status: 'running', attempts: 1, started_at: idleSince, updated_at: idleSince, requeues }).where('run_id', '=', runId).execute();
  return runId;
}

test('a running run whose queue job failed is enqueued again and resumes', async () => {
  const runId = await runWithFailedJob(0);
  const app = await h.startWorker(RECONCILING);
  const run = await h.waitForStatus(runId, 'completed');
  expect(run).toMatchObject({ attempts: 2, requeues: 1, primary_metric: 3 / 4, error: null });
  await app.stop();
});

test('a running run whose queue job keeps failing is failed after MAX_RUN_REQUEUES re-enqueues, with the job’s error', async () => {
  const runId = await runWithFailedJob(MAX_RUN_REQUEUES);
  const app = await h.startWorker(RECONCILING);
  const run = await h.waitForStatus(runId, 'failed');
  expect(run.error).toBe(failedJobMessage(0, 'Connection terminated unexpectedly'));
  expect(run.error).toBe("The run's queue job kept failing (last error: Connection terminated unexpectedly); 0 samples were saved — start a new run to re-run it");
  expect(run).toMatchObject({ exit_code: 1, requeues: MAX_RUN_REQUEUES, attempts: 1 });
  expect((await h.finalEvents(runId)).at(-1)).toEqual({ event: 'failed', data: { exit_code: 1, error: run.error, finished_at: run.finished_at!.toISOString() } });
  await app.stop();
});

function reconcilerOptions() {
  return {
    db: h.db,
    queue: h.queue,
    webhooks: h.webhooks,
    schedules: h.schedules,
    redis: h.redis,
    events: h.protocol,
    logger: createLogger({ level: 'error', json: false, service: 'worker', silent: true }),
    prefix: h.prefix,
    intervalMs: 5_000,
    queuedGraceMs: 60_000,
    staleAfterMs: 60_000,
  };
}

test('only one worker at a time does a reconciliation pass', async () => {
  const options = reconcilerOptions();
  await h.redis.del(`${h.prefix}:worker:reconcile-lock`);
  const a = new RunReconciler({ ...options, workerId: 'a' });
  const b = new RunReconciler({ ...options, workerId: 'b' });
  expect(await Promise.all([a.runOnce(), b.runOnce()])).toEqual([true, false]);
  expect(await b.runOnce()).toBe(false);
});
