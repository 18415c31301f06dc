import request from 'supertest';
import type { RunStatus } from '@studio/contracts';
import { createTestApp, type TestApp } from '../../test/test-app';
import { insertTestRun } from '../../test/run-fixtures';
import { registerUser, type TestUser } from '../../test/test-user.helper';

let t: TestApp;
let me: TestUser;
let other: TestUser;

const DAY = 24 * 3600 * 1000;
/** Midday (UTC) `daysAgo` days before today, so the UTC date is unambiguous. */
function daysAgo(days: number): Date {
  const today = new Date();
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate(), 12) - days * DAY);
}
const utcDate = (d: Date) => d.toISOString().slice(0, 10);

interface RunSpec {
  benchmark?: string;
  model?: string;
  status?: RunStatus;
  created?: Date;
  metric?: number;
  tokens?: number;
}

async function run(user: TestUser, spec: RunSpec = {}) {
  const status = spec.status ?? 'completed';
  const metric = spec.metric ?? null;
  return insertTestRun(t.deps.db, user.userId, {
    benchmark: spec.benchmark ?? 'mmlu',
    model: spec.model ?? 'openai/gpt-4o',
    status,
    created_at: spec.created ?? new Date(),
    started_at: status === 'queued' ? null : new Date(),
    finished_at: ['completed', 'failed', 'canceled'].includes(status) ? spec.created ?? new Date() : null,
    primary_metric: metric,
    primary_metric_name: metric === null ? null : 'accuracy',
    metrics: metric === null ? null : JSON.stringify([{ name: 'accuracy', value: metric, stderr: 0.01, ci_lower: metric - 0.02, ci_upper: metric + 0.02 }]),
    progress_total: 100,
    input_tokens: spec.tokens === undefined ? null : spec.tokens - 10,
    output_tokens: spec.tokens === undefined ? null : 10,
    total_tokens: spec.tokens ?? null,
  });
}

const get = (path: string, user: TestUser | null = me, query: Record<string, string | number> = {}) => {
  const req = request(t.app).get(`/api/stats/${path}`).query(query);
  return user ? req.set('Authorization', `Bearer ${user.token}`) : req;
};

beforeAll(async () => {
  t = await createTestApp();
  me = await registerUser(t.app, 'stats');
  other = await registerUser(t.app, 'stats-other');
  // mmlu: gpt-4o twice (0.6 then 0.8) and a failed run; claude 0.7; mistral running.
  await run(me, { model: 'openai/gpt-4o', metric: 0.6, tokens: 1000, created: daysAgo(2) });
  await run(me, { model: 'openai/gpt-4o', metric: 0.8, tokens: 2000, created: daysAgo(1) });
  await run(me, { model: 'openai/gpt-4o', status: 'failed', tokens: 50, created: daysAgo(1) });
  await run(me, { model: 'anthropic/claude', metric: 0.7, tokens: 3000 });
  await run(me, { model: 'mistral/large', status: 'running', tokens: 5 });
  // gsm8k: a tie between two models; a canceled run; an old run outside a 7-day window.
  await run(me, { benchmark: 'gsm8k', model: 'openai/gpt-4o', metric: 0.9, tokens: 100 });
  await run(me, { benchmark: 'gsm8k', model: 'anthropic/claude', metric: 0.9, tokens: 200, created: daysAgo(10) });
  await run(me, { benchmark: 'gsm8k', model: 'openai/gpt-4o', status: 'canceled' });
  await run(me, { benchmark: 'gsm8k', model: 'openai/gpt-4o', status: 'queued' });
  // Someone else's runs never count.
  await run(other, { model: 'openai/gpt-4o', metric: 0.99, tokens: 1_000_000 });
  await run(other, { model: 'other/model', metric: 0.95 });
});
afterAll(async () => {
  await t.close();
});

test('every stats endpoint needs a token', async () => {
  for (const path of ['summary', 'history', 'leaderboard']) {
    const res = await get(path, null);
    expect([path, res.status, res.body.code]).toEqual([path, 401, 'AUTH_REQUIRED']);
  }
});

test('summary: your runs by status, success rate, tokens, distinct benchmarks and models', async () => {
  const res = await get('summary');
  expect(res.status).toBe(200);
  expect(res.body).toEqual({
    runs: 9,
    by_status: { queued: 1, running: 1, completed: 5, failed: 1, canceled: 1 },
    success_rate: 5 / 6,
    input_tokens: 6355 - 70,
    output_tokens: 70,
    total_tokens: 6355,
    benchmarks: 2,
    models: 3,
    first_run_at: daysAgo(10).toISOString(),
    last_run_at: expect.any(String),
  });
  const fresh = await registerUser(t.app, 'stats-empty');
  expect((await get('summary', fresh)).body).toMatchObject({ runs: 0, success_rate: null, total_tokens: 0, first_run_at: null, last_run_at: null });
});

test('history: one entry per UTC day, oldest first, empty days included', async () => {
  const res = await get('history', me, { days: 7 });
  expect(res.status).toBe(200);
  expect(res.body.days).toBe(7);
  expect(res.body.history.map((d: { date: string }) => d.date)).toEqual([6, 5, 4, 3, 2, 1, 0].map((n) => utcDate(daysAgo(n))));
  const byDate = new Map(res.body.history.map((d: { date: string }) => [d.date, d]));
  expect(byDate.get(utcDate(daysAgo(1)))).toEqual({
    date: utcDate(daysAgo(1)),
    runs: 2,
    by_status: { queued: 0, running: 0, completed: 1, failed: 1, canceled: 0 },
    success_rate: 0.5,
    total_tokens: 2050,
  });
  expect(byDate.get(utcDate(daysAgo(2)))).toMatchObject({ runs: 1, success_rate: 1, total_tokens: 1000 });
  expect(byDate.get(utcDate(daysAgo(3)))).toEqual({
    date: utcDate(daysAgo(3)),
    runs: 0,
    by_status: { queued: 0, running: 0, completed: 0, failed: 0, canceled: 0 },
    success_rate: null,
    total_tokens: 0,
  });
  expect(res.body.history.reduce((n: number, d: { runs: number }) => n + d.runs, 0)).toBe(8);
  expect((await get('history')).body.history).toHaveLength(30);
  expect((await get('history', me, { days: 30 })).body.history.reduce((n: number, d: { runs: number }) => n + d.runs, 0)).toBe(9);
});

test('history: days must be an integer in 1..365', async () => {
  for (const days of [0, 366, 'week', 1.5]) {
    const res = await get('history', me, { days });
    expect([days, res.status, res.body.code]).toEqual([days, 422, 'VALIDATION_ERROR']);
  }
  expect((await get('history', me, { days: 365 })).body.history).toHaveLength(365);
});

test('leaderboard: the best completed run of each model per benchmark, with its interval, best first', async () => {
  const res = await get('leaderboard');
  expect(res.status).toBe(200);
  expect(res.body.leaderboards.map((b: { benchmark: string }) => b.benchmark)).toEqual(['gsm8k', 'mmlu']);
  const mmlu = res.body.leaderboards[1];
  expect(mmlu.entries).toEqual([
    {
      rank: 1,
      model: 'openai/gpt-4o',
      run_id: expect.any(String),
      primary_metric_name: 'accuracy',
      primary_metric: 0.8,
      stderr: 0.01,
      ci_lower: 0.8 - 0.02,
      ci_upper: 0.8 + 0.02,
      samples: 100,
      total_tokens: 2000,
      finished_at: daysAgo(1).toISOString(),
      runs: 2,
    },
    expect.objectContaining({ rank: 2, model: 'anthropic/claude', primary_metric: 0.7, runs: 1 }),
  ]);
  const gsm8k = res.body.leaderboards[0];
  expect(gsm8k.entries.map((e: { rank: number; model: string }) => [e.rank, e.model])).toEqual([
    [1, 'anthropic/claude'],
    [1, 'openai/gpt-4o'],
  ]);
});

test('leaderboard: one benchmark, other sort orders; bad sort values are 422', async () => {
  const one = await get('leaderboard', me, { benchmark: 'mmlu', sort_by: 'model' });
  expect(one.body.leaderboards).toHaveLength(1);
  expect(one.body.leaderboards[0].entries.map((e: { model: string; rank: number }) => [e.model, e.rank])).toEqual([
    ['anthropic/claude', 2],
    ['openai/gpt-4o', 1],
  ]);
  const tokens = await get('leaderboard', me, { benchmark: 'mmlu', sort_by: 'total_tokens', sort_order: 'desc' });
  expect(tokens.body.leaderboards[0].entries.map((e: { model: string }) => e.model)).toEqual(['anthropic/claude', 'openai/gpt-4o']);
  const worstFirst = await get('leaderboard', me, { benchmark: 'mmlu', sort_order: 'asc' });
  expect(worstFirst.body.leaderboards[0].entries.map((e: { primary_metric: number }) => e.primary_metric)).toEqual([0.7, 0.8]);
  expect((await get('leaderboard', me, { benchmark: 'nope' })).body).toEqual({ leaderboards: [] });
  for (const query of [{ sort_by: 'score' }, { sort_order: 'up' }] as Record<string, string>[]) {
    expect((await get('leaderboard', me, query)).status).toBe(422);
  }
});

test('someone else sees only their own runs', async () => {
  const res = await get('leaderboard', other);
  expect(res.body.leaderboards).toEqual([
    {
      benchmark: 'mmlu',
      entries: [expect.objectContaining({ model: 'openai/gpt-4o', primary_metric: 0.99 }), expect.objectContaining({ model: 'other/model' })],
    },
  ]);
  expect((await get('summary', other)).body.runs).toBe(2);
});
