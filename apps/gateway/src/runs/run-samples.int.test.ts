import request from 'supertest';
import { findRun, type RunRow } from '@studio/db';
import { readEvalLog, type SampleRecord } from '@studio/engine';
import { createTestApp, type TestApp } from '../../test/test-app';
import { completeRun, insertSamples, insertTestRun, markRunning, mmluRecord } from '../../test/run-fixtures';
import { registerUser, type TestUser } from '../../test/test-user.helper';

let t: TestApp;
let owner: TestUser;
let run: RunRow;

/** A DROP-style record whose first scorer gives partial credit. */
function partialRecord(id: number): SampleRecord {
  const base = mmluRecord(id);
  return { ...base, scores: { f1: { value: 0.5, answer: 'half right', explanation: 'F1 0.5' } } };
}

/** A SimpleQA-style record: the grader's reply is kept in the score's metadata. */
function gradedRecord(id: number): SampleRecord {
  const base = mmluRecord(id, { correct: false });
  return { ...base, scores: { simpleqa_scorer: { value: 0, answer: 'C', metadata: { grade: 'incorrect', grading_response: 'B: the answer names another letter' } } } };
}

/** Plan order: samples 1..6 in two epochs, epochs of a sample together (as the worker's seq numbers them). */
const records: SampleRecord[] = [
  mmluRecord(1, { epoch: 1 }),
  mmluRecord(1, { epoch: 2, correct: false }),
  mmluRecord(2, { epoch: 1, correct: false, input: 'What is 100% of 50_000?' }),
  mmluRecord(2, { epoch: 2 }),
  mmluRecord(3, { epoch: 1, error: 'provider error: 500, "upstream"' }),
  mmluRecord(3, { epoch: 2 }),
  partialRecord(4),
  mmluRecord(5, { input: 'Which GREEK letter follows alpha?' }),
  gradedRecord(6),
];

beforeAll(async () => {
  t = await createTestApp();
  owner = await registerUser(t.app, 'samples');
  run = await insertTestRun(t.deps.db, owner.userId, { config: { epochs: 2 } });
  await markRunning(t.deps.db, run.run_id, records.length);
  // Stored out of order (as concurrent samples finish), each with its plan position.
  await insertSamples(t.deps.db, run.run_id, records.slice(5), 5);
  await insertSamples(t.deps.db, run.run_id, records.slice(0, 5), 0);
  await completeRun(t.deps.db, run.run_id, records);
  run = (await findRun(t.deps.db, run.run_id))!;
});
afterAll(async () => {
  await t.close();
});

const samples = (runId: string, query: Record<string, string | number> = {}) => request(t.app).get(`/api/runs/${runId}/samples`).query(query);
const keys = (body: { samples: { id: string | number; epoch: number }[] }) => body.samples.map((s) => `${s.id}/${s.epoch}`);

test('every stored sample in plan order, epochs of a sample together, with the verdict counts', async () => {
  const res = await samples(run.run_id);
  expect(res.status).toBe(200);
  expect(keys(res.body)).toEqual(['1/1', '1/2', '2/1', '2/2', '3/1', '3/2', '4/1', '5/1', '6/1']);
  expect(res.body).toMatchObject({ total: 9, page: 1, per_page: 100, has_more: false, counts: { all: 9, correct: 4, incorrect: 4, errored: 1 } });
  expect(res.body.samples[0]).toEqual({
    id: 1,
    epoch: 1,
    input: 'Question 1: which letter is right?',
    target: 'B',
    output: 'ANSWER: B',
    answer: 'B',
    score: { value: 1, raw: 'C', name: 'mcq_scorer', explanation: 'ANSWER: B' },
    verdict: 'correct',
    explanation: 'ANSWER: B',
    grader_response: null,
    error: null,
    usage: { input_tokens: 100, output_tokens: 5, total_tokens: 105 },
  });
  expect(res.body.samples.map((s: { verdict: string }) => s.verdict)).toEqual([
    'correct',
    'incorrect',
    'incorrect',
    'correct',
    'errored',
    'correct',
    'partial',
    'correct',
    'incorrect',
  ]);
  expect(res.body.samples[4]).toMatchObject({ id: 3, epoch: 1, output: '', answer: null, score: null, error: 'provider error: 500, "upstream"', usage: null });
  expect(res.body.samples[6]).toMatchObject({ score: { value: 0.5, raw: 0.5, name: 'f1' }, answer: 'half right' });
  expect(res.body.samples[8]).toMatchObject({ verdict: 'incorrect', explanation: null, grader_response: 'B: the answer names another letter' });
});

test('the texts are those of the downloaded .eval log', async () => {
  const detail = await request(t.app).get(`/api/runs/${run.run_id}`);
  const evalPath = (detail.body.artifacts as string[]).find((a) => a.endsWith('.eval'))!;
  const bytes = await request(t.app)
    .get(`/api/runs/${run.run_id}/artifacts/${evalPath}`)
    .buffer(true)
    .parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    });
  const log = readEvalLog(bytes.body as Buffer);
  const listed = (await samples(run.run_id)).body.samples as { id: number; epoch: number; input: string; output: string; answer: string | null; score: { raw: unknown } | null }[];
  for (const s of listed) {
    const logged = log.samples!.find((l) => l.id === s.id && l.epoch === s.epoch)!;
    const first = Object.values(logged.scores ?? {})[0];
    expect([s.input, s.output, s.answer, s.score?.raw ?? null]).toEqual([logged.input, logged.output.completion, first?.answer ?? null, first?.value ?? null]);
  }
});

test('verdict filters: correct is full credit, incorrect includes partial credit, errored has no score', async () => {
  const correct = await samples(run.run_id, { verdict: 'correct' });
  expect(keys(correct.body)).toEqual(['1/1', '2/2', '3/2', '5/1']);
  expect(correct.body).toMatchObject({ total: 4, counts: { all: 9, correct: 4, incorrect: 4, errored: 1 } });
  expect(keys((await samples(run.run_id, { verdict: 'incorrect' })).body)).toEqual(['1/2', '2/1', '4/1', '6/1']);
  const errored = await samples(run.run_id, { verdict: 'errored' });
  expect(keys(errored.body)).toEqual(['3/1']);
  expect(errored.body.total).toBe(1);
  const bad = await samples(run.run_id, { verdict: 'partial' });
  expect(bad.status).toBe(422);
  expect(bad.body.code).toBe('VALIDATION_ERROR');
  expect(bad.body.fields[0].field).toBe('verdict');
});

test('search is a case-insensitive substring of what is shown, wildcards taken literally; it narrows the counts', async () => {
  const greek = await samples(run.run_id, { search: 'greek LETTER' });
  expect(keys(greek.body)).toEqual(['5/1']);
  expect(greek.body.counts).toEqual({ all: 1, correct: 1, incorrect: 0, errored: 0 });
  expect(keys((await samples(run.run_id, { search: '100%' })).body)).toEqual(['2/1']);
  expect(keys((await samples(run.run_id, { search: '50_000' })).body)).toEqual(['2/1']);
  expect((await samples(run.run_id, { search: '0%5' })).body.total).toBe(0);
  expect(keys((await samples(run.run_id, { search: 'half right' })).body)).toEqual(['4/1']);
  expect(keys((await samples(run.run_id, { search: 'UPSTREAM' })).body)).toEqual(['3/1']);
  const answered = await samples(run.run_id, { search: 'answer: c', verdict: 'incorrect' });
  expect(answered.body.counts.all).toBeGreaterThan(answered.body.total);
  expect(answered.body.samples.every((s: { output: string; verdict: string }) => s.output === 'ANSWER: C' && s.verdict !== 'correct')).toBe(true);
  expect(keys((await samples(run.run_id, { search: '   ' })).body)).toHaveLength(9);
  expect((await samples(run.run_id, { search: 'x'.repeat(501) })).status).toBe(422);
});

test('ids picks samples by id (every epoch), and narrows the counts', async () => {
  const res = await samples(run.run_id, { ids: '3, 5,nope,3' });
  expect(keys(res.body)).toEqual(['3/1', '3/2', '5/1']);
  expect(res.body.counts).toEqual({ all: 3, correct: 2, incorrect: 0, errored: 1 });
  expect((await samples(run.run_id, { ids: ' , ' })).status).toBe(422);
  const many = Array.from({ length: 201 }, (_, i) => i).join(',');
  expect((await samples(run.run_id, { ids: many })).body.fields[0].field).toBe('ids');
});

test('pages: per_page clamped to 1..500, has_more, an empty page past the end; bad numbers are 422', async () => {
  const second = await samples(run.run_id, { page: 2, per_page: 4 });
  expect(keys(second.body)).toEqual(['3/1', '3/2', '4/1', '5/1']);
  expect(second.body).toMatchObject({ total: 9, page: 2, per_page: 4, has_more: true });
  expect((await samples(run.run_id, { page: 3, per_page: 4 })).body).toMatchObject({ has_more: false, samples: [expect.objectContaining({ id: 6 })] });
  expect((await samples(run.run_id, { page: 2, per_page: 2, verdict: 'correct' })).body).toMatchObject({ total: 4, has_more: false });
  expect((await samples(run.run_id, { page: 0, per_page: 0 })).body).toMatchObject({ page: 1, per_page: 1 });
  expect((await samples(run.run_id, { per_page: 9999 })).body.per_page).toBe(500);
  expect((await samples(run.run_id, { page: 50 })).body).toMatchObject({ samples: [], total: 9, has_more: false });
  expect((await samples(run.run_id, { page: 'two' })).status).toBe(422);
});

test('a running run lists the samples finished so far; a queued one none', async () => {
  const running = await insertTestRun(t.deps.db, owner.userId);
  await markRunning(t.deps.db, running.run_id, 10);
  await insertSamples(t.deps.db, running.run_id, [mmluRecord(1), mmluRecord(2, { correct: false })]);
  expect((await samples(running.run_id)).body).toMatchObject({ total: 2, counts: { all: 2, correct: 1, incorrect: 1, errored: 0 } });
  const queued = await insertTestRun(t.deps.db, owner.userId);
  expect((await samples(queued.run_id)).body).toMatchObject({ samples: [], total: 0, has_more: false, counts: { all: 0 } });
});

test('the run id is the capability: anonymous and other users read it, a bad token is 401, an unknown run 404', async () => {
  const stranger = await registerUser(t.app, 'stranger');
  expect((await samples(run.run_id).set('Authorization', `Bearer ${stranger.token}`)).status).toBe(200);
  expect((await samples(run.run_id).set('Authorization', 'Bearer garbage')).status).toBe(401);
  for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
    const res = await samples(id);
    expect([res.status, res.body.code]).toEqual([404, 'RUN_NOT_FOUND']);
  }
});
