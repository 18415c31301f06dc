/**
 * Creating a suite is all or nothing: its runs and their jobs land together, and a queue that cannot take the jobs
 * leaves no suite, no run and no event stream behind.
 */
import request from 'supertest';
import { runKeys } from '@studio/runtime';
import { createTestApp, type TestApp } from '../../test/test-app';
import { registerUser } from '../../test/test-user.helper';

const body = { benchmarks: ['mmlu', 'gsm8k'], models: ['mockllm/default', 'mockllm/other'], limit: 2 };

test('every run of a suite gets its queue job (id = run id) and the suite tag', async () => {
  const t = await createTestApp();
  try {
    const owner = await registerUser(t.app, 'suite-jobs');
    const res = await request(t.app).post('/api/suites').set('Authorization', `Bearer ${owner.token}`).send(body);
    expect(res.status).toBe(200);
    expect(res.body.run_ids).toHaveLength(4);
    const jobs = await Promise.all(res.body.run_ids.map((id: string) => t.deps.runQueue.getJob(id)));
    expect(jobs.map((j) => j?.id)).toEqual(res.body.run_ids);
    const runs = await t.deps.db.selectFrom('runs').select(['run_id', 'suite_id', 'tags', 'model', 'benchmark']).orderBy('created_at').execute();
    expect(runs.every((r) => r.suite_id === res.body.suite_id && r.tags.includes(`suite:${res.body.suite_id}`))).toBe(true);
    expect(new Set(runs.map((r) => `${r.model} ${r.benchmark}`)).size).toBe(4);
    // A user's removal takes their suites with their runs (the runs' reference to the suite does not block it).
    await t.deps.db.deleteFrom('users').where('user_id', '=', owner.userId).execute();
    expect(await t.deps.db.selectFrom('suites').select('suite_id').execute()).toEqual([]);
    expect(await t.deps.db.selectFrom('runs').select('run_id').execute()).toEqual([]);
  } finally {
    await t.close();
  }
});

test('when the queue connection is gone nothing of the suite is kept and the answer is 503', async () => {
  const broken: TestApp = await createTestApp();
  try {
    const owner = await registerUser(broken.app, 'suite-noqueue');
    broken.deps.queueRedis.disconnect();
    const res = await request(broken.app).post('/api/suites').set('Authorization', `Bearer ${owner.token}`).send(body);
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('SERVICE_UNAVAILABLE');
    expect(await broken.deps.db.selectFrom('runs').select('run_id').execute()).toEqual([]);
    expect(await broken.deps.db.selectFrom('suites').select('suite_id').execute()).toEqual([]);
    expect(await broken.deps.redis.keys(runKeys.stream(broken.config.redisPrefix, '*'))).toEqual([]);
  } finally {
    await broken.close();
  }
});

test('task arguments apply to every run of a suite, and each benchmark checks them as POST /api/runs does', async () => {
  const t = await createTestApp();
  try {
    const owner = await registerUser(t.app, 'suite-task-args');
    const post = (suite: object) => request(t.app).post('/api/suites').set('Authorization', `Bearer ${owner.token}`).send(suite);
    // mmlu takes no split, so every pair with mmlu is refused (and nothing is created); gsm8k's pairs pass.
    const refused = await post({ ...body, task_args: { split: 'train' } });
    expect(refused.status).toBe(422);
    expect(refused.body.fields).toEqual(
      ['mockllm/default', 'mockllm/other'].map((model) => ({
        field: `pairs[${model} × mmlu].task_args.split`,
        message: 'mmlu does not accept task argument(s) split; it accepts none',
      })),
    );
    expect(await t.deps.db.selectFrom('runs').select('run_id').execute()).toEqual([]);
    // A value that is not a string is refused by the wire check, named as for POST /api/runs.
    const notText = await post({ ...body, task_args: { split: 5 } });
    expect(notText.body).toEqual({
      code: 'VALIDATION_ERROR',
      detail: 'Invalid request: task_args.split: must be a string, got a number',
      fields: [{ field: 'task_args.split', message: 'must be a string, got a number' }],
    });

    const created = await post({ benchmarks: ['gsm8k', 'gsm_plus'], models: ['mockllm/default'], limit: 2, task_args: { split: 'test' } });
    expect(created.status).toBe(200);
    const configs = await t.deps.db.selectFrom('runs').select(['benchmark', 'config']).where('suite_id', '=', created.body.suite_id).execute();
    expect(configs.map((r) => [r.benchmark, (r.config as { task_args?: unknown }).task_args])).toEqual(
      expect.arrayContaining([
        ['gsm8k', { split: 'test' }],
        ['gsm_plus', { split: 'test' }],
      ]),
    );
  } finally {
    await t.close();
  }
});
