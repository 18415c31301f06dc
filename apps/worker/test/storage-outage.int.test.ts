import { listRunLogs, listRunSamples } from '@studio/db';
import { failNextWrites } from '../../../packages/db/test/failing-writes.helper';
import { DB_RETRY_DELAYS_MS } from '../src/db-write.retry';
import { WorkerHarness, waitFor } from './worker.harness';

/** Postgres failing for a while under a running worker, through triggers in this file's test database. */
const h = new WorkerHarness();

beforeAll(async () => {
  await h.setup();
  const model = await h.startModel();
  await h.saveKey(model.baseUrl);
  // Only full batches (and the run's last flush) are written, so the failing write holds exactly one batch of 5
  // however slowly samples arrive on a loaded machine.
  await h.startWorker({ SAMPLE_FLUSH_MS: '60000' });
});
afterAll(() => h.teardown());

async function expectEverySampleOnce(runId: string): Promise<void> {
  const rows = await listRunSamples(h.db, runId, { offset: 0, limit: 100 });
  expect(rows.map((r) => [r.seq, r.sample_id])).toEqual(h.samples.slice(0, 10).map((s, i) => [i, String(s.id)]));
}

test('a sample batch write that fails once is retried: the run completes on its first attempt, every sample stored once', async () => {
  const restore = await failNextWrites(h.db, { table: 'run_samples', event: 'insert', times: 1 });
  try {
    const runId = await h.createRun({ limit: 10, max_connections: 2 });
    const run = await h.waitForStatus(runId, 'completed');
    expect(run).toMatchObject({ attempts: 1, exit_code: 0, primary_metric: 7 / 10 });
    await expectEverySampleOnce(runId);
    const stderr = (await listRunLogs(h.db, runId)).filter((l) => l.stream === 'stderr').map((l) => l.line);
    expect(stderr).toEqual(['could not store 5 samples (simulated database failure); retrying in 0.25 s']);
  } finally {
    await restore();
  }
});

test('sample writes failing through every retry with a database outage hand the run back to the queue instead of failing it', async () => {
  // The first try of the first batch and every retry of it fail, as if the database had gone away.
  const restore = await failNextWrites(h.db, { table: 'run_samples', event: 'insert', times: 1 + DB_RETRY_DELAYS_MS.length, errcode: '08006' });
  try {
    const runId = await h.createRun({ limit: 10, max_connections: 2 });
    const handedBack = /^The database is unavailable \(simulated database failure\): run handed back to the queue; it resumes from its stored samples in 10 s$/;
    await waitFor('the run to be handed back', async () => (await listRunLogs(h.db, runId)).some((l) => handedBack.test(l.line)), 20_000);
    expect((await h.run(runId)).status).toBe('running');
    expect(await (await h.queue.getJob(runId))!.getState()).toBe('delayed');

    const run = await h.waitForStatus(runId, 'completed', 20_000);
    expect(run).toMatchObject({ attempts: 2, exit_code: 0, error: null, primary_metric: 7 / 10 });
    await expectEverySampleOnce(runId);
  } finally {
    await restore();
  }
}, 60_000);

test('a database outage while an attempt sets the run up hands it back too; the next attempt runs it', async () => {
  // The first attempt's dataset pin (its first write after the claim) fails as if the database had gone away.
  const restore = await failNextWrites(h.db, { table: 'runs', event: 'update', times: 1, errcode: '08006', when: 'old.dataset_fingerprint is null and new.dataset_fingerprint is not null' });
  try {
    const runId = await h.createRun({ limit: 10, max_connections: 2 });
    const run = await h.waitForStatus(runId, 'completed', 25_000);
    expect(run).toMatchObject({ attempts: 2, exit_code: 0, error: null, primary_metric: 7 / 10 });
    await expectEverySampleOnce(runId);
    const logs = (await listRunLogs(h.db, runId)).map((l) => l.line);
    expect(logs).toContain('The database is unavailable (simulated database failure): run handed back to the queue; it resumes from its stored samples in 10 s');
  } finally {
    await restore();
  }
}, 60_000);

test('recording the outcome is retried when the database fails at that moment: the run completes on its first attempt', async () => {
  // The completed transition fails three times, past what BullMQ's three attempts of the job would survive.
  const restore = await failNextWrites(h.db, { table: 'runs', event: 'update', times: 3, errcode: '08006', when: "new.status = 'completed'" });
  try {
    const runId = await h.createRun({ limit: 10, max_connections: 2 });
    const run = await h.waitForStatus(runId, 'completed');
    expect(run).toMatchObject({ attempts: 1, exit_code: 0, primary_metric: 7 / 10 });
    await expectEverySampleOnce(runId);
    expect((await listRunLogs(h.db, runId)).filter((l) => l.line.startsWith('Completed: '))).toHaveLength(1);
    expect((await h.finalEvents(runId)).filter((e) => e.event === 'completed')).toHaveLength(1);
  } finally {
    await restore();
  }
});
