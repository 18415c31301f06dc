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
