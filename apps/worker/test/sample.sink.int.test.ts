import { randomUUID } from 'node:crypto';
import { finishRun, listRunSampleOutcomes, listRunSamples, type RunHold } from '@studio/db';
import { claimTestRun, createTestDatabase, insertBareRun, type TestDatabase } from '@studio/db/testing';
import type { SampleRecord } from '@studio/engine';
import { isDbOutage } from '../src/db-write.retry';
import { RunHoldLostError, SampleSink } from '../src/sample.sink';
import { failNextWrites } from '../../../packages/db/test/failing-writes.helper';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(() => tdb.destroy());

/** A run claimed by a worker, as the sink's writes are fenced by the claim's attempt. */
const newRun = async (): Promise<RunHold> => claimTestRun(tdb.db, await insertBareRun(tdb.db));
const claim = (runId: string): Promise<RunHold> => claimTestRun(tdb.db, runId);

/** A transaction holding the run row: the sink's fenced writes (which share-lock it) wait until `release`; `lock` ends with it. */
async function lockRunRow(runId: string): Promise<{ release: () => void; lock: Promise<void> }> {
  let release: () => void = () => undefined;
  let locked: () => void = () => undefined;
  const isLocked = new Promise<void>((r) => (locked = r));
  const lock = tdb.db.transaction().execute(async (trx) => {
    await trx.selectFrom('runs').select('run_id').where('run_id', '=', runId).forUpdate().execute();
    locked();
    await new Promise<void>((r) => (release = r));
  });
  await isLocked;
  return { release: () => release(), lock };
}

function record(id: number, value: string | null, epoch = 1): SampleRecord {
  return {
    sample_id: id,
    epoch,
    input: `q${id}`,
    target: 'A',
    metadata: {},
    messages: [],
    output: null,
    scores: value === null ? {} : { mcq_scorer: { value } },
    usage: null,
    started_at: '',
    completed_at: '',
    total_time: 0,
    working_time: 0,
    retries: 0,
    error: value === null ? 'boom' : null,
  };
}

const rows = async (runId: string) =>
  (await listRunSamples(tdb.db, runId, { offset: 0, limit: 100 })).map((r) => [r.seq, r.sample_id, r.epoch, r.score, r.error]);

test('with maxWritesInFlight 0 a full batch is written before add returns; a partial one after the flush delay', async () => {
  const hold = await newRun();
  const { runId } = hold;
  const sink = new SampleSink(tdb.db, hold, { batchSize: 2, flushMs: 150, maxWritesInFlight: 0, seqOf: (r) => Number(r.sample_id) - 1 });
  await sink.add(record(1, 'C'));
  expect(await rows(runId)).toEqual([]);
  await sink.add(record(2, 'I'));
  expect(await rows(runId)).toEqual([
    [0, '1', 1, 1, null],
    [1, '2', 1, 0, null],
  ]);
  await sink.add(record(3, 'C'));
  expect(await rows(runId)).toHaveLength(2);
  await new Promise((r) => setTimeout(r, 300));
  expect(await rows(runId)).toHaveLength(3);
  expect(sink.storedCount).toBe(3);
});

test('by default full batches are written in the background; add waits only once more than maxWritesInFlight are pending', async () => {
  const hold = await newRun();
  const { runId } = hold;
  const sink = new SampleSink(tdb.db, hold, { batchSize: 1, flushMs: 1000, maxWritesInFlight: 2, seqOf: (r) => Number(r.sample_id) - 1 });
  const { release, lock } = await lockRunRow(runId);
  const settled: number[] = [];
  const adds = [1, 2, 3].map((id) => sink.add(record(id, 'C')).then(() => settled.push(id)));
  await new Promise((r) => setTimeout(r, 300));
  // Two writes pending: the first two adds went on; the third waits for the database.
  expect(settled).toEqual([1, 2]);
  expect(await rows(runId)).toEqual([]);
  release();
  await lock;
  await Promise.all(adds);
  await sink.flush();
  expect((await rows(runId)).map((r) => r[1])).toEqual(['1', '2', '3']);
  expect(sink.storedCount).toBe(3);
});

test('an errored row is replaced by its successful re-run; a stored success is never overwritten', async () => {
  const hold = await newRun();
  const { runId } = hold;
  const seqOf = (r: SampleRecord) => Number(r.sample_id) - 1;
  const first = new SampleSink(tdb.db, hold, { batchSize: 10, flushMs: 1000, seqOf });
  await first.add(record(1, null));
  await first.add(record(2, 'C'));
  await first.flush();
  expect(await rows(runId)).toEqual([
    [0, '1', 1, null, 'boom'],
    [1, '2', 1, 1, null],
  ]);
  const resumed = new SampleSink(tdb.db, await claim(runId), { batchSize: 10, flushMs: 1000, seqOf });
  await resumed.add(record(1, 'C'));
  await resumed.add(record(2, 'I'));
  await resumed.flush();
  expect(await rows(runId)).toEqual([
    [0, '1', 1, 1, null],
    [1, '2', 1, 1, null],
  ]);
});

test('takeUnwritten waits for the writes under way and hands over the buffered rows unwritten; outcomes read as the rows do', async () => {
  const hold = await newRun();
  const { runId } = hold;
  const stored: number[] = [];
  const sink = new SampleSink(tdb.db, hold, { batchSize: 2, flushMs: 50, seqOf: (r) => Number(r.sample_id) - 1, onStored: (n) => stored.push(n) });
  for (const [id, value] of [[1, 'C'], [2, null], [3, 'I']] as const) await sink.add(record(id, value));
  const unwritten = await sink.takeUnwritten();
  expect(await rows(runId)).toEqual([
    [0, '1', 1, 1, null],
    [1, '2', 1, null, 'boom'],
  ]);
  expect(unwritten.rows.map((r) => r.sample_id)).toEqual(['3']);
  // No flush timer is left to write them behind the caller's back.
  await new Promise((r) => setTimeout(r, 150));
  expect(await rows(runId)).toHaveLength(2);
  expect(stored).toEqual([2]);
  await finishRun(tdb.db, hold, { status: 'canceled' }, { samples: unwritten.rows });
  unwritten.stored();
  expect(stored).toEqual([2, 1]);
  expect(sink.storedCount).toBe(3);
  expect(sink.outcomes).toEqual(await listRunSampleOutcomes(tdb.db, runId));
});

test('takeUnwritten takes back the batches whose write has not started, and waits only for the write under way', async () => {
  const hold = await newRun();
  const { runId } = hold;
  const sink = new SampleSink(tdb.db, hold, { batchSize: 1, flushMs: 1000, maxWritesInFlight: 5, seqOf: (r) => Number(r.sample_id) - 1 });
  const { release, lock } = await lockRunRow(runId);
  for (const id of [1, 2, 3]) await sink.add(record(id, 'C'));
  // Batch 1's write waits for the lock; batches 2 and 3 wait behind it.
  const taking = sink.takeUnwritten();
  release();
  await lock;
  const unwritten = await taking;
  expect((await rows(runId)).map((r) => r[1])).toEqual(['1']);
  expect(unwritten.rows.map((r) => r.sample_id)).toEqual(['2', '3']);
  await sink.flush();
  expect(await rows(runId)).toHaveLength(1);
  expect(sink.storedCount).toBe(1);
});

test("nothing is written before `after` resolves (a first attempt's dataset pin), and its rejection fails the sink", async () => {
  const hold = await newRun();
  const { runId } = hold;
  let pinned: () => void = () => undefined;
  const after = new Promise<void>((r) => (pinned = r));
  const sink = new SampleSink(tdb.db, hold, { batchSize: 1, flushMs: 1000, maxWritesInFlight: 5, seqOf: (r) => Number(r.sample_id) - 1, after });
  await sink.add(record(1, 'C'));
  await new Promise((r) => setTimeout(r, 100));
  expect(await rows(runId)).toEqual([]);
  pinned();
  await sink.flush();
  expect((await rows(runId)).map((r) => r[1])).toEqual(['1']);

  const refused = new SampleSink(tdb.db, hold, { batchSize: 1, flushMs: 1000, seqOf: () => 0, after: Promise.reject(new Error('the pin was refused')) });
  await new Promise((r) => setTimeout(r, 10));
  await expect(refused.add(record(2, 'C'))).rejects.toThrow('the pin was refused');
});

test('takeUnwritten throws the failure of a write under way', async () => {
  const sink = new SampleSink(tdb.db, { runId: randomUUID(), attempt: 1 }, { batchSize: 1, flushMs: 1000, seqOf: () => 0 });
  await sink.add(record(1, 'C'));
  await expect(sink.takeUnwritten()).rejects.toThrow(/foreign key/);
});

test('a failed write fails the next add', async () => {
  const sink = new SampleSink(tdb.db, { runId: randomUUID(), attempt: 1 }, { batchSize: 1, flushMs: 1000, maxWritesInFlight: 0, seqOf: () => 0 });
  await expect(sink.add(record(1, 'C'))).rejects.toThrow(/foreign key/);
  await expect(sink.add(record(2, 'C'))).rejects.toThrow(/foreign key/);
});

test('once a later attempt claimed the run, or it left running, writes are refused and store nothing', async () => {
  const first = await newRun();
  const seqOf = (r: SampleRecord) => Number(r.sample_id) - 1;
  const stale = new SampleSink(tdb.db, first, { batchSize: 1, flushMs: 1000, maxWritesInFlight: 0, seqOf });
  await stale.add(record(1, 'C'));
  const second = await claim(first.runId);
  await expect(stale.add(record(2, 'C'))).rejects.toEqual(new RunHoldLostError('taken-over'));
  await expect(stale.flush()).rejects.toBeInstanceOf(RunHoldLostError);
  expect((await rows(first.runId)).map((r) => r[1])).toEqual(['1']);

  const current = new SampleSink(tdb.db, second, { batchSize: 1, flushMs: 1000, maxWritesInFlight: 0, seqOf });
  await current.add(record(2, 'C'));
  await finishRun(tdb.db, second, { status: 'failed', error: 'failed meanwhile' });
  await expect(current.add(record(3, 'C'))).rejects.toMatchObject({ loss: 'gone' });
  expect((await rows(first.runId)).map((r) => r[1])).toEqual(['1', '2']);
});

test('a failed batch write is retried with backoff: a one-off failure costs a retry, not the run', async () => {
  const hold = await newRun();
  const retries: [number, number][] = [];
  const sink = new SampleSink(tdb.db, hold, {
    batchSize: 2,
    flushMs: 1000,
    maxWritesInFlight: 0,
    seqOf: (r) => Number(r.sample_id) - 1,
    retryDelaysMs: [50, 100],
    onRetry: (_err, delayMs, rows) => retries.push([delayMs, rows]),
  });
  const restore = await failNextWrites(tdb.db, { table: 'run_samples', event: 'insert', times: 1 });
  try {
    await sink.add(record(1, 'C'));
    await sink.add(record(2, 'I'));
  } finally {
    await restore();
  }
  expect(retries).toEqual([[50, 2]]);
  expect((await rows(hold.runId)).map((r) => r[1])).toEqual(['1', '2']);
});

test('a write that keeps failing is thrown once the retries are spent; an outage is told apart from a bad row', async () => {
  const hold = await newRun();
  const retries: number[] = [];
  const sink = new SampleSink(tdb.db, hold, { batchSize: 1, flushMs: 1000, maxWritesInFlight: 0, seqOf: () => 0, retryDelaysMs: [20, 40], onRetry: (_e, ms) => retries.push(ms) });
  const restore = await failNextWrites(tdb.db, { table: 'run_samples', event: 'insert', times: 3, errcode: '08006' });
  let error: unknown;
  try {
    error = await sink.add(record(1, 'C')).catch((err: unknown) => err);
  } finally {
    await restore();
  }
  expect(retries).toEqual([20, 40]);
  expect(error).toMatchObject({ code: '08006', message: 'simulated database failure' });
  expect(isDbOutage(error)).toBe(true);
  expect(await rows(hold.runId)).toEqual([]);

  // A row Postgres refuses (a data error, not a connection problem) fails at once, and is no outage.
  const fresh = new SampleSink(tdb.db, hold, { batchSize: 1, flushMs: 1000, maxWritesInFlight: 0, seqOf: () => 0, retryDelaysMs: [20, 40], onRetry: (_e, ms) => retries.push(ms) });
  const restoreBadRow = await failNextWrites(tdb.db, { table: 'run_samples', event: 'insert', times: 1, errcode: '22P05' });
  let refused: unknown;
  try {
    refused = await fresh.add(record(2, 'C')).catch((err: unknown) => err);
  } finally {
    await restoreBadRow();
  }
  expect(refused).toMatchObject({ code: '22P05' });
  expect(isDbOutage(refused)).toBe(false);
  expect(retries).toEqual([20, 40]);
});
