/**
 * Who may do what, for every operation of the OpenAPI document: an anonymous caller, the owner of the resource
 * (a run, a saved key) and another signed-in user. Reads of one run (detail, events, artifacts, eval-data) take the
 * run id as the capability; lists show only the caller's own; changes are the owner's alone. A new operation must
 * get its row here: the last test fails for any operation without one.
 *
 * The owner's personal access tokens are a dimension of their own: a token holding the scope an operation names
 * (`TOKEN_SCOPE`) is the owner; one holding every other scope is refused with 403 TOKEN_SCOPE_INSUFFICIENT; an
 * operation for browser sessions only refuses even a token with every scope.
 */
import request from 'supertest';
import { findRun } from '@studio/db';
import { createTestApp, type TestApp } from '../test/test-app';
import { completeRun, insertSamples, insertTestRun, markRunning, mmluRecord } from '../test/run-fixtures';
import { createAccessToken, registerUser, saveKey, type TestUser } from '../test/test-user.helper';
import { TOKEN_SCOPES, type TokenScope } from './auth/token-scopes';

type Caller = 'anonymous' | 'owner' | 'other' | 'admin';
/** The owner's access token holding the operation's scope (every scope when it names none), or every other scope. */
type TokenCaller = 'owner token with the scope' | 'owner token without the scope';

interface Case {
  operationId: string;
  endpoint: string;
  /**
   * A queued run (its job enqueued), a completed one with samples, no run (the owner has a saved openai key), a
   * dataset of the owner's (`send` then gets its id and its benchmark name), a fresh access token or webhook of
   * the owner's (its id passed as the first argument of `send`), or `suite`: the owner's suite of two runs,
   * canceled (its id is passed as the run id), or `schedule`: a schedule of the owner's (its id passed as the run id).
   */
  state: 'queued' | 'completed' | 'none' | 'dataset' | 'access-token' | 'webhook' | 'suite' | 'schedule' | 'service-key';
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
const tokenWith = {} as Record<TokenScope | 'all', string>;
const tokenWithout = {} as Record<TokenScope, string>;

beforeAll(async () => {
  t = await createTestApp();
  // The first account of an empty database becomes its administrator.
  admin = await registerUser(t.app, 'authz-admin');
  const registered = await request(t.app).post('/api/auth/register').send({ email: OWNER_EMAIL, password: 'securepassword' });
  const me = await request(t.app).get('/api/auth/me').set('Authorization', `Bearer ${registered.body.access_token}`);
  owner = { token: registered.body.access_token, userId: me.body.user_id };
  other = await registerUser(t.app, 'authz-other');
  tokenWith.all = (await createAccessToken(t.app, owner, [...TOKEN_SCOPES])).token;
  for (const scope of TOKEN_SCOPES) {
    tokenWith[scope] = (await createAccessToken(t.app, owner, [scope])).token;
    tokenWithout[scope] = (await createAccessToken(t.app, owner, TOKEN_SCOPES.filter((s) => s !== scope))).token;
  }
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
    operationId: 'createSchedule',
    endpoint: 'POST /api/schedules',
    state: 'none',
    send: () => request(t.app).post('/api/schedules').send({ name: 'authz', cron: '0 6 * * *', template: { benchmark: 'mmlu', model: 'mockllm/default', limit: 1 } }),
    expect: { anonymous: 401, owner: 200, other: 200 },
  },
  {
    operationId: 'listSchedules',
    endpoint: 'GET /api/schedules',
    state: 'schedule',
    send: () => request(t.app).get('/api/schedules').query({ per_page: 100 }),
    expect: { anonymous: 401, owner: 200, other: 200 },
    shows: (body, scheduleId) => (body as { schedules: { schedule_id: string }[] }).schedules.some((s) => s.schedule_id === scheduleId),
  },
  // A schedule is its owner's alone: to anyone else it does not exist.
  ...(
    [
      ['getSchedule', 'GET /api/schedules/{schedule_id}', (id: string) => request(t.app).get(`/api/schedules/${id}`)],
      ['updateSchedule', 'PATCH /api/schedules/{schedule_id}', (id: string) => request(t.app).patch(`/api/schedules/${id}`).send({ name: 'renamed' })],
      ['deleteSchedule', 'DELETE /api/schedules/{schedule_id}', (id: string) => request(t.app).delete(`/api/schedules/${id}`)],
    ] as const
  ).map(([operationId, endpoint, send]): Case => ({ operationId, endpoint, state: 'schedule', send, expect: { anonymous: 401, owner: 200, other: 404 } })),
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
      ['listScoringServices', 'GET /api/service-keys/services', () => request(t.app).get('/api/service-keys/services')],
      ['getHealth', 'GET /api/health', () => request(t.app).get('/api/health')],
      ['getVersion', 'GET /api/version', () => request(t.app).get('/api/version')],
      ['listBenchmarks', 'GET /api/benchmarks', () => request(t.app).get('/api/benchmarks')],
      ['getBenchmark', 'GET /api/benchmarks/{name}', () => request(t.app).get('/api/benchmarks/mmlu')],
      ['listBenchmarkGroups', 'GET /api/benchmark-groups', () => request(t.app).get('/api/benchmark-groups')],
      ['getBenchmarkGroup', 'GET /api/benchmark-groups/{name}', () => request(t.app).get('/api/benchmark-groups/mgsm')],
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
    operationId: 'listServiceKeys',
    endpoint: 'GET /api/service-keys',
    state: 'service-key',
    send: () => request(t.app).get('/api/service-keys'),
    expect: { anonymous: 401, owner: 200, other: 200 },
    shows: (body) => (body as { service: string }[]).some((k) => k.service === 'perspective'),
  },
  {
    operationId: 'saveServiceKey',
    endpoint: 'PUT /api/service-keys/{service}',
    state: 'none',
    // Saving is always for oneself.
    send: () => request(t.app).put('/api/service-keys/perspective').send({ key: 'AIza-authz-0123456789abcdef' }),
    expect: { anonymous: 401, owner: 200, other: 200 },
  },
  {
    operationId: 'deleteServiceKey',
    endpoint: 'DELETE /api/service-keys/{service}',
    state: 'service-key',
    // Keys are found among the caller's own: another user has no Perspective key to delete, and the owner's stays.
    send: () => request(t.app).delete('/api/service-keys/perspective'),
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
  {
    operationId: 'createDataset',
    endpoint: 'POST /api/datasets',
    state: 'none',
    // Uploads are always the caller's own.
    send: () => request(t.app).post('/api/datasets').query(datasetQuery()).set('Content-Type', 'text/csv').send(DATASET_CSV),
    expect: { anonymous: 401, owner: 201, other: 201 },
  },
  {
    operationId: 'listDatasets',
    endpoint: 'GET /api/datasets',
    state: 'dataset',
    send: () => request(t.app).get('/api/datasets'),
    expect: { anonymous: 401, owner: 200, other: 200 },
    shows: (body, id) => (body as { datasets: { dataset_id: string }[] }).datasets.some((d) => d.dataset_id === id),
  },
  {
    operationId: 'getDataset',
    endpoint: 'GET /api/datasets/{dataset_id}',
    state: 'dataset',
    send: (id) => request(t.app).get(`/api/datasets/${id}`),
    expect: { anonymous: 401, owner: 200, other: 404 },
  },
  {
    operationId: 'deleteDataset',
    endpoint: 'DELETE /api/datasets/{dataset_id}',
    state: 'dataset',
    send: (id) => request(t.app).delete(`/api/datasets/${id}`),
    expect: { anonymous: 401, owner: 204, other: 404 },
  },
  {
    operationId: 'createRun',
    endpoint: 'POST /api/runs (custom/<slug>)',
    state: 'dataset',
    // A private dataset runs for its owner only; to anyone else it is an unknown benchmark.
    send: (_id, benchmark) => request(t.app).post('/api/runs').send({ benchmark, model: 'mockllm/default' }),
    expect: { anonymous: 401, owner: 200, other: 422 },
  },
  {
    operationId: 'createAccessToken',
    endpoint: 'POST /api/tokens',
    state: 'none',
    send: () => request(t.app).post('/api/tokens').send({ name: 'authz', scopes: ['read'] }),
    expect: { anonymous: 401, owner: 200, other: 200 },
  },
  {
    operationId: 'listAccessTokens',
    endpoint: 'GET /api/tokens',
    state: 'none',
    send: () => request(t.app).get('/api/tokens'),
    expect: { anonymous: 401, owner: 200, other: 200 },
    shows: (body) => (body as { scopes: string[] }[]).some((tok) => tok.scopes.length === TOKEN_SCOPES.length),
  },
  {
    operationId: 'deleteAccessToken',
    endpoint: 'DELETE /api/tokens/{token_id}',
    state: 'access-token',
    // Tokens are found among the caller's own: another user has no such token to revoke.
    send: (id) => request(t.app).delete(`/api/tokens/${id}`),
    expect: { anonymous: 401, owner: 200, other: 404 },
  },
  {
    operationId: 'createWebhook',
    endpoint: 'POST /api/webhooks',
    state: 'none',
    send: () => request(t.app).post('/api/webhooks').send({ url: 'http://127.0.0.1:9/authz', events: ['run.completed'] }),
    expect: { anonymous: 401, owner: 200, other: 200 },
  },
  {
    operationId: 'listWebhooks',
    endpoint: 'GET /api/webhooks',
    state: 'webhook',
    send: () => request(t.app).get('/api/webhooks'),
    expect: { anonymous: 401, owner: 200, other: 200 },
    shows: (body, id) => (body as { webhook_id: string }[]).some((w) => w.webhook_id === id),
  },
  {
    operationId: 'updateWebhook',
    endpoint: 'PATCH /api/webhooks/{webhook_id}',
    state: 'webhook',
    // Webhooks are found among the caller's own: another user's is not found.
    send: (id) => request(t.app).patch(`/api/webhooks/${id}`).send({ active: false }),
    expect: { anonymous: 401, owner: 200, other: 404 },
  },
  {
    operationId: 'deleteWebhook',
    endpoint: 'DELETE /api/webhooks/{webhook_id}',
    state: 'webhook',
    send: (id) => request(t.app).delete(`/api/webhooks/${id}`),
    expect: { anonymous: 401, owner: 200, other: 404 },
  },
  {
    operationId: 'listWebhookDeliveries',
    endpoint: 'GET /api/webhooks/{webhook_id}/deliveries',
    state: 'webhook',
    send: (id) => request(t.app).get(`/api/webhooks/${id}/deliveries`),
    expect: { anonymous: 401, owner: 200, other: 404 },
  },
];

const DATASET_CSV = 'q,A,B,C,D,answer\nWhich?,w,x,y,z,B\n';
let datasetSeq = 0;
const datasetQuery = () => ({ name: 'Authz', slug: `authz-${++datasetSeq}`, kind: 'multiple_choice', question: 'q', answer: 'answer', choice_columns: 'A,B,C,D' });

/**
 * The scope an access token needs for each operation: null for operations of browser sessions only (tokens,
 * administration), 'public' for those that read no credential.
 */
const TOKEN_SCOPE: Record<string, TokenScope | null | 'public'> = {
  createRun: 'run',
  listRuns: 'read',
  listRunTags: 'read',
  getRun: 'read',
  cancelRun: 'run',
  deleteRun: 'run',
  bulkDeleteRuns: 'run',
  updateRunTags: 'run',
  getRunArtifact: 'read',
  getRunEvalData: 'read',
  streamRunEvents: 'public',
  updateRunNotes: 'run',
  listRunSamples: 'read',
  compareRuns: 'read',
  getStatsSummary: 'read',
  getStatsHistory: 'read',
  getLeaderboard: 'read',
  getReadiness: 'public',
  createAdminSession: null,
  deleteAdminSession: 'public',
  listWorkers: null,
  listProviders: 'public',
  listScoringServices: 'public',
  getHealth: 'public',
  getVersion: 'public',
  listBenchmarks: 'public',
  getBenchmark: 'public',
  listBenchmarkGroups: 'public',
  getBenchmarkGroup: 'public',
  register: 'public',
  login: 'public',
  getProfile: 'read',
  listApiKeys: 'admin-keys',
  saveApiKey: 'admin-keys',
  deleteApiKey: 'admin-keys',
  listServiceKeys: 'admin-keys',
  saveServiceKey: 'admin-keys',
  deleteServiceKey: 'admin-keys',
  listAvailableModels: 'read',
  createAccessToken: null,
  listAccessTokens: null,
  deleteAccessToken: null,
  createWebhook: 'run',
  listWebhooks: 'read',
  updateWebhook: 'run',
  deleteWebhook: 'run',
  listWebhookDeliveries: 'read',
  createDataset: 'run',
  listDatasets: 'read',
  getDataset: 'read',
  deleteDataset: 'run',
  createSuite: 'run',
  listSuites: 'read',
  getSuite: 'read',
  streamSuiteEvents: 'read',
  cancelSuite: 'run',
  retrySuite: 'run',
  deleteSuite: 'run',
  createSchedule: 'run',
  listSchedules: 'read',
  getSchedule: 'read',
  updateSchedule: 'run',
  deleteSchedule: 'run',
};

const OWNER_EMAIL = `authz-owner-${process.pid}@example.com`;

async function prepare(state: Case['state']): Promise<{ runId: string; evalPath: string }> {
  if (state === 'none') {
    if (!(await request(t.app).get('/api/api-keys').set('Authorization', `Bearer ${owner.token}`)).body.some((k: { provider: string }) => k.provider === 'openai')) {
      await saveKey(t.app, owner, 'openai');
    }
    return { runId: '', evalPath: '' };
  }
  if (state === 'service-key') {
    // Only the owner has a Perspective key (the save row gave the others theirs), saved again for each case.
    for (const user of [other, admin]) await request(t.app).delete('/api/service-keys/perspective').set('Authorization', `Bearer ${user.token}`);
    await request(t.app).put('/api/service-keys/perspective').set('Authorization', `Bearer ${owner.token}`).send({ key: 'AIza-authz-owner-0123456789' }).expect(200);
    return { runId: '', evalPath: '' };
  }
  if (state === 'dataset') {
    const res = await request(t.app).post('/api/datasets').query(datasetQuery()).set('Authorization', `Bearer ${owner.token}`).set('Content-Type', 'text/csv').send(DATASET_CSV);
    return { runId: res.body.dataset_id, evalPath: res.body.benchmark };
  }
  if (state === 'webhook') {
    // At most 20 webhooks per user: earlier rows' go first.
    const auth = { Authorization: `Bearer ${owner.token}` };
    for (const w of (await request(t.app).get('/api/webhooks').set(auth)).body) await request(t.app).delete(`/api/webhooks/${w.webhook_id}`).set(auth);
    const res = await request(t.app).post('/api/webhooks').set('Authorization', `Bearer ${owner.token}`).send({ url: 'http://127.0.0.1:9/authz', events: ['run.failed'] });
    return { runId: res.body.webhook_id, evalPath: '' };
  }
  if (state === 'schedule') {
    // At most 50 schedules per user: earlier rows' go first.
    const auth = { Authorization: `Bearer ${owner.token}` };
    for (const s of (await request(t.app).get('/api/schedules').query({ per_page: 100 }).set(auth)).body.schedules) await request(t.app).delete(`/api/schedules/${s.schedule_id}`).set(auth);
    const res = await request(t.app).post('/api/schedules').set(auth).send({ name: 'authz', cron: '0 6 * * *', template: { benchmark: 'mmlu', model: 'mockllm/default', limit: 1 } });
    return { runId: res.body.schedule_id, evalPath: '' };
  }
  if (state === 'access-token') return { runId: (await createAccessToken(t.app, owner, ['read'], { name: 'to revoke' })).tokenId, evalPath: '' };
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
const TOKEN_CALLERS = ['owner token with the scope', 'owner token without the scope'] as const;
const REFUSED_TOKEN = 403;

/** What an owner's token gets: the owner's answer when it may, 403 when the operation needs another scope. */
function tokenExpectation(c: Case, caller: TokenCaller): number {
  const scope = TOKEN_SCOPE[c.operationId];
  if (scope === 'public') return c.expect.owner;
  if (scope === null || scope === undefined) return REFUSED_TOKEN;
  return caller === 'owner token with the scope' ? c.expect.owner : REFUSED_TOKEN;
}
function tokenSecret(c: Case, caller: TokenCaller): string {
  const scope = TOKEN_SCOPE[c.operationId];
  if (scope === 'public' || scope === null || scope === undefined) return tokenWith.all;
  return caller === 'owner token with the scope' ? tokenWith[scope] : tokenWithout[scope];
}

const matrix = CASES.flatMap((c) => [
  ...CALLERS.map((caller) => [c.endpoint, caller, caller === 'admin' ? (c.expect.admin ?? c.expect.other) : c.expect[caller], c] as const),
  ...TOKEN_CALLERS.map((caller) => [c.endpoint, caller, tokenExpectation(c, caller), c] as const),
]);
const bearerOf = (caller: Exclude<Caller, 'anonymous'> | TokenCaller, c: Case) =>
  caller === 'owner' || caller === 'other' || caller === 'admin' ? { owner, other, admin }[caller].token : tokenSecret(c, caller);
const actsAsOwner = (caller: Caller | TokenCaller) => caller === 'owner' || caller.startsWith('owner token');

test.each(matrix)('%s as %s → %i', async (_endpoint, caller, status, c) => {
  const { runId, evalPath } = await prepare(c.state);
  const before = runId ? await findRun(t.deps.db, runId) : undefined;
  const req = c.send(runId, evalPath);
  if (caller !== 'anonymous') req.set('Authorization', `Bearer ${bearerOf(caller, c)}`);
  const res = await req;
  expect(res.status).toBe(status);
  if (status === 401) expect(res.body.code).toBe('AUTH_REQUIRED');
  if (status === 403) expect(res.body.code).toBe(caller.startsWith('owner token') ? 'TOKEN_SCOPE_INSUFFICIENT' : 'AUTHZ_FORBIDDEN');
  if (c.shows && status < 300) expect(c.shows(res.body, runId)).toBe(actsAsOwner(caller));
  // The saved key is removed again, so later rows see each user's keys as they were.
  if (c.operationId === 'saveApiKey' && res.status === 200) {
    const user = caller === 'other' || caller === 'admin' ? { other, admin }[caller] : owner;
    await request(t.app).delete('/api/api-keys/groq').set('Authorization', `Bearer ${user.token}`).expect(200);
  }
  if (c.operationId === 'deleteApiKey' && res.status !== 200) {
    const keys = await request(t.app).get('/api/api-keys').set('Authorization', `Bearer ${owner.token}`);
    expect(keys.body.map((k: { provider: string }) => k.provider)).toContain('openai');
  }
  if (c.operationId === 'deleteDataset' && !actsAsOwner(caller)) {
    expect((await request(t.app).get(`/api/datasets/${runId}`).set('Authorization', `Bearer ${owner.token}`)).status).toBe(200);
  }
  if (c.mutates && (!actsAsOwner(caller) || res.status >= 300)) {
    expect(await findRun(t.deps.db, runId)).toEqual(before);
    if (c.endpoint.includes('bulk-delete') && (caller === 'other' || caller === 'admin')) expect(res.body.details.forbidden).toEqual([runId]);
  }
});

test('every operation of the OpenAPI document has its row in this matrix', async () => {
  const spec = (await request(t.app).get('/openapi.json')).body as { paths: Record<string, Record<string, { operationId: string }>> };
  const documented = Object.values(spec.paths).flatMap((ops) => Object.values(ops).map((op) => op.operationId));
  const covered = new Set(CASES.map((c) => c.operationId));
  expect(documented.filter((id) => !covered.has(id))).toEqual([]);
  expect([...covered].filter((id) => !(id in TOKEN_SCOPE))).toEqual([]);
});
