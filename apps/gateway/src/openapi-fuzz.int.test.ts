/**
 * Fuzzes every operation of the OpenAPI document with a seeded generator: bodies, query, header and path parameters
 * drawn from each operation's schemas, then mutated (wrong types, out-of-range, huge and infinite numbers, long and
 * odd strings, unknown and missing fields, malformed JSON, other content types), sent anonymous, with a valid token
 * and with a forged one. No answer may be a 5xx, and the service must be healthy afterwards. The one 5xx the contract
 * allows is 502 from `GET /api/available-models` when every provider the user saved a key for failed: it reports the
 * provider's failure, not ours. `FUZZ_SEED` and `FUZZ_REQUESTS` vary the run; a failure names the seed.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createTestApp, listen, type ListeningApp, type TestApp } from '../test/test-app';
import { completeRun, insertSamples, insertTestRun, markRunning, mmluRecord } from '../test/run-fixtures';
import { createAccessToken, registerUser, type TestUser } from '../test/test-user.helper';

const SEED = Number(process.env.FUZZ_SEED ?? 20261206);
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 2300);

type Schema = {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  additionalProperties?: boolean | Schema;
};
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  schema?: Schema;
}
interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}
interface Doc {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

/** mulberry32: small, seedable, good enough to pick test inputs. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let t: TestApp;
let server: ListeningApp;
let doc: Doc;
let owner: TestUser;
let other: TestUser;
/** A personal access token of the owner's with every scope. */
let ownerToken: string;
let ownRunId: string;
let othersRunId: string;
/** A finished run of the owner's, with samples, so artifacts and eval-data have something to serve. */
let finishedRunId: string;
let finishedArtifacts: string[];
/** A dataset of the owner's that nothing deletes. */
let datasetId: string;
const KNOWN_EMAIL = 'fuzz-known@example.com';

beforeAll(async () => {
  t = await createTestApp();
  server = await listen(t.app);
  doc = (await request(t.app).get('/openapi.json')).body;
  owner = await registerUser(t.app, 'fuzz');
  other = await registerUser(t.app, 'fuzz-other');
  ownerToken = (await createAccessToken(t.app, owner, ['read', 'run', 'admin-keys'])).token;
  const create = (u: TestUser) =>
    request(t.app).post('/api/runs').set('Authorization', `Bearer ${u.token}`).send({ benchmark: 'mmlu', model: 'mockllm/default', limit: 1 });
  ownRunId = (await create(owner)).body.run_id;
  othersRunId = (await create(other)).body.run_id;
  finishedRunId = (await insertTestRun(t.deps.db, owner.userId)).run_id;
  const records = [mmluRecord(0), mmluRecord(1, { correct: false })];
  await markRunning(t.deps.db, finishedRunId, records.length);
  await insertSamples(t.deps.db, finishedRunId, records);
  await completeRun(t.deps.db, finishedRunId, records);
  finishedArtifacts = (await request(t.app).get(`/api/runs/${finishedRunId}`)).body.artifacts;
  await request(t.app).post('/api/auth/register').send({ email: KNOWN_EMAIL, password: 'securepassword' });
  datasetId = await freshDataset();
});

const DATASET_CSV = 'q,A,B,C,D,answer,topic\nWhich?,w,x,y,z,B,t1\nAnd?,w,x,y,z,0,t2\n';
const datasetQuery = () => ({ name: 'Fuzz', slug: `fuzz-${randomUUID().slice(0, 8)}`, kind: 'multiple_choice', question: 'q', answer: 'answer', choice_columns: 'A,B,C,D', group: 'topic' });

/** A dataset of the owner's that nothing else touches, for the operation that deletes one. */
async function freshDataset(): Promise<string> {
  const res = await request(t.app).post('/api/datasets').query(datasetQuery()).set('Authorization', `Bearer ${owner.token}`).set('Content-Type', 'text/csv').send(DATASET_CSV);
  return res.body.dataset_id;
}

/**
 * A well-formed request per operation, sent now and then, so the fuzz also reaches the code behind validation and
 * every operation answers at least once with a 2xx. A new operation needs its entry here.
 */
interface Example {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** A body that is not JSON (an uploaded file) and its type. */
  file?: { text: string; type: string };
  as?: 'owner' | 'anonymous';
}

/** A queued run of the owner's that nothing else touches, for the operations that end a run. */
async function freshRun(): Promise<string> {
  const res = await request(t.app).post('/api/runs').set('Authorization', `Bearer ${owner.token}`).send({ benchmark: 'mmlu', model: 'mockllm/default', limit: 1 });
  return res.body.run_id;
}

/** A webhook of the owner's; at most 20 per user, so the oldest go first. */
async function freshWebhook(): Promise<string> {
  const auth = { Authorization: `Bearer ${owner.token}` };
  const existing = (await request(t.app).get('/api/webhooks').set(auth)).body as { webhook_id: string }[];
  for (const w of existing.slice(10)) await request(t.app).delete(`/api/webhooks/${w.webhook_id}`).set(auth);
  const res = await request(t.app).post('/api/webhooks').set(auth).send({ url: 'http://127.0.0.1:9/fuzz', events: ['run.completed'] });
  return res.body.webhook_id;
}
/** A suite of the owner's (two queued runs, no worker here), canceled when `canceled`, so its event stream ends. */
async function freshSuite(canceled = false): Promise<string> {
  const as = (r: request.Test) => r.set('Authorization', `Bearer ${owner.token}`);
  const res = await as(request(t.app).post('/api/suites').send({ benchmarks: ['mmlu', 'gsm8k'], models: ['mockllm/default'], limit: 1 }));
  if (canceled) await as(request(t.app).post(`/api/suites/${res.body.suite_id}/cancel`));
  return res.body.suite_id;
}
let canceledSuiteId: Promise<string> | undefined;

const SCHEDULE_TEMPLATE = { benchmark: 'mmlu', model: 'mockllm/default', limit: 1 };
/** Keeps the owner's schedules at 10 or fewer (at most 50 per user), the oldest going first. */
async function pruneSchedules(): Promise<void> {
  const auth = { Authorization: `Bearer ${owner.token}` };
  const existing = (await request(t.app).get('/api/schedules').query({ per_page: 100 }).set(auth)).body.schedules as { schedule_id: string }[];
  for (const s of existing.slice(10)) await request(t.app).delete(`/api/schedules/${s.schedule_id}`).set(auth);
}
/** A schedule of the owner's. */
async function freshSchedule(): Promise<string> {
  await pruneSchedules();
  const res = await request(t.app).post('/api/schedules').set('Authorization', `Bearer ${owner.token}`).send({ name: 'fuzz', cron: '0 6 * * *', template: SCHEDULE_TEMPLATE });
  return res.body.schedule_id;
}

async function wellFormed(operationId: string, n: number): Promise<Example> {
  const artifact = finishedArtifacts[n % finishedArtifacts.length];
  const evalLog = finishedArtifacts.find((a) => a.endsWith('.eval'))!;
  const examples: Record<string, Example | (() => Promise<Example>)> = {
    // Every other run passes a task argument (openbench -T) its benchmark takes; the edge fuzzing (n = 0) fuzzes them too.
    createRun: {
      body: n % 2 === 0 ? { benchmark: 'gsm8k', model: 'mockllm/default', limit: 1 + (n % 5), task_args: { split: 'test' }, tags: ['fuzz'] } : { benchmark: 'mmlu', model: 'mockllm/default', limit: 1 + (n % 5), tags: ['fuzz'] },
    },
    listRuns: { query: { per_page: String(1 + (n % 100)), sort_by: 'created_at' } },
    listRunTags: {},
    bulkDeleteRuns: { body: { run_ids: [randomUUID()] } },
    getRun: { params: { run_id: finishedRunId } },
    deleteRun: async () => ({ params: { run_id: await freshRun() } }),
    cancelRun: async () => ({ params: { run_id: await freshRun() } }),
    updateRunTags: { params: { run_id: finishedRunId }, body: { tags: ['a', `t${n % 7}`] } },
    updateRunNotes: { params: { run_id: finishedRunId }, body: { notes: `note ${n}` } },
    streamRunEvents: { params: { run_id: finishedRunId }, as: 'anonymous' },
    getRunArtifact: { params: { run_id: finishedRunId, path: artifact } },
    getRunEvalData: { params: { run_id: finishedRunId, path: evalLog } },
    listRunSamples: { params: { run_id: finishedRunId }, query: { verdict: 'correct', per_page: String(1 + (n % 500)) } },
    // A fresh run: fuzzed deletes may have taken ownRunId by then.
    compareRuns: async () => ({ query: { ids: `${finishedRunId},${await freshRun()}` } }),
    getStatsSummary: {},
    getStatsHistory: { query: { days: String(1 + (n % 365)) } },
    getLeaderboard: { query: { sort_by: 'model' } },
    listProviders: {},
    listAvailableModels: {},
    getHealth: {},
    getReadiness: {},
    getVersion: {},
    // The owner registered first, on an empty database: an administrator.
    createAdminSession: {},
    deleteAdminSession: { as: 'anonymous' },
    listWorkers: {},
    listBenchmarks: { query: { runnable_only: 'true' } },
    getBenchmark: { params: { name: 'mmlu' } },
    listBenchmarkGroups: { query: { runnable_only: 'true' } },
    getBenchmarkGroup: { params: { name: 'anli' } },
    register: { body: { email: `fuzz-${randomUUID()}@example.com`, password: 'securepassword' }, as: 'anonymous' },
    login: { body: { email: KNOWN_EMAIL, password: 'securepassword' }, as: 'anonymous' },
    getProfile: {},
    listApiKeys: {},
    saveApiKey: { body: { provider: 'openai', key: `sk-fuzz-${randomUUID()}` } },
    deleteApiKey: { params: { provider: 'openai' } },
    listServiceKeys: {},
    listScoringServices: {},
    saveServiceKey: { params: { service: 'perspective' }, body: { key: `AIza-fuzz-${randomUUID()}` } },
    deleteServiceKey: { params: { service: 'perspective' } },
    createDataset: () => Promise.resolve({ query: datasetQuery(), file: { text: DATASET_CSV, type: 'text/csv' } }),
    listDatasets: {},
    getDataset: { params: { dataset_id: datasetId } },
    deleteDataset: async () => ({ params: { dataset_id: await freshDataset() } }),
    createAccessToken: { body: { name: `fuzz ${n}`, scopes: ['read'], expires_in_days: 1 + (n % 3650) } },
    listAccessTokens: {},
    createWebhook: { body: { url: `http://127.0.0.1:9/fuzz-${n}`, events: ['run.completed', 'run.canceled'] } },
    listWebhooks: {},
    updateWebhook: async () => ({ params: { webhook_id: await freshWebhook() }, body: { active: n % 2 === 0, events: ['run.failed'] } }),
    deleteWebhook: async () => ({ params: { webhook_id: await freshWebhook() } }),
    listWebhookDeliveries: async () => ({ params: { webhook_id: await freshWebhook() } }),
    deleteAccessToken: async () => ({ params: { token_id: (await createAccessToken(t.app, owner, ['read'])).tokenId } }),
    createSuite: { body: { benchmarks: ['mmlu', 'gsm8k'], models: ['mockllm/default'], limit: 1 + (n % 5), tags: ['fuzz'] } },
    listSuites: { query: { per_page: String(1 + (n % 100)) } },
    getSuite: async () => ({ params: { suite_id: await (canceledSuiteId ??= freshSuite(true)) } }),
    streamSuiteEvents: async () => ({ params: { suite_id: await (canceledSuiteId ??= freshSuite(true)) } }),
    retrySuite: async () => ({ params: { suite_id: await freshSuite(true) } }),
    cancelSuite: async () => ({ params: { suite_id: await freshSuite() } }),
    deleteSuite: async () => ({ params: { suite_id: await freshSuite() } }),
    createSchedule: async () => {
      await pruneSchedules();
      return { body: { name: `fuzz ${n}`, cron: `${n % 60} ${n % 24} * * *`, timezone: 'UTC', template: { ...SCHEDULE_TEMPLATE, limit: 1 + (n % 5) }, paused: n % 2 === 0 } };
    },
    listSchedules: { query: { per_page: String(1 + (n % 100)) } },
    getSchedule: async () => ({ params: { schedule_id: await freshSchedule() } }),
    updateSchedule: async () => ({ params: { schedule_id: await freshSchedule() }, body: { name: `renamed ${n}`, cron: `${n % 60} * * * *`, paused: n % 2 === 1 } }),
    deleteSchedule: async () => ({ params: { schedule_id: await freshSchedule() } }),
  };
  const example = examples[operationId];
  if (!example) throw new Error(`no well-formed example for operation ${operationId}: add one to the fuzz test`);
  return typeof example === 'function' ? example() : example;
}
afterAll(async () => {
  await server?.close();
  await t?.close();
});

test(`${REQUESTS} fuzzed requests over every operation: no 5xx, and the service is healthy after (seed ${SEED})`, async () => {
  const random = prng(SEED);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const chance = (p: number) => random() < p;

  const strings = () => [
    '', 'x', 'mmlu', 'gpqa_diamond', 'openai', 'mockllm/default', 'openai/gpt-4o', 'a@example.com', 'securepassword',
    '2026-01-01', '2026-13-45T99:99', randomUUID(), ownRunId, othersRunId, ownRunId.toUpperCase(), 'x'.repeat(5000),
    '😀 ünïcødé \u202e', '../../etc/passwd', '%00', '<script>', ' ', 'null', 'true', '-1', '1e400', 'http://169.254.169.254/',
  ];
  const numbers = [0, 1, -1, 2, 7, 100, 101, 1000, 86401, 1e9, 2 ** 31, 2 ** 53, -(2 ** 53), 2 ** 64, 0.5, -0.5, 1e-300];
  const resolve = (schema: Schema): Schema => (schema.$ref ? resolve(doc.components.schemas[schema.$ref.split('/').pop()!]) : schema);

  function valueFor(raw: Schema, depth = 0): unknown {
    const schema = resolve(raw);
    if (schema.nullable && chance(0.15)) return null;
    if (schema.enum) return pick(schema.enum);
    const union = schema.anyOf ?? schema.oneOf;
    if (union) return valueFor(pick(union), depth);
    if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s) => valueFor(s, depth)));
    switch (schema.type) {
      case 'string':
        return pick(strings());
      case 'integer':
      case 'number':
        return pick(numbers);
      case 'boolean':
        return chance(0.5);
      case 'array':
        return depth > 3 ? [] : Array.from({ length: Math.floor(random() * 4) }, () => valueFor(schema.items ?? {}, depth + 1));
      case 'object':
      default: {
        if (depth > 3 || !schema.properties) return {};
        const out: Record<string, unknown> = {};
        for (const [name, prop] of Object.entries(schema.properties)) {
          if (schema.required?.includes(name) || chance(0.6)) out[name] = valueFor(prop, depth + 1);
        }
        return out;
      }
    }
  }

  /** Anything of another type, or values no schema allows. */
  const junk = (): unknown => pick([null, true, 42, -1e308, 'str', [], [1, [2, [3]]], {}, { nested: { deeper: 'x'.repeat(100) } }, 'x'.repeat(10_000)]);

  /** The body as text: mostly JSON of a schema value, mutated now and then, sometimes not JSON at all. */
  function bodyText(schema: Schema): { text: string; type: string } {
    let value = valueFor(schema);
    if (value && typeof value === 'object' && !Array.isArray(value) && chance(0.5)) {
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj);
      const mutation = Math.floor(random() * 4);
      if (mutation === 0 && keys.length) obj[pick(keys)] = junk();
      else if (mutation === 1) obj[pick(['admin', 'user_id', '__proto__', 'constructor', 'status'])] = junk();
      else if (mutation === 2 && keys.length) delete obj[pick(keys)];
      else value = junk();
    }
    let text = JSON.stringify(value) ?? 'null';
    if (chance(0.08)) text = text.replace(/(-?\d+(\.\d+)?)(?=[,}\]])/, pick(['1e400', '-1e400', '18446744073709551616', '9007199254740993']));
    if (chance(0.05)) text = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
    const type = chance(0.06) ? pick(['text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16', 'application/xml']) : 'application/json';
    return { text, type };
  }

  function pathValue(param: Parameter): string {
    if (param.name === 'run_id') return encodeURIComponent(pick([ownRunId, othersRunId, randomUUID(), 'not-a-uuid', ownRunId.toUpperCase(), 'x'.repeat(300), '..', 'ünï']));
    if (param.name === 'dataset_id') return encodeURIComponent(pick([datasetId, randomUUID(), 'not-a-uuid', datasetId.toUpperCase(), 'x'.repeat(300)]));
    if (param.name === 'path') return pick(['config.json', 'summary.json', 'run.log', 'samples.jsonl', 'results.csv', 'logs/x.eval', '..%2F..%2Fetc%2Fpasswd', 'nope', '%2e%2e']);
    return encodeURIComponent(String(valueFor(param.schema ?? { type: 'string' })));
  }

  /**
   * A well-formed body with one field redrawn from its schema half the time, so a value checked late (after the
   * benchmark and model are found valid) is reached with out-of-range numbers too.
   */
  function nearValid(body: unknown, schema: Schema | undefined): unknown {
    const props = schema && resolve(schema).properties;
    if (!props || !body || typeof body !== 'object' || Array.isArray(body) || chance(0.5)) return body;
    const name = pick(Object.keys(props));
    return { ...(body as Record<string, unknown>), [name]: chance(0.8) ? valueFor(props[name]) : junk() };
  }

  const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));
  expect(operations.length).toBeGreaterThanOrEqual(23);
  const failures: string[] = [];
  const seen = new Map<string, Set<number>>();

  for (let i = 0; i < REQUESTS; i++) {
    const { path, method, op } = operations[i % operations.length];
    const example = chance(0.25) ? await wellFormed(op.operationId, i) : undefined;
    let url = path.replace(/\{([^}]+)\}/g, (_m, name: string) =>
      example?.params?.[name] !== undefined ? encodeURI(example.params[name]) : pathValue(op.parameters!.find((p) => p.name === name)!),
    );
    const query = new URLSearchParams(example?.query);
    const headers: Record<string, string> = {};
    for (const param of example ? [] : (op.parameters ?? [])) {
      if (param.in === 'path' || !chance(0.6)) continue;
      const value = chance(0.85) ? valueFor(param.schema ?? {}) : junk();
      if (param.in === 'query') query.append(param.name, typeof value === 'string' ? value : JSON.stringify(value));
      else headers[param.name] = String(typeof value === 'string' ? value : JSON.stringify(value)).replace(/[^\x20-\x7e]/g, '?').slice(0, 200);
    }
    if (query.size > 0) url += `?${query}`;
    const auth = example ? (example.as ?? 'owner') : pick(['owner', 'owner', 'owner-token', 'other', 'anonymous', 'forged', 'forged-token']);
    if (auth === 'owner') headers.Authorization = `Bearer ${owner.token}`;
    if (auth === 'owner-token') headers.Authorization = `Bearer ${ownerToken}`;
    if (auth === 'forged-token') headers.Authorization = `Bearer ${ownerToken.slice(0, -4)}AAAA`;
    if (auth === 'other') headers.Authorization = `Bearer ${other.token}`;
    if (auth === 'forged') headers.Authorization = `Bearer ${owner.token.slice(0, -4)}AAAA`;
    let body: string | undefined;
    const schema = op.requestBody?.content['application/json']?.schema;
    if (example?.file) {
      body = example.file.text;
      headers['Content-Type'] = example.file.type;
    } else if (example?.body !== undefined) {
      body = JSON.stringify(nearValid(example.body, schema));
      headers['Content-Type'] = 'application/json';
    } else if (op.requestBody?.content['text/csv']) {
      // An uploaded file: CSV or JSON Lines, well-formed or not, as any of the types.
      body = pick([DATASET_CSV, 'q,answer\n"unterminated,1\n', '{"q": "x", "answer": 1}\n[1]\nnot json\n', '\uFEFF', 'q\n' + 'x,'.repeat(5000), JSON.stringify(junk())]);
      headers['Content-Type'] = pick(['text/csv', 'application/x-ndjson', 'text/csv; charset=utf-16', 'application/json', 'text/plain']);
    } else if (schema) {
      const b = bodyText(schema);
      body = b.text;
      headers['Content-Type'] = b.type;
    }

    const res = await fetch(`${server.url}/api${url}`, { method: method.toUpperCase(), headers, body, signal: AbortSignal.timeout(15_000) });
    // An event stream of a run that has not finished stays open: its status line is the answer.
    if (res.headers.get('content-type')?.startsWith('text/event-stream')) await res.body?.cancel();
    else await res.arrayBuffer();
    (seen.get(op.operationId) ?? seen.set(op.operationId, new Set()).get(op.operationId)!).add(res.status);
    const allowed = res.status < 500 || (res.status === 502 && op.operationId === 'listAvailableModels');
    if (!allowed && failures.length < 20) failures.push(`${method.toUpperCase()} /api${url.slice(0, 200)} (${auth}) → ${res.status}${body ? ` body ${body.slice(0, 200)}` : ''}`);
  }

  expect({ seed: SEED, failures }).toEqual({ seed: SEED, failures: [] });
  // Every operation was reached, and not only refused: each answered some request with a 2xx.
  expect([...seen.keys()].sort()).toEqual(operations.map((o) => o.op.operationId).sort());
  const neverOk = [...seen].filter(([, codes]) => ![...codes].some((c) => c >= 200 && c < 300)).map(([id]) => id);
  expect(neverOk).toEqual([]);
  const health = await fetch(`${server.url}/api/health`);
  expect(health.status).toBe(200);
  expect((await request(t.app).get('/api/runs').set('Authorization', `Bearer ${owner.token}`)).status).toBe(200);
}, 300_000);

test('every field of every well-formed body, replaced in turn by each edge value, answers without a 5xx', async () => {
  const edges: unknown[] = [
    null, true, '', ' ', 'x'.repeat(10_000), '😀', [], {}, [null], { a: 1 }, 0, -1, 0.5, 1e-300, 2 ** 31, 2 ** 53, -(2 ** 53), 2 ** 64, 1e308,
  ];
  // JSON.stringify cannot write these; they go into the text as literals.
  const literals = ['1e400', '-1e400', '18446744073709551616', '9007199254740993', '-0', '1E2'];
  const failures: string[] = [];
  let sent = 0;
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const example = await wellFormed(op.operationId, 0);
      if (!example.body || typeof example.body !== 'object' || Array.isArray(example.body)) continue;
      const schema = op.requestBody?.content['application/json']?.schema;
      const props = schema && (schema.$ref ? doc.components.schemas[schema.$ref.split('/').pop()!] : schema).properties;
      for (const name of Object.keys(props ?? {})) {
        const bodies = [
          ...edges.map((value) => JSON.stringify({ ...(example.body as object), [name]: value })),
          ...literals.map((literal) => JSON.stringify({ ...(example.body as object), [name]: 0 }).replace(`"${name}":0`, `"${name}":${literal}`)),
        ];
        for (const body of bodies) {
          const fresh = await wellFormed(op.operationId, sent++);
          const url = path.replace(/\{([^}]+)\}/g, (_m, param: string) => encodeURI(fresh.params?.[param] ?? ''));
          const headers: Record<string, string> = { 'Content-Type': 'application/json' };
          if ((fresh.as ?? 'owner') === 'owner') headers.Authorization = `Bearer ${owner.token}`;
          const res = await fetch(`${server.url}/api${url}`, { method: method.toUpperCase(), headers, body });
          await res.arrayBuffer();
          if (res.status >= 500 && failures.length < 20) failures.push(`${method.toUpperCase()} /api${url} ${body.slice(0, 160)} → ${res.status}`);
        }
      }
    }
  }
  expect(sent).toBeGreaterThan(100);
  expect(failures).toEqual([]);
}, 300_000);
