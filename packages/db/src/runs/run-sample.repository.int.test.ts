import { sql } from 'kysely';
import { migrations } from '../migrations';
import { claimTestRun, createTestDatabase, insertBareRun, type TestDatabase } from '../testing';
import { listRunSampleOutcomes, listRunSamples, newRunSample, runSampleOutcome, sumRunSampleUsage, upsertRunSamples, type StoredSampleRecord } from './run-sample.repository';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.destroy());

const claimedRun = async () => claimTestRun(t.db, await insertBareRun(t.db));

const usage = (input: number, output: number) => ({ input_tokens: input, output_tokens: output, total_tokens: input + output });

/** A record answered by the model under test (`model` tokens) and graded by another model (`grader` tokens). */
function graded(id: number, model: ReturnType<typeof usage>, grader: ReturnType<typeof usage>): StoredSampleRecord & { scores: object } {
  const all = usage(model.input_tokens + grader.input_tokens, model.output_tokens + grader.output_tokens);
  return { sample_id: id, epoch: 1, error: null, output: { usage: model }, usage: all, scores: { s: { value: 'C' } } };
}

function errored(id: number, error: string): StoredSampleRecord {
  return { sample_id: id, epoch: 1, error, output: null, usage: null };
}

const columns = async (runId: string) =>
  (await listRunSamples(t.db, runId, { offset: 0, limit: 100 })).map((r) => ({
    id: r.sample_id,
    error: r.error,
    model: [r.model_input_tokens, r.model_output_tokens, r.model_total_tokens],
    all: [r.input_tokens, r.output_tokens, r.total_tokens],
  }));

test("a sample's error and token usage are columns; a resumed attempt's success replaces an errored sample's", async () => {
  const hold = await claimedRun();
  await upsertRunSamples(t.db, hold, [
    newRunSample(hold.runId, 0, 1, graded(1, usage(100, 5), usage(40, 2))),
    newRunSample(hold.runId, 1, null, errored(2, 'HTTP 500\u0000 upstream')),
  ]);
  expect(await columns(hold.runId)).toEqual([
    { id: '1', error: null, model: [100, 5, 105], all: [140, 7, 147] },
    { id: '2', error: 'HTTP 500\uFFFD upstream', model: [null, null, null], all: [null, null, null] },
  ]);
  expect(sumRunSampleUsage(await listRunSampleOutcomes(t.db, hold.runId))).toEqual({ model: usage(100, 5), other: usage(40, 2) });

  await upsertRunSamples(t.db, hold, [newRunSample(hold.runId, 1, 1, graded(2, usage(10, 1), usage(0, 0)))]);
  expect((await columns(hold.runId))[1]).toEqual({ id: '2', error: null, model: [10, 1, 11], all: [10, 1, 11] });
  expect(sumRunSampleUsage(await listRunSampleOutcomes(t.db, hold.runId))).toEqual({ model: usage(110, 6), other: usage(40, 2) });
});

test('the migration that adds the columns fills them from the records already stored', async () => {
  const migration = migrations['2026_12_06_0050_run_sample_error_usage']!;
  const hold = await claimedRun();
  await migration.down!(t.db);
  try {
    const stored = [graded(1, usage(100, 5), usage(40, 2)), errored(2, 'boom'), { sample_id: 3, epoch: 1, error: null, output: { usage: null }, usage: null }];
    for (const [seq, record] of stored.entries()) {
      await sql`insert into run_samples (run_id, sample_id, epoch, seq, score, record)
        values (${hold.runId}, ${String(record.sample_id)}, 1, ${seq}, null, ${JSON.stringify(record)})`.execute(t.db);
    }
  } finally {
    await migration.up(t.db);
  }
  expect(await columns(hold.runId)).toEqual([
    { id: '1', error: null, model: [100, 5, 105], all: [140, 7, 147] },
    { id: '2', error: 'boom', model: [null, null, null], all: [null, null, null] },
    { id: '3', error: null, model: [null, null, null], all: [null, null, null] },
  ]);
  expect(sumRunSampleUsage(await listRunSampleOutcomes(t.db, hold.runId))).toEqual({ model: usage(100, 5), other: usage(40, 2) });
});

test('the outcome of a row about to be stored is what listRunSampleOutcomes reads back once it is', async () => {
  const hold = await claimedRun();
  const scores = {
    choice: { value: 'C', answer: 'A', explanation: 'x\u0000y', metadata: { zeta: 1, é: 2, ab: NaN, b: undefined, '10': [1e21, -0, 0.1 + 0.2], '2': null } },
    a: { value: { f1: 0.5, em: 1, accuracy: Infinity } },
  };
  const records = [
    { ...graded(1, usage(100, 5), usage(40, 2)), scores },
    { ...errored(2, 'HTTP 500\u0000 upstream'), scores: {} },
    { sample_id: 3, epoch: 2, error: null, output: null, usage: null },
    // Kept as they are: already what jsonb gives back.
    { ...graded(4, usage(1, 1), usage(0, 0)), scores: { mcq_scorer: { value: 'I', answer: 'B', explanation: 'é', metadata: { '7': [1.5, true, null] } } } },
  ];
  const rows = records.map((record, seq) => newRunSample(hold.runId, seq, null, record));
  await upsertRunSamples(t.db, hold, rows);
  const expected = rows.map((row, i) => runSampleOutcome(row, (records[i] as { scores?: Record<string, unknown> }).scores));
  const stored = await listRunSampleOutcomes(t.db, hold.runId);
  // Equal to the last key order: computations that walk the keys see them alike.
  expect(JSON.stringify(expected)).toBe(JSON.stringify(stored));
  expect(expected).toEqual(stored);
});
