/**
 * Who may do what, for every operation of the OpenAPI document: an anonymous caller, the owner of the resource
 * (a run, a saved key) and another signed-in user. Reads of one run (detail, events, artifacts, eval-data) take the
 * run id as the capability; lists show only the caller's own; changes are the owner's alone. A new operation must
 * get its row here: the last test fails for any operation without one.
 */
import request from 'supertest';
import { findRun } from '@studio/db';
import { createTestApp, type TestApp } from '../test/test-app';
import { completeRun, insertSamples, insertTestRun, markRunning, mmluRecord } from '../test/run-fixtures';
import { registerUser, saveKey, type TestUser } from '../test/test-user.helper';

type Caller = 'anonymous' | 'owner' | 'other' | 'admin';

interface Case {
  operationId: string;
  endpoint: string;
  /**
   * A queued run (its job enqueued), a completed one with samples, or no run (the owner has a saved openai key); or
   * `suite`: the owner's suite of two runs, canceled (its id is passed as the run id).
   */
  state: 'queued' | 'completed' | 'none' | 'suite';
  send(runId: string, evalPath: string): request.Test;
  /** An administrator owns nothing here: unless given, it is expected to be treated as `other`. */
  expect: Record<Exclude<Caller, 'admin'>, number> & { admin?: number };
  /** For lists: whether the answer shows the run. */
  shows?: (body: unknown, runId: string) => boolean;
  /** Whether the run is unchanged afterwards; checked for refused callers. */
  mutates?: boolean;
}

let t: TestApp;
let owner: TestUser;
let other: TestUser;
let admin: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  // The first account of an empty database becomes its administrator.
  admin = await registerUser(t.app, 'authz-admin');
  const registered = await request(t.app).post('/api/auth/register').send({ email: OWNER_EMAIL, password: 'securepassword' });
  const me = await request(t.app).get('/api/auth/me').set('Authorization', `Bearer ${registered.body.access_token}`);
  owner = { token: registered.body.access_token, userId: me.body.user_id };
  other = await registerUser(t.app, 'authz-other');
});
afterAll(async () => {
  await t.close();
});

const CASES: Case[] = [
  {
    operationId: 'createRun',
    endpoint: 'POST /api/runs',
    state: 'queued',
    send: () => request(t.app).post('/api/runs').send({ benchmark: 'mmlu', model: 'mockllm/default' }),
    expect: { anonymous: 401, owner: 200, other: 200 },
  },
  {
    operationId: 'listRuns',
    endpoint: 'GET /api/runs',
    state: 'completed',
    send: () => request(t.app).get('/api/runs').query({ per_page: 100 }),
    expect: { anonymous: 200, owner: 200, other: 200 },
    shows: (body, runId) => (body as { runs: { run_id: string }[] }).runs.some((r) => r.run_id === runId),
  },
  {
    operationId: 'listRunTags',
    endpoint: 'GET /api/runs/tags',
    state: 'completed',
    send: () => request(t.app).get('/api/runs/tags'),
    expect: { anonymous: 200, owner: 200, other: 200 },
    shows: (body) => (body as string[]).includes('authz'),
  },
  {
    operationId: 'getRun',
    endpoint: 'GET /api/runs/{run_id}',
    state: 'completed',
    send: (id) => request(t.app).get(`/api/runs/${id}`),
    expect: { anonymous: 200, owner: 200, other: 200 },
  },
  {
    operationId: 'cancelRun',
    endpoint: 'POST /api/runs/{run_id}/cancel',
    state: 'queued',
    send: (id) => request(t.app).post(`/api/runs/${id}/cancel`),
    expect: { anonymous: 401, owner: 200, other: 403 },
    mutates: true,
  },
  {
    operationId: 'deleteRun',
    endpoint: 'DELETE /api/runs/{run_id}',
    state: 'completed',
    send: (id) => request(t.app).delete(`/api/runs/${id}`),
    expect: { anonymous: 401, owner: 200, other: 403 },
    mutates: true,
  },
  {
    operationId: 'bulkDeleteRuns',
    endpoint: 'POST /api/runs/bulk-delete',
    state: 'completed',
    send: (id) => request(t.app).post('/api/runs/bulk-delete').send([id]),
    expect: { anonymous: 401, owner: 200, other: 200 },
    mutates: true,
  },
  {
    operationId: 'updateRunTags',
    endpoint: 'PATCH /api/runs/{run_id}/tags',
    state: 'completed',
    send: (id) => request(t.app).patch(`/api/runs/${id}/tags`).send({ tags: ['changed'] }),
    expect: { anonymous: 401, owner: 200, other: 403 },
    mutates: true,
  },
  {
    operationId: 'getRunArtifact',
    endpoint: 'GET /api/runs/{run_id}/artifacts/config.json',
    state: 'completed',
    send: (id) => request(t.app).get(`/api/runs/${id}/artifacts/config.json`),
    expect: { anonymous: 200, owner: 200, other: 200 },
  },
  {
    operationId: 'getRunArtifact',
    endpoint: 'GET /api/runs/{run_id}/artifacts/logs/<file>.eval',
    state: 'completed',
    send: (id, evalPath) => request(t.app).get(`/api/runs/${id}/artifacts/${evalPath}`),
    expect: { anonymous: 200, owner: 200, other: 200 },
  },
  {
    operationId: 'getRunEvalData',
    endpoint: 'GET /api/runs/{run_id}/eval-data/logs/<file>.eval',
    state: 'completed',
    send: (id, evalPath) => request(t.app).get(`/api/runs/${id}/eval-data/${evalPath}`),
    expect: { anonymous: 200, owner: 200, other: 200 },
  },
  {
    operationId: 'streamRunEvents',
    endpoint: 'GET /api/runs/{run_id}/events',
    state: 'completed',
    // A finished run's stream: its final event, then the end.
    send: (id) => request(t.app).get(`/api/runs/${id}/events`),
    expect: { anonymous: 200, owner: 200, other: 200 },
  },
  {
    operationId: 'updateRunNotes',
    endpoint: 'PATCH /api/runs/{run_id}/notes',
    state: 'completed',
    send: (id) => request(t.app).patch(`/api/runs/${id}/notes`).send({ notes: 'changed' }),
    expect: { anonymous: 401, owner: 200, other: 403 },
    mutates: true,
  },
  {
    operationId: 'listRunSamples',
    endpoint: 'GET /api/runs/{run_id}/samples',
    state: 'completed',
    send: (id) => request(t.app).get(`/api/runs/${id}/samples`),
    expect: { anonymous: 200, owner: 200, other: 200 },
  },
  {
    operationId: 'compareRuns',
    endpoint: 'GET /api/runs/compare',
    state: 'completed',
    // Two runs' ids are the capability, as for one run's detail.
    send: (id) => request(t.app).get('/api/runs/compare').query({ ids: `${id},${id.replace(/.$/, (c) => (c === '0' ? '1' : '0'))}` }),
    expect: { anonymous: 404, owner: 404, other: 404 },
  },
  ...(
    [
      ['getStatsSummary', 'GET /api/stats/summary', () => request(t.app).get('/api/stats/summary'), (b: { by_status: { completed: number } }) => b.by_status.completed > 0],
      ['getStatsHistory', 'GET /api/stats/history', () => request(t.app).get('/api/stats/history'), (b: { history: { by_status: { completed: number } }[] }) => b.history.some((d) => d.by_status.completed > 0)],
      ['getLeaderboard', 'GET /api/stats/leaderboard', () => request(t.app).get('/api/stats/leaderboard'), (b: { leaderboards: unknown[] }) => b.leaderboards.length > 0],
    ] as const
  ).map(([operationId, endpoint, send, shows]): Case => ({
    operationId,
    endpoint,
    state: 'completed',
    send,
    expect: { anonymous: 401, owner: 200, other: 200 },
    // Statistics cover the caller's own runs: only the owner has completed runs (the other user's stay queued).
    shows: (body) => (shows as (b: unknown) => boolean)(body),
  })),
  {
    operationId: 'createSuite',
    endpoint: 'POST /api/suites',
    state: 'none',
    send: () => request(t.app).post('/api/suites').send({ benchmarks: ['mmlu'], models: ['mockllm/default'], limit: 1 }),
    expect: { anonymous: 401, owner: 200, other: 200 },
  },
  {
    operationId: 'listSuites',
    endpoint: 'GET /api/suites',
    state: 'suite',
    send: () => request(t.app).get('/api/suites').query({ per_page: 100 }),
    expect: { anonymous: 401, owner: 200, other: 200 },
    shows: (body, suiteId) => (body as { suites: { suite_id: string }[] }).suites.some((s) => s.suite_id === suiteId),
  },
  // A suite is its owner's alone: to anyone else it does not exist.
  ...(
    [
      ['getSuite', 'GET /api/suites/{suite_id}', (id: string) => request(t.app).get(`/api/suites/${id}`)],
      ['streamSuiteEvents', 'GET /api/suites/{suite_id}/events', (id: string) => request(t.app).get(`/api/suites/${id}/events`)],
      ['cancelSuite', 'POST /api/suites/{suite_id}/cancel', (id: string) => request(t.app).post(`/api/suites/${id}/cancel`)],
      ['retrySuite', 'POST /api/suites/{suite_id}/retry', (id: string) => request(t.app).post(`/api/suites/${id}/retry`)],
      ['deleteSuite', 'DELETE /api/suites/{suite_id}', (id: string) => request(t.app).delete(`/api/suites/${id}`)],
    ] as const
  ).map(([operationId, endpoint, send]): Case => ({ operationId, endpoint, state: 'suite', send, expect: { anonymous: 401, owner: 200, other: 404 } })),
  {
    operationId: 'getReadiness',
    endpoint: 'GET /api/ready',
    state: 'none',
    send: () => request(t.app).get('/api/ready'),
    expect: { anonymous: 200, owner: 200, other: 200 },
  },
  {
    operationId: 'createAdminSession',
    endpoint: 'POST /api/admin/session',
    state: 'none',
    send: () => request(t.app).post('/api/admin/session'),
    expect: { anonymous: 401, owner: 403, other: 403, admin: 200 },
  },
  {
    operationId: 'deleteAdminSession',
    endpoint: 'DELETE /api/admin/session',
    state: 'none',
    // Clearing one's own cookie needs no rights.
    send: () => request(t.app).delete('/api/admin/session'),
    expect: { anonymous: 204, owner: 204, other: 204 },
  },
  {
    operationId: 'listWorkers',
    endpoint: 'GET /api/admin/workers',
    state: 'none',
    send: () => request(t.app).get('/api/admin/workers'),
    expect: { anonymous: 401, owner: 403, other: 403, admin: 200 },
  },
  ...(
    [
      ['listProviders', 'GET /api/api-keys/providers', () => request(t.app).get('/api/api-keys/providers')],
      ['getHealth', 'GET /api/health', () => request(t.app).get('/api/health')],
      ['getVersion', 'GET /api/version', () => request(t.app).get('/api/version')],
      ['listBenchmarks', 'GET /api/benchmarks', () => request(t.app).get('/api/benchmarks')],
      ['getBenchmark', 'GET /api/benchmarks/{name}', () => request(t.app).get('/api/benchmarks/mmlu')],
    ] as const
  ).map(([operationId, endpoint, send]): Case => ({ operationId, endpoint, state: 'none', send, expect: { anonymous: 200, owner: 200, other: 200 } })),
  {
    operationId: 'register',
    endpoint: 'POST /api/auth/register',
    state: 'none',
    send: () => request(t.app).post('/api/auth/register').send({ email: `authz-${Math.random().toString(36).slice(2)}@example.com`, password: 'securepassword' }),
    expect: { anonymous: 200, owner: 200, other: 200 },
  },
  {
    operationId: 'login',
    endpoint: 'POST /api/auth/login',
    state: 'none',
    send: () => request(t.app).post('/api/auth/login').send({ email: OWNER_EMAIL, password: 'securepassword' }),
    expect: { anonymous: 200, owner: 200, other: 200 },
  },
  {
    operationId: 'getProfile',
    endpoint: 'GET /api/auth/me',
    state: 'none',
    send: () => request(t.app).get('/api/auth/me'),
    expect: { anonymous: 401, owner: 200, other: 200 },
    // Each caller sees their own profile, never the owner's.
    shows: (body) => (body as { user_id: string }).user_id === owner.userId,
  },
  {
    operationId: 'listApiKeys',
    endpoint: 'GET /api/api-keys',
    state: 'none',
    send: () => request(t.app).get('/api/api-keys'),
    expect: { anonymous: 401, owner: 200, other: 200 },
    shows: (body) => (body as { provider: string }[]).some((k) => k.provider === 'openai'),
  },
  {
    operationId: 'saveApiKey',
    endpoint: 'POST /api/api-keys',
    state: 'none',
    // Saving is always for oneself: the other user's save never touches the owner's key.
    send: () => request(t.app).post('/api/api-keys').send({ provider: 'groq', key: 'gsk-authz-0123456789abcdef' }),
    expect: { anonymous: 401, owner: 200, other: 200 },
  },
  {
    operationId: 'deleteApiKey',
    endpoint: 'DELETE /api/api-keys/{provider}',
    state: 'none',
    // Keys are found among the caller's own: another user has no openai key to delete.
    send: () => request(t.app).delete('/api/api-keys/openai'),
    expect: { anonymous: 401, owner: 200, other: 404 },
  },
  {
    operationId: 'listAvailableModels',
    endpoint: 'GET /api/available-models',
    state: 'none',
    // The owner's only key is for a provider that cannot be reached here: an unreachable provider is reported in the body.
    send: () => request(t.app).get('/api/available-models'),
    expect: { anonymous: 401, owner: 502, other: 200 },
  },
];

const OWNER_EMAIL = `authz-owner-${process.pid}@example.com`;

async function prepare(state: Case['state']): Promise<{ runId: string; evalPath: string }> {
  if (state === 'none') {
    if (!(await request(t.app).get('/api/api-keys').set('Authorization', `Bearer ${owner.token}`)).body.some((k: { provider: string }) => k.provider === 'openai')) {
      await saveKey(t.app, owner, 'openai');
    }
    return { runId: '', evalPath: '' };
  }
  if (state === 'queued') {
    const res = await request(t.app).post('/api/runs').set('Authorization', `Bearer ${owner.token}`).send({ benchmark: 'mmlu', model: 'mockllm/default', tags: ['authz'] });
    return { runId: res.body.run_id, evalPath: '' };
  }
  if (state === 'suite') {
    const as = (r: request.Test) => r.set('Authorization', `Bearer ${owner.token}`);
    const res = await as(request(t.app).post('/api/suites').send({ benchmarks: ['mmlu', 'gsm8k'], models: ['mockllm/default'], limit: 1 }));
    // Canceled, so its event stream ends at once (no worker runs here).
    await as(request(t.app).post(`/api/suites/${res.body.suite_id}/cancel`)).expect(200);
    return { runId: res.body.suite_id, evalPath: '' };
  }
  const run = await insertTestRun(t.deps.db, owner.userId, { tags: ['authz'] });
  await markRunning(t.deps.db, run.run_id, 1);
  const records = [mmluRecord(1)];
  await insertSamples(t.deps.db, run.run_id, records);
  await completeRun(t.deps.db, run.run_id, records);
  const detail = await request(t.app).get(`/api/runs/${run.run_id}`);
  return { runId: run.run_id, evalPath: (detail.body.artifacts as string[]).find((a) => a.endsWith('.eval'))! };
}

const CALLERS = ['anonymous', 'owner', 'other', 'admin'] as const;
const matrix = CASES.flatMap((c) => CALLERS.map((caller) => [c.endpoint, caller, caller === 'admin' ? (c.expect.admin ?? c.expect.other) : c.expect[caller], c] as const));
const tokenOf = (caller: Exclude<Caller, 'anonymous'>) => ({ owner, other, admin })[caller].token;

test.each(matrix)('%s as %s → %i', async (_endpoint, caller, status, c) => {
  const { runId, evalPath } = await prepare(c.state);
  const before = runId ? await findRun(t.deps.db, runId) : undefined;
  const req = c.send(runId, evalPath);
  if (caller !== 'anonymous') req.set('Authorization', `Bearer ${tokenOf(caller)}`);
  const res = await req;
  expect(res.status).toBe(status);
  if (status === 401) expect(res.body.code).toBe('AUTH_REQUIRED');
  if (status === 403) expect(res.body.code).toBe('AUTHZ_FORBIDDEN');
  if (c.shows && status < 300) expect(c.shows(res.body, runId)).toBe(caller === 'owner');
  // The saved key is removed again, so later rows see each user's keys as they were.
  if (c.operationId === 'saveApiKey' && caller !== 'anonymous') {
    await request(t.app).delete('/api/api-keys/groq').set('Authorization', `Bearer ${tokenOf(caller)}`).expect(200);
  }
  if (c.operationId === 'deleteApiKey' && caller !== 'owner') {
    const keys = await request(t.app).get('/api/api-keys').set('Authorization', `Bearer ${owner.token}`);
    expect(keys.body.map((k: { provider: string }) => k.provider)).toContain('openai');
  }
  if (c.mutates && caller !== 'owner') {
    expect(await findRun(t.deps.db, runId)).toEqual(before);
    if (c.endpoint.includes('bulk-delete') && caller !== 'anonymous') expect(res.body.details.forbidden).toEqual([runId]);
  }
});

test('every operation of the OpenAPI document has its row in this matrix', async () => {
  const spec = (await request(t.app).get('/openapi.json')).body as { paths: Record<string, Record<string, { operationId: string }>> };
  const documented = Object.values(spec.paths).flatMap((ops) => Object.values(ops).map((op) => op.operationId));
  const covered = new Set(CASES.map((c) => c.operationId));
  expect(documented.filter((id) => !covered.has(id))).toEqual([]);
});
