import { sql } from 'kysely';
import { claimTestRun, createTestDatabase, insertBareRun, type TestDatabase } from '../testing';
import type { RunHold } from './run-hold';
import { listRunSamples, newRunSample, upsertRunSamples } from './run-sample.repository';
import type { NewRunSample } from './run-sample.table';
import { claimRun, finishRun, touchRunningRun, type RunFinish } from './run-state.repository';
import { listRunLogs } from './run-log.repository';
import { findRun } from './run.repository';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.destroy());

const newRun = () => insertBareRun(t.db);
const claim = (runId: string, workerId: string): Promise<RunHold> => claimTestRun(t.db, runId, workerId);

function sample(runId: string, n: number): NewRunSample {
  return newRunSample(runId, n, 1, { sample_id: n, epoch: 1, error: null, output: null, usage: null });
}

const usage = { input_tokens: 0, output_tokens: 0, total_tokens: 0 };
const COMPLETED: RunFinish = {
  status: 'completed',
  results: { metrics: [], breakdowns: [], scores: [], primaryMetric: null, modelUsage: {}, usage },
};

const storedIds = async (runId: string) => (await listRunSamples(t.db, runId, { offset: 0, limit: 100 })).map((r) => r.sample_id);

test('writes fenced by an attempt are refused once a later claim counted another, and once the run left running', async () => {
  const runId = await newRun();
  const first = await claim(runId, 'a');
  expect(await touchRunningRun(t.db, first, { current: 1, total: 10 })).toEqual({ held: true, cancel_requested_at: null });
  expect(await upsertRunSamples(t.db, first, [sample(runId, 1)])).toEqual({ held: true, inserted: 1 });

  const second = await claim(runId, 'b');
  expect(second.attempt).toBe(first.attempt + 1);
  expect(await touchRunningRun(t.db, first, { current: 5, total: 10 })).toEqual({ held: false, loss: 'taken-over' });
  expect(await upsertRunSamples(t.db, first, [sample(runId, 2)])).toEqual({ held: false, loss: 'taken-over' });
  expect(await finishRun(t.db, first, COMPLETED)).toEqual({ held: false, loss: 'taken-over' });
  expect(await findRun(t.db, runId)).toMatchObject({ status: 'running', progress_current: 1, worker_id: 'b' });
  expect(await storedIds(runId)).toEqual(['1']);

  const finished = await finishRun(t.db, second, COMPLETED);
  expect(finished).toMatchObject({ held: true, run: { status: 'completed', exit_code: 0, attempts: second.attempt } });
  expect(await touchRunningRun(t.db, second)).toEqual({ held: false, loss: 'gone' });
  expect(await upsertRunSamples(t.db, second, [sample(runId, 3)])).toEqual({ held: false, loss: 'gone' });
  expect(await finishRun(t.db, second, { status: 'failed', error: 'late' })).toEqual({ held: false, loss: 'gone' });
  expect(await storedIds(runId)).toEqual(['1']);
});

test('finishRun stores the last samples, progress and closing log lines with the outcome, and none of them when the attempt no longer holds the run', async () => {
  const runId = await newRun();
  const first = await claim(runId, 'a');
  const second = await claim(runId, 'b');
  const closing = [
    { stream: 'stdout' as const, line: 'accuracy: 0.5000' },
    { stream: 'stdout' as const, line: 'Completed: 2 samples scored, 0 tokens' },
  ];
  expect(await finishRun(t.db, first, COMPLETED, { logs: [{ stream: 'stderr', line: 'Run failed: stale attempt' }], samples: [sample(runId, 7)] })).toEqual({ held: false, loss: 'taken-over' });
  expect(await listRunLogs(t.db, runId)).toEqual([]);
  expect(await storedIds(runId)).toEqual([]);
  expect(await findRun(t.db, runId)).toMatchObject({ status: 'running', progress_current: 0 });

  const finished = await finishRun(t.db, second, COMPLETED, { logs: closing, progress: { current: 2, total: 2 }, samples: [sample(runId, 1), sample(runId, 2)] });
  expect(finished).toMatchObject({ held: true, run: { status: 'completed', progress_current: 2, progress_total: 2 } });
  expect((await listRunLogs(t.db, runId)).map(({ stream, line }) => ({ stream, line }))).toEqual(closing);
  expect(await storedIds(runId)).toEqual(['1', '2']);
});

test('a claim waits for a fenced sample write in progress, so the new attempt reads what the old one stored', async () => {
  const runId = await newRun();
  const first = await claim(runId, 'a');
  // The write holds its transaction open a while, as a slow database would.
  await sql`create function slow_insert() returns trigger language plpgsql as $$ begin perform pg_sleep(0.4); return null; end $$`.execute(t.db);
  await sql`create trigger slow_insert before insert on run_samples for each statement execute function slow_insert()`.execute(t.db);
  try {
    const order: string[] = [];
    const writing = upsertRunSamples(t.db, first, [sample(runId, 1)]).finally(() => order.push('write'));
    await new Promise((r) => setTimeout(r, 100));
    const claiming = claimRun(t.db, runId, 'b').finally(() => order.push('claim'));
    expect(await writing).toEqual({ held: true, inserted: 1 });
    expect((await claiming)!.attempts).toBe(first.attempt + 1);
    expect(order).toEqual(['write', 'claim']);
    expect(await storedIds(runId)).toEqual(['1']);
  } finally {
    await sql`drop trigger slow_insert on run_samples`.execute(t.db);
    await sql`drop function slow_insert()`.execute(t.db);
  }
});

test('a completed run keeps its metrics in the scorer\'s order and its model usage in order of use, as the .eval log needs', async () => {
  const runId = await newRun();
  const hold = await claim(runId, 'a');
  const names = ['comprehensiveness', 'insight', 'instruction_following', 'readability', 'overall_score', 'total_citations', 'total_valid_citations', 'valid_rate'];
  const metrics = Object.fromEntries(names.map((name) => [name, { name, value: 0.5 }]));
  const scores = [{ name: 'deep_research_scorer', scorer: 'deep_research_scorer', reducer: 'mean', scored_samples: 1, unscored_samples: 0, metrics }];
  const modelUsage = { 'openai/gpt-4o-mini-long-name': usage, 'google/judge': usage };
  await finishRun(t.db, hold, { status: 'completed', results: { ...COMPLETED.results, scores, modelUsage } });
  const row = await findRun(t.db, runId);
  expect(Object.keys((row!.results as typeof scores)[0]!.metrics)).toEqual(names);
  expect(Object.keys(row!.model_usage!)).toEqual(['openai/gpt-4o-mini-long-name', 'google/judge']);
});
