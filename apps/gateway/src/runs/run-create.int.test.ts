import request from 'supertest';
import { findRun } from '@studio/db';
import { hasTask, listBenchmarks } from '@studio/engine';
import { createRedis, createRunQueue, runKeys } from '@studio/runtime';
import { createTestApp, testEnv, type TestApp } from '../../test/test-app';
import { markRunning } from '../../test/run-fixtures';
import { registerUser, saveKey, type TestUser } from '../../test/test-user.helper';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let t: TestApp;
/** Has a key for groq only. */
let user: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  user = await registerUser(t.app, 'create');
  await saveKey(t.app, user, 'groq');
});
afterAll(async () => {
  await t.close();
});

const create = (body: object, as: TestUser | null = user, app = t.app) => {
  const req = request(app).post('/api/runs');
  if (as) req.set('Authorization', `Bearer ${as.token}`);
  return req.send(body);
};

const notRunnable = listBenchmarks({ includeSubtasks: true }).find((b) => !hasTask(b.name))!.name;
const base = { benchmark: 'mmlu', model: 'mockllm/default' };

describe('validation', () => {
  test.each([
    [{ model: 'mockllm/default' }, 'benchmark'],
    [{ ...base, benchmark: 'not-a-benchmark' }, 'benchmark'],
    [{ ...base, benchmark: notRunnable }, 'benchmark'],
    [{ benchmark: 'mmlu' }, 'model'],
    [{ ...base, model: 'gpt-4o' }, 'model'],
    [{ ...base, model: '/gpt-4o' }, 'model'],
    [{ ...base, model: 'openai/ ' }, 'model'],
    [{ ...base, model: 'openai/gpt-4o' }, 'model'],
    [{ ...base, model: 'my-vllm/llama-3' }, 'model'],
    [{ ...base, benchmark: 'simpleqa', model: 'groq/llama-3.1-8b-instant' }, 'grader_model'],
    [{ ...base, benchmark: 'simpleqa', model: 'groq/llama-3.1-8b-instant', grader_model: 'anthropic/claude' }, 'grader_model'],
    [{ ...base, benchmark: 'simpleqa', grader_model: 'no-slash' }, 'grader_model'],
    [{ ...base, grader_model: 'groq/llama-3.1-8b-instant' }, 'grader_model'],
    [{ ...base, limit: 0 }, 'limit'],
    [{ ...base, limit: 1.5 }, 'limit'],
    [{ ...base, temperature: -0.1 }, 'temperature'],
    [{ ...base, temperature: 2.01 }, 'temperature'],
    [{ ...base, top_p: 1.5 }, 'top_p'],
    [{ ...base, max_tokens: 0 }, 'max_tokens'],
    [{ ...base, timeout: 0 }, 'timeout'],
    [{ ...base, timeout: 86_401 }, 'timeout'],
    [{ ...base, timeout: 2_147_484 }, 'timeout'],
    [{ ...base, epochs: 0 }, 'epochs'],
    [{ ...base, epochs: 101 }, 'epochs'],
    [{ ...base, max_connections: 0 }, 'max_connections'],
    [{ ...base, max_connections: 501 }, 'max_connections'],
    [{ ...base, seed: 1.5 }, 'seed'],
    [{ ...base, limit: 2 ** 53 }, 'limit'],
    [{ ...base, limit: 2 ** 64 }, 'limit'],
    [{ ...base, max_tokens: 2 ** 53 }, 'max_tokens'],
    [{ ...base, max_connections: 2 ** 53 }, 'max_connections'],
    [{ ...base, seed: 2 ** 53 }, 'seed'],
    [{ ...base, limit: 'ten' }, 'limit'],
    [{ ...base, priority: 'high' }, 'priority'],
  ])('%j is 422 naming %s', async (body, field) => {
    const res = await create(body);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('VALIDATION_ERROR');
    expect(res.body.fields.map((f: { field: string }) => f.field)).toContain(field);
    expect(res.body.detail).toContain(field);
  });

  test.each([
    ['51 tags', 'tags', { ...base, tags: Array.from({ length: 51 }, (_, i) => `t${i}`) }],
    ['a 65-character tag', 'tags', { ...base, tags: ['x'.repeat(65)] }],
    ['10001 characters of notes', 'notes', { ...base, notes: 'n'.repeat(10_001) }],
  ])('%s is 422 naming %s', async (_label, field, body) => {
    const res = await create(body);
    expect(res.status).toBe(422);
    expect(res.body.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  test('a missing key says which provider and how to add one', async () => {
    const res = await create({ ...base, model: 'openai/gpt-4o' });
    expect(res.body.detail).toBe(
      'model: the model "openai/gpt-4o" needs an API key for provider "openai"; add one with POST /api/api-keys',
    );
    const grader = await create({ ...base, benchmark: 'simpleqa', model: 'groq/llama-3.1-8b-instant' });
    expect(grader.body.detail).toMatch(/grader model "openai\/gpt-4\.1-2025-04-14" of simpleqa needs an API key for provider "openai".*POST \/api\/api-keys/);
  });

  test('a vision benchmark is refused on a provider without image inputs, before its key is looked at', async () => {
    const res = await create({ benchmark: 'mmmu', model: 'cerebras/llama-3.3-70b' });
    expect(res.status).toBe(422);
    expect(res.body.detail).toBe(
      'model: mmmu sends images, and provider "cerebras" does not take image inputs (openbench\'s provider table); choose a model of a provider with supports_vision in GET /api/api-keys/providers',
    );
  });

  test('unknown and not runnable benchmarks are told apart', async () => {
    expect((await create({ ...base, benchmark: 'nope' })).body.detail).toMatch(/unknown benchmark "nope"/);
    expect((await create({ ...base, benchmark: notRunnable })).body.detail).toMatch(/cannot be run by this server/);
  });

  test('nothing is stored or enqueued for a refused run', async () => {
    await create({ ...base, limit: 0 });
    const rows = await t.deps.db.selectFrom('runs').select('run_id').where('user_id', '=', user.userId).execute();
    expect(rows).toEqual([]);
    expect(await t.deps.runQueue.getJobCounts('waiting')).toEqual({ waiting: 0 });
  });

  test('without a token it is 401', async () => {
    const res = await create(base, null);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('AUTH_REQUIRED');
  });
});

describe('creating a run', () => {
  test('stores a queued run with its full config and enqueues a job whose id is the run id', async () => {
    const res = await create({
      benchmark: 'mmlu',
      model: 'mockllm/default',
      limit: 5,
      temperature: 0,
      epochs: 2,
      seed: 7,
      tags: [' Nightly ', 'nightly', 'A'],
      notes: '  first try  ',
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ run_id: expect.stringMatching(UUID_V4) });
    const runId = res.body.run_id as string;

    const row = (await findRun(t.deps.db, runId))!;
    expect(row).toMatchObject({
      user_id: user.userId,
      benchmark: 'mmlu',
      model: 'mockllm/default',
      status: 'queued',
      tags: ['a', 'nightly'],
      notes: 'first try',
      eval_id: expect.stringMatching(/^[2-9A-HJ-NP-Za-km-z]{22}$/),
      task_id: expect.stringMatching(/^[2-9A-HJ-NP-Za-km-z]{22}$/),
    });
    expect(row.config).toEqual({
      schema_version: 1,
      benchmark: 'mmlu',
      model: 'mockllm/default',
      limit: 5,
      temperature: 0,
      top_p: null,
      max_tokens: null,
      timeout: null,
      epochs: 2,
      max_connections: null,
      seed: 7,
      grader_model: null,
    });

    const job = (await t.deps.runQueue.getJob(runId))!;
    expect(job.id).toBe(runId);
    // What a queue dashboard shows: the run's id, benchmark, model and owner, and nothing else (never a key).
    expect(job.data).toEqual({ run_id: runId, benchmark: row.benchmark, model: row.model, user_id: row.user_id });
    expect(job.name).toBe(`${row.benchmark} · ${row.model}`);
    expect(await job.getState()).toBe('waiting');

    const events = await t.deps.runProtocol.readEvents(runId, null);
    expect(events.map((e) => [e.event, JSON.parse(e.data).status])).toEqual([['status', 'queued']]);
  });

  test('queued is published before the job exists, so a worker taking it at once publishes running after it', async () => {
    const queue = t.deps.runQueue;
    const add = queue.add;
    let atEnqueue: string[] | undefined;
    queue.add = async (...args: Parameters<typeof add>) => {
      atEnqueue = (await t.deps.runProtocol.readEvents(args[2]!.jobId!, null)).map((e) => JSON.parse(e.data).status);
      return add.apply(queue, args);
    };
    try {
      expect((await create(base)).status).toBe(200);
    } finally {
      queue.add = add;
    }
    expect(atEnqueue).toEqual(['queued']);
  });

  test('the benchmark is stored under its catalog name and the model id trimmed', async () => {
    const res = await create({ benchmark: 'mmlu_pro', model: ' mockllm / default ' });
    expect(res.status).toBe(200);
    const row = (await findRun(t.deps.db, res.body.run_id))!;
    expect([row.benchmark, row.model]).toEqual(['mmlu-pro', 'mockllm/default']);
  });

  test('explicit nulls are accepted for every option', async () => {
    const nulls = {
      limit: null, temperature: null, top_p: null, max_tokens: null, timeout: null, epochs: null, max_connections: null, seed: null,
      grader_model: null, notes: null, epochs_reducer: null, reasoning_effort: null, task_args: null,
    };
    expect((await create({ ...base, ...nulls })).status).toBe(200);
  });

  test('a vision benchmark runs on a provider that takes images: groq (the user has its key) and the mock', async () => {
    expect((await create({ benchmark: 'mmmu_art', model: 'groq/meta-llama/llama-4-scout-17b-16e-instruct' })).status).toBe(200);
    expect((await create({ benchmark: 'mmmu', model: 'mockllm/default' })).status).toBe(200);
  });

  test('providers that need no key (local servers, mockllm) need no stored key', async () => {
    expect((await create({ ...base, model: 'ollama/llama3' })).status).toBe(200);
    expect((await create({ ...base, model: 'vllm/qwen' })).status).toBe(200);
  });

  test('a model-graded benchmark needs a key for its grader too; a grader override is stored', async () => {
    const other = await registerUser(t.app, 'grader');
    await saveKey(t.app, other, 'groq');
    const body = { benchmark: 'simpleqa', model: 'groq/llama-3.1-8b-instant' };
    expect((await create(body, other)).status).toBe(422);
    const overridden = await create({ ...body, grader_model: 'groq/llama-3.3-70b-versatile' }, other);
    expect(overridden.status).toBe(200);
    expect((await findRun(t.deps.db, overridden.body.run_id))!.config).toMatchObject({ grader_model: 'groq/llama-3.3-70b-versatile' });
    await saveKey(t.app, other, 'openai');
    expect((await create(body, other)).status).toBe(200);
  });

  test('epoch reducers and reasoning effort are stored as given, pass_hat_k expanded, and shown in the bench command', async () => {
    const res = await create({ ...base, epochs: 4, epochs_reducer: ['mean', 'pass_at_2', 'pass_hat_2'], reasoning_effort: 'high' });
    expect(res.status).toBe(200);
    expect((await findRun(t.deps.db, res.body.run_id))!.config).toMatchObject({
      epochs_reducer: ['mean', 'pass_at_2', 'pass_hat_1', 'pass_hat_2'],
      reasoning_effort: 'high',
    });
    const detail = await request(t.app).get(`/api/runs/${res.body.run_id}`);
    expect(detail.body.config).toMatchObject({ epochs_reducer: ['mean', 'pass_at_2', 'pass_hat_1', 'pass_hat_2'], reasoning_effort: 'high' });
    expect(detail.body.command).toBe(
      'bench eval mmlu --model mockllm/default --epochs 4 --epochs-reducer mean,pass_at_2,pass_hat_1,pass_hat_2 --reasoning-effort high',
    );
  });

  test.each([
    [{ epochs_reducer: ['average'] }, "epochs_reducer: unknown epoch reducer 'average'"],
    [{ epochs_reducer: [] }, 'epochs_reducer'],
    [{ reasoning_effort: 'extreme' }, 'reasoning_effort'],
  ])('%j is 422 naming the field', async (extra, detail) => {
    const res = await create({ ...base, ...extra });
    expect(res.status).toBe(422);
    expect(res.body.detail).toContain(detail);
  });

  test('timeout may go up to a day', async () => {
    const res = await create({ ...base, timeout: 86_400 });
    expect(res.status).toBe(200);
    expect((await findRun(t.deps.db, res.body.run_id))!.config).toMatchObject({ timeout: 86_400 });
  });

  test('max_connections may go up to MAX_CONNECTIONS_LIMIT', async () => {
    expect((await create({ ...base, max_connections: 500 })).status).toBe(200);
    const small = await createTestApp(testEnv({ MAX_CONNECTIONS_LIMIT: '20' }));
    try {
      const owner = await registerUser(small.app, 'maxconn');
      const res = await create({ ...base, max_connections: 21 }, owner, small.app);
      expect(res.status).toBe(422);
      expect(res.body.detail).toBe('max_connections: must be at most 20');
    } finally {
      await small.close();
    }
  });
});

describe('task arguments (openbench -T)', () => {
  test.each([
    [{ benchmark: 'gsm8k', task_args: { splt: 'train' } }, 'task_args.splt', 'gsm8k does not accept task argument(s) splt; it accepts split'],
    [{ ...base, task_args: { split: 'dev' } }, 'task_args.split', 'mmlu does not accept task argument(s) split; it accepts none'],
    [{ benchmark: 'drop', task_args: { num_examples: 'two' } }, 'task_args.num_examples', 'drop: task argument num_examples must be a non-negative integer, got "two"'],
    [{ benchmark: 'healthbench', task_args: { subset: 'easy' } }, 'task_args.subset', 'Invalid subset: easy'],
    [{ benchmark: 'jsonschemabench', task_args: { compatibility: 'anthropic' } }, 'task_args.compatibility', 'Unsupported compatibility mode: anthropic. Available modes: default, openai'],
  ])('%j is 422 naming %s, as the task refuses it', async (body, field, message) => {
    const res = await create({ model: 'mockllm/default', ...body });
    expect(res.status).toBe(422);
    expect(res.body).toEqual({ code: 'VALIDATION_ERROR', detail: `${field}: ${message}`, fields: [{ field, message }] });
  });

  test.each([
    [{ split: 1 }, 'task_args.split', 'must be a string, got a number'],
    [{ split: 'test', subset: true }, 'task_args.subset', 'must be a string, got a boolean'],
    [{ split: null }, 'task_args.split', 'must be a string, got null'],
    [{ split: ['test'] }, 'task_args.split', 'must be a string, got an array'],
  ])('%j is refused by the wire check, naming the argument', async (task_args, field, message) => {
    const res = await create({ benchmark: 'gsm8k', model: 'mockllm/default', task_args });
    expect(res.status).toBe(422);
    expect(res.body).toEqual({ code: 'VALIDATION_ERROR', detail: `Invalid request: ${field}: ${message}`, fields: [{ field, message }] });
  });

  test('task_args that is not an object is refused at task_args', async () => {
    const res = await create({ benchmark: 'gsm8k', model: 'mockllm/default', task_args: 'split=train' });
    expect(res.body).toEqual({ code: 'VALIDATION_ERROR', detail: 'Invalid request: task_args: invalid object', fields: [{ field: 'task_args', message: 'invalid object' }] });
  });

  test('accepted ones are stored in the config, shown in the run detail and in the bench command', async () => {
    const res = await create({ benchmark: 'drop', model: 'mockllm/default', limit: 2, task_args: { train_samples_per_prompt: '1' } });
    expect(res.status).toBe(200);
    expect((await findRun(t.deps.db, res.body.run_id))!.config).toMatchObject({ benchmark: 'drop', task_args: { train_samples_per_prompt: '1' } });
    const detail = await request(t.app).get(`/api/runs/${res.body.run_id}`);
    expect(detail.body.config.task_args).toEqual({ train_samples_per_prompt: '1' });
    expect(detail.body.command).toBe('bench eval drop --model mockllm/default --limit 2 -T train_samples_per_prompt=1');
  });

  test('a run without them shows none', async () => {
    const res = await create({ ...base, task_args: {} });
    const detail = await request(t.app).get(`/api/runs/${res.body.run_id}`);
    expect(detail.body.config).not.toHaveProperty('task_args');
    expect(detail.body.command).toBe('bench eval mmlu --model mockllm/default');
  });
});

describe('no run without a job', () => {
  test('when the queue connection is gone the run is deleted again and the answer is 503', async () => {
    const broken = await createTestApp();
    try {
      const owner = await registerUser(broken.app, 'noqueue');
      broken.deps.queueRedis.disconnect();
      const res = await create(base, owner, broken.app);
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('SERVICE_UNAVAILABLE');
      const rows = await broken.deps.db.selectFrom('runs').select('run_id').execute();
      expect(rows).toEqual([]);
      expect(await broken.deps.redis.keys(runKeys.stream(broken.config.redisPrefix, '*'))).toEqual([]);
    } finally {
      await broken.close();
    }
  });

  test('when Redis behind the queue does not answer, the request gives up after RUN_QUEUE_TIMEOUT_MS', async () => {
    const slow = await createTestApp(testEnv({ RUN_QUEUE_TIMEOUT_MS: '300' }));
    const deadRedis = createRedis('redis://127.0.0.1:1', { lazyConnect: true });
    deadRedis.on('error', () => undefined);
    const deadQueue = createRunQueue(deadRedis, slow.config.redisPrefix);
    deadQueue.on('error', () => undefined);
    const liveQueue = slow.deps.runQueue;
    slow.deps.runQueue = deadQueue;
    try {
      const owner = await registerUser(slow.app, 'deadqueue');
      const started = Date.now();
      const res = await create(base, owner, slow.app);
      expect(res.status).toBe(503);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(await slow.deps.db.selectFrom('runs').select('run_id').execute()).toEqual([]);
    } finally {
      slow.deps.runQueue = liveQueue;
      deadRedis.disconnect();
      await deadQueue.close().catch(() => undefined);
      // ioredis keeps a 2 s socket-destroy timer after disconnecting from an unreachable server.
      await new Promise((r) => setTimeout(r, 2100));
      await slow.close();
    }
  });

  test('an enqueue that lands after the timeout, with a worker starting the run, keeps the run and answers its id', async () => {
    const late = await createTestApp(testEnv({ RUN_QUEUE_TIMEOUT_MS: '300' }));
    const queue = late.deps.runQueue;
    const add = queue.add;
    // The job lands, a worker claims the run, and only then, after the gateway gave up waiting, does Redis answer.
    queue.add = async (...args: Parameters<typeof add>) => {
      const job = await add.apply(queue, args);
      await markRunning(late.deps.db, args[2]!.jobId!, 10);
      await new Promise((r) => setTimeout(r, 600));
      return job;
    };
    try {
      const owner = await registerUser(late.app, 'latequeue');
      const res = await create(base, owner, late.app);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ run_id: expect.stringMatching(UUID_V4) });
      expect((await findRun(late.deps.db, res.body.run_id))!.status).toBe('running');
      expect(await queue.getJob(res.body.run_id)).toBeDefined();
    } finally {
      queue.add = add;
      await late.close();
    }
  });

  test('an enqueue that lands after the timeout while the run is still queued is undone: the run is deleted', async () => {
    const late = await createTestApp(testEnv({ RUN_QUEUE_TIMEOUT_MS: '300' }));
    const queue = late.deps.runQueue;
    const add = queue.add;
    let settled: Promise<unknown> = Promise.resolve();
    queue.add = (...args: Parameters<typeof add>) => {
      const landing = add.apply(queue, args).then(async (job) => {
        await new Promise((r) => setTimeout(r, 600));
        return job;
      });
      settled = landing;
      return landing;
    };
    try {
      const owner = await registerUser(late.app, 'latequeued');
      const res = await create(base, owner, late.app);
      expect(res.status).toBe(503);
      expect(await late.deps.db.selectFrom('runs').select('run_id').execute()).toEqual([]);
      await settled;
    } finally {
      queue.add = add;
      await late.close();
    }
  });
});

test('run creation is rate limited per user', async () => {
  const limited = await createTestApp(testEnv({ RATE_LIMIT_RUNS_PER_USER: '2' }));
  try {
    const [a, b] = [await registerUser(limited.app, 'rl-a'), await registerUser(limited.app, 'rl-b')];
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await create(base, a, limited.app)).status);
    expect(statuses).toEqual([200, 200, 429]);
    const res = await create(base, a, limited.app);
    expect(res.body.code).toBe('RATE_LIMITED');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect((await create(base, b, limited.app)).status).toBe(200);
  } finally {
    await limited.close();
  }
});
