import request from 'supertest';
import { createTestApp, testEnv, type TestApp } from '../../test/test-app';
import { registerUser } from '../../test/test-user.helper';

// The gateway never reads the file: FACTSCORE_DB_PATH only says that the workers have one.
let unconfigured: TestApp;
let configured: TestApp;
beforeAll(async () => {
  // One environment (the same JWT secret) with and without the variable, over one database.
  const env = testEnv();
  unconfigured = await createTestApp(env);
  configured = await createTestApp({ ...env, FACTSCORE_DB_PATH: '/srv/factscore/enwiki-20230401.db' }, { database: unconfigured.database });
});
afterAll(async () => {
  await configured.close();
  await unconfigured.close();
});

test('POST /api/runs of factscore is refused with 422 unless FACTSCORE_DB_PATH is configured, then created', async () => {
  const { token } = await registerUser(unconfigured.app, 'factscore-kb');
  const body = { benchmark: 'factscore', model: 'mockllm/default', grader_model: 'mockllm/default', limit: 1 };
  const refused = await request(unconfigured.app).post('/api/runs').set('Authorization', `Bearer ${token}`).send(body);
  expect([refused.status, refused.body.code]).toEqual([422, 'VALIDATION_ERROR']);
  expect(refused.body.fields).toEqual([
    { field: 'benchmark', message: "factscore checks answers against FActScore's Wikipedia knowledge base, which this deployment has not configured (FACTSCORE_DB_PATH)" },
  ]);
  const created = await request(configured.app).post('/api/runs').set('Authorization', `Bearer ${token}`).send(body);
  expect([created.status, created.body.run_id]).toEqual([200, expect.any(String)]);
  // The knowledge base's path is the operator's, never a run's.
  const asArgument = await request(configured.app).post('/api/runs').set('Authorization', `Bearer ${token}`).send({ ...body, task_args: { knowledge_source: '/tmp/x.db' } });
  expect([asArgument.status, asArgument.body.fields?.[0]?.field]).toEqual([422, 'task_args.knowledge_source']);
});
