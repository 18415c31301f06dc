import { findRun } from '@studio/db';
import { enqueueRun } from '@studio/runtime';
import { WorkerHarness, waitFor } from './worker.harness';

/**
 * Jobs the worker cannot run as asked: a payload that is not a run job, a run deleted while its job waited, and a
 * run whose dataset file is missing in offline mode. Each ends visibly (a failed job or run with the reason) and
 * the worker goes on taking runs.
 */
const h = new WorkerHarness();

beforeAll(async () => {
  await h.setup();
  const model = await h.startModel({ latencyMs: 5 });
  await h.saveKey(model.baseUrl);
  await h.startWorker();
});
afterAll(() => h.teardown());

async function jobState(jobId: string, state: 'completed' | 'failed') {
  await waitFor(`job ${jobId} to be ${state}`, async () => (await h.queue.getJobState(jobId)) === state);
  // Read after the state change: a job object read before it would not carry its reason or return value.
  return (await h.queue.getJob(jobId))!;
}

async function stillTakesRuns(): Promise<void> {
  const runId = await h.createRun({ limit: 3, max_connections: 3 });
  await h.waitForStatus(runId, 'completed');
}

test('a job whose payload is not a run job fails at once, not retried, with the invalid field as its reason', async () => {
  const queue = h.queue as unknown as { add(name: string, data: unknown, opts: object): Promise<unknown> };
  await queue.add('execute-run', { run_id: 'not-a-uuid', extra: true }, { jobId: 'bogus-payload', attempts: 3 });
  const job = await jobState('bogus-payload', 'failed');
  expect(job.failedReason).toMatch(/^invalid run job payload: run_id: /);
  expect(job.attemptsMade).toBe(1);
  await stillTakesRuns();
});

test('a run deleted while its job waited: the job completes with nothing run and no row recreated', async () => {
  const runId = await h.createRun({ limit: 3 }, { enqueue: false });
  const row = (await findRun(h.db, runId))!;
  await h.db.deleteFrom('runs').where('run_id', '=', runId).execute();
  await enqueueRun(h.queue, row);
  const job = await jobState(runId, 'completed');
  expect(job.returnvalue).toBeNull();
  expect(await findRun(h.db, runId)).toBeUndefined();
  expect(await h.events(runId)).toEqual([]);
  await stillTakesRuns();
});

test('offline with the dataset file missing: the run fails naming the file to place, and its job fails with that reason', async () => {
  // The harness's offline cache holds the MMLU fixture only.
  const runId = await h.createRun({ benchmark: 'gsm8k', limit: 2 });
  const run = await h.waitForStatus(runId, 'failed');
  expect(run.error).toMatch(/not cached and offline mode is on\. To use it, place a copy of https:\/\/\S+ at \S+/);
  const job = await jobState(runId, 'failed');
  expect(job.failedReason).toBe(run.error);
  expect((await h.finalEvents(runId)).at(-1)!.event).toBe('failed');
  await stillTakesRuns();
});
