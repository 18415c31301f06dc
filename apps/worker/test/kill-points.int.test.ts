import { countRunSamples, listRunSamples, type RunRow } from '@studio/db';
import { WorkerHarness, exited, waitFor } from './worker.harness';

/**
 * A worker process SIGKILLed at 30%, 60% and 90% of a run: an idle worker takes the run over once BullMQ's stalled
 * check finds the dead worker's lock expired, resumes from the stored samples, and records the score of an
 * uninterrupted run with every sample stored once. Takeover waits for the lock to expire (WORKER_LOCK_DURATION_MS)
 * and then for the next stalled check (WORKER_STALLED_INTERVAL_MS), so kill → resume stays within their sum.
 */
const h = new WorkerHarness();
const LOCK_MS = 1500;
const STALLED_MS = 500;
const CONFIG = { max_connections: 2 };
const SAMPLES = 40;
let reference: RunRow;

beforeAll(async () => {
  await h.setup();
  const model = await h.startModel({ latencyMs: 60 });
  await h.saveKey(model.baseUrl);
  const app = await h.startWorker();
  reference = await h.waitForStatus(await h.createRun(CONFIG), 'completed');
  await app.stop();
});
afterAll(() => h.teardown());

test.each([0.3, 0.6, 0.9])('killed at %p of the run: resumed elsewhere within lock + stalled interval, same score, no sample twice', async (fraction) => {
  const env = { SAMPLE_BATCH_SIZE: '1', WORKER_LOCK_DURATION_MS: String(LOCK_MS), WORKER_STALLED_INTERVAL_MS: String(STALLED_MS) };
  const doomed = await h.spawnWorker(env);
  const runId = await h.createRun(CONFIG);
  await waitFor('the first attempt', async () => (await h.run(runId)).attempts === 1);
  const rescuer = await h.startWorker(env);
  const target = Math.round(fraction * SAMPLES);
  await waitFor(`${target} stored samples`, async () => (await countRunSamples(h.db, runId)) >= target, 30_000, 5);
  doomed.kill('SIGKILL');
  const killedAt = Date.now();
  await exited(doomed);
  await waitFor('the second attempt', async () => (await h.run(runId)).attempts === 2, 30_000, 10);
  const resumeMs = Date.now() - killedAt;

  const run = await h.waitForStatus(runId, 'completed', 30_000);
  expect(run).toMatchObject({ attempts: 2, worker_id: rescuer.workerId, progress_current: SAMPLES });
  for (const field of ['primary_metric', 'metrics', 'breakdowns', 'results', 'model_usage', 'total_tokens'] as const) {
    expect([field, run[field]]).toEqual([field, reference[field]]);
  }
  const rows = await listRunSamples(h.db, runId, { offset: 0, limit: 1000 });
  expect(rows.map((r) => [r.seq, r.sample_id])).toEqual(h.samples.map((s, i) => [i, String(s.id)]));
  // The lock expires at most LOCK_MS after the kill, and the rescuer's next stalled check comes within STALLED_MS;
  // the slack covers polling and a loaded machine.
  expect(resumeMs).toBeLessThan(LOCK_MS + STALLED_MS + 2500);
  await rescuer.stop();
}, 90_000);
