import request from 'supertest';
import { appendRunLogs, touchRunningRun } from '@studio/db';
import { holdOf } from '@studio/db/testing';
import { evalLogFileName, toInspectTimestamp } from '@studio/engine';
import { createTestApp, type TestApp } from '../../test/test-app';
import { completeRun, insertSamples, insertTestRun, markRunning, mmluRecord } from '../../test/run-fixtures';
import { registerUser, type TestUser } from '../../test/test-user.helper';

const ISO_WITH_OFFSET = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

let t: TestApp;
let owner: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  owner = await registerUser(t.app, 'detail');
});
afterAll(async () => {
  await t.close();
});

const detail = (runId: string, query: Record<string, string | number> = {}) => request(t.app).get(`/api/runs/${runId}`).query(query);

test('user_id is shown to the owner only, not to others holding the run id', async () => {
  const created = await request(t.app).post('/api/runs').set('Authorization', `Bearer ${owner.token}`).send({ benchmark: 'mmlu', model: 'mockllm/default' });
  const stranger = await registerUser(t.app, 'stranger');
  expect((await detail(created.body.run_id)).body.user_id).toBeNull();
  expect((await detail(created.body.run_id).set('Authorization', `Bearer ${stranger.token}`)).body.user_id).toBeNull();
  expect((await detail(created.body.run_id).set('Authorization', `Bearer ${owner.token}`)).body.user_id).toBe(owner.userId);
});

test('a queued run: its config, no progress, only config.json, the equivalent bench command', async () => {
  const created = await request(t.app)
    .post('/api/runs')
    .set('Authorization', `Bearer ${owner.token}`)
    .send({ benchmark: 'mmlu', model: 'mockllm/default', limit: 5, temperature: 0, top_p: 0.9, epochs: 2, seed: 3, notes: "it's a test" });
  const res = await detail(created.body.run_id).set('Authorization', `Bearer ${owner.token}`);
  expect(res.status).toBe(200);
  expect(res.body).toEqual({
    run_id: created.body.run_id,
    user_id: owner.userId,
    benchmark: 'mmlu',
    model: 'mockllm/default',
    status: 'queued',
    created_at: expect.stringMatching(ISO_WITH_OFFSET),
    started_at: null,
    finished_at: null,
    exit_code: null,
    error: null,
    config: {
      schema_version: 1,
      benchmark: 'mmlu',
      model: 'mockllm/default',
      limit: 5,
      temperature: 0,
      top_p: 0.9,
      max_tokens: null,
      timeout: null,
      epochs: 2,
      max_connections: null,
      seed: 3,
      grader_model: null,
    },
    progress: { current: 0, total: 0, percentage: 0 },
    primary_metric: null,
    primary_metric_name: null,
    metrics: [],
    breakdowns: [],
    summary: null,
    input_tokens: null,
    output_tokens: null,
    total_tokens: null,
    model_usage: null,
    tags: [],
    notes: "it's a test",
    artifacts: ['config.json'],
    command: 'bench eval mmlu --model mockllm/default --limit 5 --temperature 0.0 --top-p 0.9 --epochs 2 --seed 3',
    stdout_tail: '',
    stderr_tail: '',
  });
});

test('a running run: progress, output tails and the artifacts that exist while it runs', async () => {
  const run = await insertTestRun(t.deps.db, owner.userId);
  await markRunning(t.deps.db, run.run_id, 8);
  await touchRunningRun(t.deps.db, await holdOf(t.deps.db, run.run_id), { current: 3, total: 8 });
  await appendRunLogs(t.deps.db, run.run_id, [
    ...Array.from({ length: 150 }, (_, i) => ({ stream: 'stdout' as const, line: `out ${i}` })),
    { stream: 'stderr', line: 'warning: slow provider' },
  ]);
  const res = await detail(run.run_id);
  expect(res.body.status).toBe('running');
  expect(res.body.started_at).toMatch(ISO_WITH_OFFSET);
  expect(res.body.progress).toEqual({ current: 3, total: 8, percentage: 37.5 });
  expect(res.body.summary).toBeNull();
  const eval_ = `logs/${evalLogFileName(toInspectTimestamp(run.created_at, 'seconds'), 'mmlu', run.task_id)}`;
  expect(res.body.artifacts).toEqual(['config.json', eval_, 'results.csv', 'run.log', 'samples.jsonl']);
  const lines = (res.body.stdout_tail as string).split('\n');
  expect(lines).toHaveLength(100);
  expect([lines[0], lines[99]]).toEqual(['out 50', 'out 149']);
  expect(res.body.stderr_tail).toBe('warning: slow provider');

  expect((await detail(run.run_id, { log_lines: 2 })).body.stdout_tail).toBe('out 148\nout 149');
  expect((await detail(run.run_id, { log_lines: 0 })).body).toMatchObject({ stdout_tail: '', stderr_tail: '' });
  for (const log_lines of [-1, 10_001, 'many']) expect((await detail(run.run_id, { log_lines })).status).toBe(422);
});

test('a completed run: metrics, breakdowns, Summary v1, token usage and every artifact', async () => {
  const run = await insertTestRun(t.deps.db, owner.userId, { tags: ['nightly'], config: { limit: 4 } });
  await markRunning(t.deps.db, run.run_id, 4);
  const records = [mmluRecord(1), mmluRecord(2, { correct: false }), mmluRecord(3), mmluRecord(4)];
  await insertSamples(t.deps.db, run.run_id, records);
  await completeRun(t.deps.db, run.run_id, records);
  const res = await detail(run.run_id);
  expect(res.body).toMatchObject({
    status: 'completed',
    exit_code: 0,
    finished_at: expect.stringMatching(ISO_WITH_OFFSET),
    progress: { current: 4, total: 4, percentage: 100 },
    primary_metric: 0.75,
    primary_metric_name: 'accuracy',
    metrics: [{ name: 'accuracy', value: 0.75, stderr: 0.05, ci_lower: 0.1, ci_upper: 0.9 }],
    breakdowns: [{ name: 'subject', items: [{ key: 'physics', value: 0.5, stderr: null, n: 2, ci_lower: 0.09, ci_upper: 0.91 }] }],
    input_tokens: 400,
    output_tokens: 20,
    total_tokens: 420,
    model_usage: { 'openai/gpt-4o': { input_tokens: 400, output_tokens: 20, total_tokens: 420 } },
    tags: ['nightly'],
    command: 'bench eval mmlu --model openai/gpt-4o --limit 4',
  });
  expect(res.body.summary).toEqual({
    schema_version: 1,
    primary_metric: { name: 'accuracy', value: 0.75, unit: null },
    metrics: [{ name: 'accuracy', value: 0.75, unit: null }],
    breakdowns: [{ name: 'subject', items: [{ key: 'physics', value: 0.5, unit: null }] }],
    notes: [],
    token_usage: { input_tokens: 400, output_tokens: 20, total_tokens: 420 },
    raw: { source: 'results', hint: 'computed by the engine from the scored samples' },
  });
  expect(res.body.artifacts).toEqual([
    'config.json',
    expect.stringMatching(/^logs\/\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-00-00_mmlu_[2-9A-HJ-NP-Za-km-z]{22}\.eval$/),
    'results.csv',
    'run.log',
    'samples.jsonl',
    'summary.json',
  ]);
});

test('a run canceled before it started has no summary and only its config', async () => {
  const run = await insertTestRun(t.deps.db, owner.userId, { status: 'canceled', finished_at: new Date(), exit_code: 130, error: 'Run was canceled' });
  const res = await detail(run.run_id);
  expect(res.body).toMatchObject({ status: 'canceled', exit_code: 130, error: 'Run was canceled', summary: null, artifacts: ['config.json'] });
});

test('the run id is the capability: anyone holding it reads the run; an unknown or malformed id is 404', async () => {
  const run = await insertTestRun(t.deps.db, owner.userId);
  const other = await registerUser(t.app, 'reader');
  expect((await detail(run.run_id)).status).toBe(200);
  expect((await request(t.app).get(`/api/runs/${run.run_id}`).set('Authorization', `Bearer ${other.token}`)).status).toBe(200);
  for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', `${run.run_id}x`]) {
    const res = await detail(id);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ code: 'RUN_NOT_FOUND', detail: 'Run not found' });
  }
});

describe('PATCH /api/runs/{run_id}/notes', () => {
  const patchNotes = (runId: string, body: unknown) => request(t.app).patch(`/api/runs/${runId}/notes`).set('Authorization', `Bearer ${owner.token}`).send(body as object);

  test('the owner sets, trims and clears the notes; the detail and the list show them', async () => {
    const created = await request(t.app).post('/api/runs').set('Authorization', `Bearer ${owner.token}`).send({ benchmark: 'mmlu', model: 'mockllm/default' });
    const runId = created.body.run_id;
    expect((await patchNotes(runId, { notes: '  baseline for the May release  ' })).body).toEqual({ notes: 'baseline for the May release' });
    expect((await detail(runId)).body.notes).toBe('baseline for the May release');
    const list = await request(t.app).get('/api/runs').set('Authorization', `Bearer ${owner.token}`);
    expect(list.body.runs.find((r: { run_id: string }) => r.run_id === runId).notes).toBe('baseline for the May release');
    expect((await patchNotes(runId, { notes: '   ' })).body).toEqual({ notes: null });
    expect((await patchNotes(runId, { notes: null })).body).toEqual({ notes: null });
    expect((await detail(runId)).body.notes).toBeNull();
  });

  test('notes over 10000 characters, or a body without notes, are 422 naming the field', async () => {
    const created = await request(t.app).post('/api/runs').set('Authorization', `Bearer ${owner.token}`).send({ benchmark: 'mmlu', model: 'mockllm/default' });
    for (const body of [{ notes: 'n'.repeat(10_001) }, {}]) {
      const res = await patchNotes(created.body.run_id, body);
      expect([res.status, res.body.fields[0].field]).toEqual([422, 'notes']);
    }
  });
});
