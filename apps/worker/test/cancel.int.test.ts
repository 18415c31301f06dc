import { enqueueRun } from '@studio/runtime';
import { WorkerHarness, waitFor } from './worker.harness';

const h = new WorkerHarness();
// A model that never answers: every request stays in flight until the client gives up.
let model: Awaited<ReturnType<WorkerHarness['startModel']>>;

beforeAll(async () => {
  await h.setup();
  model = await h.startModel({ override: () => new Promise<never>(() => undefined) });
  await h.saveKey(model.baseUrl);
  await h.startWorker({ WORKER_CONCURRENCY: '2' });
});
afterAll(() => h.teardown());

async function expectCanceledEvents(runId: string, finishedAt: Date): Promise<void> {
  const events = await h.finalEvents(runId);
  expect(events.slice(-2)).toEqual([
    { event: 'status', data: { status: 'canceled', timestamp: expect.any(String) } },
    { event: 'canceled', data: { finished_at: finishedAt.toISOString() } },
  ]);
}

test('a cancel request stops a running run within 2 s and aborts its in-flight model calls', async () => {
  const runId = await h.createRun({ max_connections: 4 });
  await waitFor('4 requests in flight', () => model.inFlight === 4);
  const cancelledBefore = model.cancelled;

  const requested = Date.now();
  await h.requestCancel(runId);
  const run = await h.waitForStatus(runId, 'canceled', 2_000);
  expect(Date.now() - requested).toBeLessThan(2_000);

  expect(run).toMatchObject({ exit_code: 130, error: 'Run was canceled' });
  expect(run.finished_at).not.toBeNull();
  // The fake server saw the four connections close before answering.
  await waitFor('the aborted requests to close', () => model.cancelled - cancelledBefore === 4, 1_000);
  expect(model.inFlight).toBe(0);
  await expectCanceledEvents(runId, run.finished_at!);
});

test('a cancel whose message was missed is found by the run’s periodic database check', async () => {
  const runId = await h.createRun({ max_connections: 2 });
  await waitFor('the run to be running', async () => (await h.run(runId)).status === 'running' && model.inFlight === 2);
  // Only the database flag, as if the worker had been disconnected from Redis pub/sub at that moment.
  const requested = Date.now();
  await h.db.updateTable('runs').set({ cancel_requested_at: new Date() }).where('run_id', '=', runId).execute();
  const run = await h.waitForStatus(runId, 'canceled', 2_000);
  expect(Date.now() - requested).toBeLessThan(2_000);
  await waitFor('no request in flight', () => model.inFlight === 0, 1_000);
  await expectCanceledEvents(runId, run.finished_at!);
});

test('a run canceled before any worker took it is marked canceled without calling the model', async () => {
  const runId = await h.createRun({}, { enqueue: false });
  await h.db.updateTable('runs').set({ cancel_requested_at: new Date() }).where('run_id', '=', runId).execute();
  const requestsBefore = model.requests.length;
  await enqueueRun(h.queue, await h.run(runId));
  const run = await h.waitForStatus(runId, 'canceled');
  expect(run).toMatchObject({ exit_code: 130, error: 'Run was canceled', attempts: 0, started_at: null });
  expect(model.requests.length).toBe(requestsBefore);
  await expectCanceledEvents(runId, run.finished_at!);
});
