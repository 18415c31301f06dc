import request from 'supertest';
import { createTestApp, testEnv, type TestApp } from '../../test/test-app';
import { registerUser, type TestUser } from '../../test/test-user.helper';

let t: TestApp;
let user: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  user = await registerUser(t.app, 'schedules');
});
afterAll(async () => {
  await t.close();
});

const auth = (u: TestUser = user) => ({ Authorization: `Bearer ${u.token}` });
const TEMPLATE = { benchmark: 'mmlu', model: 'mockllm/default', limit: 2, tags: ['nightly'] };
const scheduler = (id: string) => t.deps.scheduleQueue.getJobScheduler(id);

test('create, read, change, pause, resume and delete: the BullMQ job scheduler follows the row', async () => {
  const created = await request(t.app).post('/api/schedules').set(auth()).send({ name: ' nightly mmlu ', cron: '0  6 * * *', timezone: 'Europe/Paris', template: TEMPLATE });
  expect(created.status).toBe(200);
  const id = created.body.schedule_id;
  expect(created.body).toMatchObject({
    name: 'nightly mmlu',
    cron: '0 6 * * *',
    timezone: 'Europe/Paris',
    template: TEMPLATE,
    paused: false,
    last_run_id: null,
    last_error: null,
    recent_runs: [],
    recent_ticks: [],
  });
  expect(await scheduler(id)).toMatchObject({ key: id, pattern: '0 6 * * *', tz: 'Europe/Paris' });
  const next = new Date(created.body.next_run_at);
  // 06:00 in Paris is 04:00 or 05:00 UTC, within the next day.
  expect([4, 5]).toContain(next.getUTCHours());
  expect(next.getTime() - Date.now()).toBeLessThanOrEqual(24 * 3600 * 1000);

  const list = await request(t.app).get('/api/schedules').set(auth());
  expect(list.body).toMatchObject({ total: 1, page: 1, has_more: false, schedules: [{ schedule_id: id, next_run_at: created.body.next_run_at }] });
  expect((await request(t.app).get(`/api/schedules/${id}`).set(auth())).body).toEqual(created.body);

  const changed = await request(t.app).patch(`/api/schedules/${id}`).set(auth()).send({ cron: '30 7 * * 1', template: { ...TEMPLATE, limit: 3 } });
  expect(changed.body).toMatchObject({ cron: '30 7 * * 1', timezone: 'Europe/Paris', template: { limit: 3 } });
  expect(await scheduler(id)).toMatchObject({ pattern: '30 7 * * 1' });

  const paused = await request(t.app).patch(`/api/schedules/${id}`).set(auth()).send({ paused: true });
  expect(paused.body).toMatchObject({ paused: true, next_run_at: null });
  expect(await scheduler(id)).toBeUndefined();
  const resumed = await request(t.app).patch(`/api/schedules/${id}`).set(auth()).send({ paused: false });
  expect(resumed.body).toMatchObject({ paused: false, next_run_at: expect.any(String) });
  expect(await scheduler(id)).toMatchObject({ pattern: '30 7 * * 1' });
  // A schedule created paused has no scheduler.
  const asleep = await request(t.app).post('/api/schedules').set(auth()).send({ name: 'later', cron: '0 0 1 * *', template: TEMPLATE, paused: true });
  expect(asleep.body).toMatchObject({ paused: true, timezone: 'UTC', next_run_at: null });
  expect(await scheduler(asleep.body.schedule_id)).toBeUndefined();

  await request(t.app).delete(`/api/schedules/${id}`).set(auth()).expect(200, { status: 'deleted' });
  expect(await scheduler(id)).toBeUndefined();
  expect((await request(t.app).get(`/api/schedules/${id}`).set(auth())).status).toBe(404);
  await request(t.app).delete(`/api/schedules/${asleep.body.schedule_id}`).set(auth()).expect(200);
});

test.each([
  [{ cron: 'every day' }, 'cron', /"every day" is not a cron expression/],
  [{ cron: '61 * * * *' }, 'cron', /is not a cron expression/],
  // Six fields: seconds. Every 10 s is more often than the default SCHEDULE_MIN_INTERVAL_SECONDS of 60.
  [{ cron: '*/10 * * * * *' }, 'cron', /fires every 10 s at times; a schedule may fire at most once every 60 s/],
  [{ cron: '0 0 30 2 *' }, 'cron', /is not a cron expression \(Invalid explicit day of month definition\)/],
  [{ timezone: 'Mars/Olympus' }, 'timezone', /"Mars\/Olympus" is not an IANA time zone/],
])('%j is refused: 422 naming %s', async (change, field, message) => {
  const res = await request(t.app).post('/api/schedules').set(auth()).send({ name: 'x', cron: '0 6 * * *', template: TEMPLATE, ...change });
  expect(res.status).toBe(422);
  expect(res.body.code).toBe('VALIDATION_ERROR');
  expect(res.body.fields).toEqual([{ field, message: expect.stringMatching(message) }]);
});

test.each([
  [{ benchmark: 'no_such_benchmark', model: 'mockllm/default' }],
  [{ benchmark: 'mmlu', model: 'openai/gpt-4o' }],
  [{ benchmark: 'mmlu', model: 'not-a-model-id' }],
  [{ benchmark: 'mmlu', model: 'mockllm/default', grader_model: 'openai/gpt-4o' }],
  [{ benchmark: 'mmlu', model: 'mockllm/default', epochs_reducer: ['no_such_reducer'] }],
  [{ benchmark: 'custom/not-mine', model: 'mockllm/default' }],
  [{ benchmark: 'gsm8k', model: 'mockllm/default', task_args: { splt: 'train' } }],
  [{ benchmark: 'drop', model: 'mockllm/default', task_args: { num_examples: 'all' } }],
  [{ benchmark: 'healthbench', model: 'mockllm/default', task_args: { subset: 'easy' } }],
  [{ benchmark: 'gsm8k', model: 'mockllm/default', task_args: { split: 5 } }],
])('the template %j is refused with the very error POST /api/runs gives, under template.', async (template) => {
  const run = await request(t.app).post('/api/runs').set(auth()).send(template);
  expect(run.status).toBe(422);
  const res = await request(t.app).post('/api/schedules').set(auth()).send({ name: 'x', cron: '0 6 * * *', template });
  expect(res.status).toBe(422);
  expect(res.body.fields).toEqual(run.body.fields.map((f: { field: string; message: string }) => ({ field: `template.${f.field}`, message: f.message })));
  // And PATCH validates a new template the same way.
  const ok = await request(t.app).post('/api/schedules').set(auth()).send({ name: 'x', cron: '0 6 * * *', template: TEMPLATE });
  const patched = await request(t.app).patch(`/api/schedules/${ok.body.schedule_id}`).set(auth()).send({ template });
  expect(patched.body.fields).toEqual(res.body.fields);
  await request(t.app).delete(`/api/schedules/${ok.body.schedule_id}`).set(auth()).expect(200);
});

test('a template with task arguments is kept with them, as a run would store them', async () => {
  const template = { benchmark: 'gsm8k', model: 'mockllm/default', limit: 2, task_args: { split: 'train' } };
  const created = await request(t.app).post('/api/schedules').set(auth()).send({ name: 'train split', cron: '0 6 * * *', template, paused: true });
  expect(created.status).toBe(200);
  expect(created.body.template).toEqual(template);
  const id = created.body.schedule_id;
  expect((await request(t.app).get(`/api/schedules/${id}`).set(auth())).body.template.task_args).toEqual({ split: 'train' });
  await request(t.app).delete(`/api/schedules/${id}`).set(auth()).expect(200);
});

test('the wire checks of a run apply to the template (tsoa), and unknown fields are refused', async () => {
  for (const template of [{ ...TEMPLATE, limit: 0 }, { ...TEMPLATE, temperature: 3 }, { ...TEMPLATE, nope: 1 }, { model: 'mockllm/default' }]) {
    const res = await request(t.app).post('/api/schedules').set(auth()).send({ name: 'x', cron: '0 6 * * *', template });
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body.fields)).toContain('template');
  }
});

test("another user's schedule does not exist for them (404 on every operation), and lists are per user", async () => {
  const created = await request(t.app).post('/api/schedules').set(auth()).send({ name: 'mine', cron: '0 6 * * *', template: TEMPLATE });
  const id = created.body.schedule_id;
  const other = await registerUser(t.app, 'schedules-other');
  for (const res of [
    await request(t.app).get(`/api/schedules/${id}`).set(auth(other)),
    await request(t.app).patch(`/api/schedules/${id}`).set(auth(other)).send({ paused: true }),
    await request(t.app).delete(`/api/schedules/${id}`).set(auth(other)),
    await request(t.app).get('/api/schedules/not-a-uuid').set(auth(other)),
  ])
    expect(res.status).toBe(404);
  expect((await request(t.app).get('/api/schedules').set(auth(other))).body).toMatchObject({ schedules: [], total: 0 });
  expect(await scheduler(id)).toMatchObject({ pattern: '0 6 * * *' });
  await request(t.app).delete(`/api/schedules/${id}`).set(auth()).expect(200);
});

test('SCHEDULE_MIN_INTERVAL_SECONDS sets the shortest gap allowed: 1 accepts a tick every 2 s', async () => {
  const fast = await createTestApp(testEnv({ SCHEDULE_MIN_INTERVAL_SECONDS: '1' }));
  try {
    const someone = await registerUser(fast.app, 'schedules-fast');
    const res = await request(fast.app).post('/api/schedules').set(auth(someone)).send({ name: 'fast', cron: '*/2 * * * * *', template: TEMPLATE });
    expect(res.status).toBe(200);
    expect(new Date(res.body.next_run_at).getTime() - Date.now()).toBeLessThanOrEqual(2000);
    await request(fast.app).delete(`/api/schedules/${res.body.schedule_id}`).set(auth(someone)).expect(200);
  } finally {
    await fast.close();
  }
});
