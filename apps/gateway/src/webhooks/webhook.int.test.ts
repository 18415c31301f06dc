import request from 'supertest';
import { QueueName } from '@studio/contracts';
import { decryptApiKey, webhookSecretOwner } from '@studio/db';
import { createTestApp, testEnv, type TestApp } from '../../test/test-app';
import { registerUser, saveKey, type TestUser } from '../../test/test-user.helper';

let t: TestApp;
let user: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  user = await registerUser(t.app, 'webhooks');
});
afterAll(async () => {
  await t.close();
});

const auth = () => ({ Authorization: `Bearer ${user.token}` });

test('the secret is shown once and stored encrypted; list, pause and delete', async () => {
  const created = await request(t.app).post('/api/webhooks').set(auth()).send({ url: 'http://127.0.0.1:9/hook', events: ['run.failed', 'run.completed', 'run.failed'] });
  expect(created.status).toBe(200);
  expect(created.body).toMatchObject({ url: 'http://127.0.0.1:9/hook', events: ['run.completed', 'run.failed'], active: true, secret: expect.stringMatching(/^whsec_[A-Za-z0-9_-]{43}$/) });
  const id = created.body.webhook_id;
  const row = await t.deps.db.selectFrom('webhooks').selectAll().where('webhook_id', '=', id).executeTakeFirstOrThrow();
  expect(row.encrypted_secret).not.toContain(created.body.secret);
  expect(decryptApiKey(row.encrypted_secret, t.config.encryption, webhookSecretOwner(row))).toBe(created.body.secret);

  const list = await request(t.app).get('/api/webhooks').set(auth());
  expect(JSON.stringify(list.body)).not.toContain(created.body.secret);
  const { secret: _secret, ...listed } = created.body;
  expect(list.body).toEqual([listed]);

  const paused = await request(t.app).patch(`/api/webhooks/${id}`).set(auth()).send({ active: false });
  expect(paused.body).toMatchObject({ active: false, events: ['run.completed', 'run.failed'] });
  expect((await request(t.app).get(`/api/webhooks/${id}/deliveries`).set(auth())).body).toEqual([]);
  await request(t.app).delete(`/api/webhooks/${id}`).set(auth()).expect(200, { status: 'deleted' });
  expect((await request(t.app).get(`/api/webhooks/${id}/deliveries`).set(auth())).status).toBe(404);
});

test.each([
  [{ url: 'http://169.254.169.254/latest', events: ['run.completed'] }, 'url'],
  [{ url: 'ftp://example.com/x', events: ['run.completed'] }, 'url'],
  [{ url: 'http://127.0.0.1:9/x', events: [] }, 'events'],
  [{ url: 'http://127.0.0.1:9/x', events: ['run.started'] }, 'events'],
])('invalid body %j is 422 naming %s', async (body, field) => {
  const res = await request(t.app).post('/api/webhooks').set(auth()).send(body);
  expect(res.status).toBe(422);
  expect(JSON.stringify(res.body.fields)).toContain(field);
});

test('with BLOCK_PRIVATE_BASE_URLS on, a private or loopback URL is refused (422) at creation', async () => {
  const strict = await createTestApp(testEnv({ BLOCK_PRIVATE_BASE_URLS: 'true' }));
  try {
    const someone = await registerUser(strict.app, 'strict');
    for (const url of ['http://10.0.0.5/hook', 'http://127.0.0.1:8080/hook', 'http://localhost/hook']) {
      const res = await request(strict.app).post('/api/webhooks').set('Authorization', `Bearer ${someone.token}`).send({ url, events: ['run.completed'] });
      expect(res.status).toBe(422);
      expect(res.body.fields).toEqual([{ field: 'url', message: expect.stringMatching(/private|loopback/) }]);
    }
  } finally {
    await strict.close();
  }
});

test('canceling a queued run enqueues the delivery its end recorded', async () => {
  await saveKey(t.app, user, 'openai');
  const hook = await request(t.app).post('/api/webhooks').set(auth()).send({ url: 'http://127.0.0.1:9/hook', events: ['run.canceled'] });
  const run = await request(t.app).post('/api/runs').set(auth()).send({ benchmark: 'mmlu', model: 'openai/gpt-4o-mini' });
  expect((await request(t.app).post(`/api/runs/${run.body.run_id}/cancel`).set(auth())).body.status).toBe('canceled');
  const deliveries = await request(t.app).get(`/api/webhooks/${hook.body.webhook_id}/deliveries`).set(auth());
  expect(deliveries.body).toMatchObject([{ run_id: run.body.run_id, event: 'run.canceled', status: 'pending', attempts: 0, response_code: null }]);
  const job = await t.deps.webhookQueue.getJob(deliveries.body[0].delivery_id);
  expect(job?.queueName).toBe(QueueName.WebhookDeliveries);
  expect(job?.data).toEqual({ delivery_id: deliveries.body[0].delivery_id });
});
