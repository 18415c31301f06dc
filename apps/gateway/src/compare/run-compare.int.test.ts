import request from 'supertest';
import type { RunRow } from '@studio/db';
import { updateRunRow } from '@studio/db/testing';
import { mcnemarExactPValue, type SampleRecord } from '@studio/engine';
import { createTestApp, type TestApp } from '../../test/test-app';
import { completeRun, insertSamples, insertTestRun, markRunning, mmluRecord } from '../../test/run-fixtures';
import { registerUser, type TestUser } from '../../test/test-user.helper';

let t: TestApp;
let owner: TestUser;

/** A completed run of `benchmark` whose sample i (1-based) is right when `right(i)`; `error(i)` errors it. */
async function completedRun(
  ids: number[],
  right: (id: number) => boolean,
  options: { benchmark?: string; error?: (id: number) => boolean; epochs?: number } = {},
): Promise<RunRow> {
  const run = await insertTestRun(t.deps.db, owner.userId, { benchmark: options.benchmark ?? 'mmlu' });
  const records: SampleRecord[] = ids.flatMap((id) =>
    Array.from({ length: options.epochs ?? 1 }, (_, e) =>
      mmluRecord(id, { epoch: e + 1, correct: right(id), error: options.error?.(id) ? 'provider error: 500' : undefined }),
    ),
  );
  await markRunning(t.deps.db, run.run_id, records.length);
  await insertSamples(t.deps.db, run.run_id, records);
  await completeRun(t.deps.db, run.run_id, records);
  return run;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const compare = (...ids: string[]) => request(t.app).get('/api/runs/compare').query({ ids: ids.join(',') });

let a: RunRow;
let b: RunRow;
beforeAll(async () => {
  t = await createTestApp();
  owner = await registerUser(t.app, 'compare');
  // 40 samples. A right on 1..25; B right on 1..20 and 26..36: both right 20, A only 5 (21..25),
  // B only 11 (26..36), both wrong 4 (37..40).
  a = await completedRun(range(1, 40), (id) => id <= 25);
  b = await completedRun(range(1, 40), (id) => id <= 20 || (id >= 26 && id <= 36));
});
afterAll(async () => {
  await t.close();
});

test('two runs of the same samples: the paired table, flipped ids, McNemar, accuracies and the bootstrap interval', async () => {
  const res = await compare(a.run_id, b.run_id);
  expect(res.status).toBe(200);
  expect(res.body.warnings).toEqual([]);
  expect(res.body.shared_samples).toBe(40);
  expect(res.body.bootstrap).toEqual({ resamples: 10_000, seed: expect.any(Number), confidence: 0.95 });
  expect(res.body.runs).toEqual([
    {
      run_id: a.run_id,
      benchmark: 'mmlu',
      model: 'openai/gpt-4o',
      status: 'completed',
      created_at: a.created_at.toISOString(),
      primary_metric_name: 'accuracy',
      primary_metric: 25 / 40,
      metrics: [{ name: 'accuracy', value: 25 / 40, stderr: 0.05, ci_lower: 0.1, ci_upper: 0.9 }],
      scored_samples: 40,
    },
    expect.objectContaining({ run_id: b.run_id, primary_metric: 31 / 40, scored_samples: 40 }),
  ]);
  expect(res.body.pairs).toHaveLength(1);
  const pair = res.body.pairs[0];
  expect(pair).toMatchObject({
    run_a: a.run_id,
    run_b: b.run_id,
    shared_samples: 40,
    both_correct: 20,
    both_incorrect: 4,
    a_correct_b_incorrect: 5,
    b_correct_a_incorrect: 11,
    accuracy_a: 25 / 40,
    accuracy_b: 31 / 40,
  });
  expect(pair.flipped_to_incorrect).toEqual(range(21, 25).map((id) => ({ id: String(id), epoch: 1 })));
  expect(pair.flipped_to_correct).toEqual(range(26, 36).map((id) => ({ id: String(id), epoch: 1 })));
  expect(pair.mcnemar_p_value).toBeCloseTo(mcnemarExactPValue(5, 11), 15);
  expect(pair.mcnemar_p_value).toBeCloseTo(0.2101, 4);
  expect(pair.difference).toBeCloseTo(6 / 40, 15);
  expect(pair.difference_ci_lower).toBeLessThan(pair.difference);
  expect(pair.difference_ci_upper).toBeGreaterThan(pair.difference);
  expect(pair.difference_ci_lower).toBeGreaterThan(-0.2);
  expect(pair.difference_ci_upper).toBeLessThan(0.5);
});

test('the same runs give the same numbers every time; swapping them mirrors the pair', async () => {
  const first = await compare(a.run_id, b.run_id);
  const again = await compare(a.run_id, b.run_id);
  expect(again.body).toEqual(first.body);
  const swapped = (await compare(b.run_id, a.run_id)).body.pairs[0];
  const pair = first.body.pairs[0];
  expect(swapped).toMatchObject({
    run_a: b.run_id,
    a_correct_b_incorrect: pair.b_correct_a_incorrect,
    flipped_to_incorrect: pair.flipped_to_correct,
    mcnemar_p_value: pair.mcnemar_p_value,
  });
  expect(swapped.difference).toBeCloseTo(-pair.difference, 15);
});

test('groups: each breakdown group with the value of every run, null where a run lacks it', async () => {
  const other = await completedRun(range(1, 10), () => true);
  await updateRunRow(t.deps.db, other.run_id, {
    breakdowns: JSON.stringify([{ name: 'subject', items: [{ key: 'law', value: 1, stderr: 0, n: 3, ci_lower: 0.4, ci_upper: 1 }] }]),
  });
  const res = await compare(a.run_id, other.run_id);
  expect(res.body.groups).toEqual([
    {
      breakdown: 'subject',
      key: 'physics',
      values: [
        { run_id: a.run_id, value: 0.5, stderr: null, n: 2, ci_lower: 0.09, ci_upper: 0.91 },
        { run_id: other.run_id, value: null, stderr: null, n: null, ci_lower: null, ci_upper: null },
      ],
    },
    {
      breakdown: 'subject',
      key: 'law',
      values: [
        { run_id: a.run_id, value: null, stderr: null, n: null, ci_lower: null, ci_upper: null },
        { run_id: other.run_id, value: 1, stderr: 0, n: 3, ci_lower: 0.4, ci_upper: 1 },
      ],
    },
  ]);
});

test('different sample sets, epochs and benchmarks: compared on what is shared, with warnings', async () => {
  // 30 samples, 2 epochs; sample 1 errored (in both epochs), so left out of every pair.
  const epochs = await completedRun(range(1, 30), () => true, { epochs: 2, error: (id) => id === 1 });
  const gsm = await completedRun(range(35, 44), () => false, { benchmark: 'gsm8k' });
  const res = await compare(a.run_id, epochs.run_id, gsm.run_id);
  expect(res.status).toBe(200);
  expect(res.body.runs.map((r: { scored_samples: number }) => r.scored_samples)).toEqual([40, 58, 10]);
  expect(res.body.shared_samples).toBe(0);
  const [ab, ac, bc] = res.body.pairs;
  // a × epochs: samples 2..30 of epoch 1; a is right on 2..25.
  expect(ab).toMatchObject({ shared_samples: 29, both_correct: 24, b_correct_a_incorrect: 5, a_correct_b_incorrect: 0, both_incorrect: 0 });
  expect(ab.flipped_to_correct).toEqual(range(26, 30).map((id) => ({ id: String(id), epoch: 1 })));
  expect(ac).toMatchObject({ shared_samples: 6, both_incorrect: 6, mcnemar_p_value: 1, difference: 0 });
  expect(bc).toMatchObject({ shared_samples: 0, mcnemar_p_value: 1, accuracy_a: null, difference: null, difference_ci_lower: null, flipped_to_correct: [] });
  expect(res.body.warnings).toEqual([
    expect.stringMatching(/^The runs are on different benchmarks \(mmlu, gsm8k\)/),
    expect.stringMatching(/no scored sample in common/),
  ]);

  const subset = await completedRun(range(1, 30), (id) => id <= 25);
  const partial = await compare(a.run_id, subset.run_id);
  expect(partial.body.shared_samples).toBe(30);
  expect(partial.body.warnings).toEqual([expect.stringContaining(`scored different samples`)]);
  expect(partial.body.warnings[0]).toContain(`${a.run_id} has 10 more`);
});

test('an unfinished run is compared on what it has, with a warning', async () => {
  const running = await insertTestRun(t.deps.db, owner.userId);
  await markRunning(t.deps.db, running.run_id, 40);
  await insertSamples(t.deps.db, running.run_id, range(1, 5).map((id) => mmluRecord(id)));
  const res = await compare(a.run_id, running.run_id);
  expect(res.body.pairs[0]).toMatchObject({ shared_samples: 5, both_correct: 5 });
  expect(res.body.warnings).toContain(`Run ${running.run_id} is still running: its numbers will change.`);
});

test('up to 8 runs: every pair, in the order of ids', async () => {
  const more = [a, b];
  for (let i = 0; i < 6; i++) more.push(await completedRun(range(1, 40), (id) => id % (i + 2) !== 0));
  const res = await compare(...more.map((r) => r.run_id));
  expect(res.status).toBe(200);
  expect(res.body.runs.map((r: { run_id: string }) => r.run_id)).toEqual(more.map((r) => r.run_id));
  expect(res.body.pairs).toHaveLength(28);
  expect(res.body.pairs.slice(0, 7).map((p: { run_b: string }) => p.run_b)).toEqual(more.slice(1).map((r) => r.run_id));
});

test('bad id lists are 422 naming ids; an unknown or malformed run is 404 naming it', async () => {
  for (const ids of [a.run_id, '', `${a.run_id},${a.run_id}`, `${a.run_id},${a.run_id.toUpperCase()}`, Array.from({ length: 9 }, () => a.run_id).join(',')]) {
    const res = await request(t.app).get('/api/runs/compare').query({ ids });
    expect([ids, res.status, res.body.code, res.body.fields?.[0]?.field]).toEqual([ids, 422, 'VALIDATION_ERROR', 'ids']);
  }
  const nine = [a.run_id, b.run_id, ...Array.from({ length: 7 }, (_, i) => `00000000-0000-4000-8000-00000000000${i}`)];
  expect((await compare(...nine)).body.detail).toMatch(/at most 8/);
  const missing = (await request(t.app).get('/api/runs/compare')).body;
  expect([missing.code, missing.fields[0].field]).toEqual(['VALIDATION_ERROR', 'ids']);

  const unknown = '00000000-0000-4000-8000-000000000000';
  const res = await compare(a.run_id, unknown);
  expect([res.status, res.body.code]).toEqual([404, 'RUN_NOT_FOUND']);
  expect(res.body.detail).toContain(unknown);
  expect((await compare('nope', a.run_id)).body).toMatchObject({ code: 'RUN_NOT_FOUND', detail: expect.stringContaining('nope') });
});

test('/runs/compare is its own route, not a run id: without ids it is 422, never RUN_NOT_FOUND', async () => {
  const res = await request(t.app).get('/api/runs/compare');
  expect(res.status).toBe(422);
  expect(res.body.code).not.toBe('RUN_NOT_FOUND');
  expect((await request(t.app).get(`/api/runs/${a.run_id}`)).body.run_id).toBe(a.run_id);
});

test('the run ids are the capability: no token needed, a bad token is 401', async () => {
  const stranger = await registerUser(t.app, 'stranger');
  expect((await compare(a.run_id, b.run_id).set('Authorization', `Bearer ${stranger.token}`)).status).toBe(200);
  expect((await compare(a.run_id, b.run_id).set('Authorization', 'Bearer garbage')).status).toBe(401);
});
