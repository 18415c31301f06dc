/**
 * `GET /api/benchmark-groups` and creating a group suite (what is refused, and what a group suite is made of). Running a
 * group end to end with its summary: e2e/eval-groups.int.test.ts.
 */
import request from 'supertest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { registerUser } from '../../test/test-user.helper';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

test("lists openbench's 29 groups in its order, each member marked runnable or with its reason", async () => {
  const res = await request(t.app).get('/api/benchmark-groups');
  expect(res.status).toBe(200);
  expect(res.headers['cache-control']).toBe('public, max-age=300');
  expect(res.body).toHaveLength(29);
  expect(res.body.slice(0, 3).map((g: { name: string }) => g.name)).toEqual(['bigbench', 'bbh', 'agieval']);
  const anli = res.body.find((g: { name: string }) => g.name === 'anli');
  expect(anli).toEqual({
    name: 'anli',
    display_name: 'ANLI',
    description: 'Aggregate of 3 ANLI rounds',
    members: ['anli_r1', 'anli_r2', 'anli_r3'].map((name, i) => ({ name, display_name: `ANLI Round ${i + 1}`, runnable: true })),
    runnable: true,
    runnable_members: 3,
  });
  const runnable = await request(t.app).get('/api/benchmark-groups?runnable_only=true');
  expect(runnable.body.map((g: { name: string }) => g.name)).toEqual([
    'bigbench', 'bbh', 'agieval', 'ethics', 'blimp', 'glue', 'global_mmlu', 'xcopa', 'xstorycloze', 'xwinograd', 'mgsm', 'arabic_exams', 'anli', 'healthbench', 'openai_mrcr', 'matharena', 'qa4mre', 'otis_mock_aime', 'smt', 'bbl', 'math_group_22_10_2025', 'mmmlu', 'superglue', 'polyglotoxicity', 'bbq', 'jailbreak', 'multimodal',
  ]);
});

test('one group under either spelling; an unknown one is 404', async () => {
  const byHyphen = await request(t.app).get('/api/benchmark-groups/math-group-22-10-2025');
  expect(byHyphen.status).toBe(200);
  expect(byHyphen.body).toMatchObject({ name: 'math_group_22_10_2025', display_name: 'Mathematics - 22 Oct 2025', runnable: true, runnable_members: 11 });
  expect(byHyphen.body.reason).toBeUndefined();
  const missing = await request(t.app).get('/api/benchmark-groups/mmlu');
  expect(missing.status).toBe(404);
  expect(missing.body.code).toBe('RESOURCE_NOT_FOUND');
});

test('a group suite runs every member on every model, tagged with its group; a group that cannot run is refused per member', async () => {
  const owner = await registerUser(t.app, 'group-suite');
  const post = (body: object) => request(t.app).post('/api/suites').set('Authorization', `Bearer ${owner.token}`).send(body);

  const created = await post({ group: 'ANLI'.toLowerCase(), models: ['mockllm/default'], limit: 1 });
  expect(created.status).toBe(200);
  expect(created.body.run_ids).toHaveLength(3);
  const suite = (await request(t.app).get(`/api/suites/${created.body.suite_id}`).set('Authorization', `Bearer ${owner.token}`)).body;
  expect(suite).toMatchObject({ group: 'anli', benchmarks: ['anli_r1', 'anli_r2', 'anli_r3'], models: ['mockllm/default'], status: 'running' });
  expect(suite.matrix[0].group_summary).toBeNull();
  const runs = await t.deps.db.selectFrom('runs').select(['benchmark', 'tags']).where('suite_id', '=', created.body.suite_id).execute();
  expect(runs.map((r) => [...r.tags].sort())).toEqual(runs.map(() => ['group:anli', `suite:${created.body.suite_id}`]));

  const refused = await post({ group: 'cti_bench', models: ['mockllm/default'] });
  expect(refused.status).toBe(422);
  expect(refused.body.code).toBe('VALIDATION_ERROR');
  expect(refused.body.detail).toMatch(/^The eval group cti_bench cannot run: 4 of 4 members cannot run here/);
  expect(refused.body.fields.map((f: { field: string }) => f.field)).toEqual(['cti_bench_ate', 'cti_bench_mcq', 'cti_bench_rcm', 'cti_bench_vsp'].map((m) => `group.members[${m}]`));
  expect(refused.body.fields.every((f: { message: string }) => f.message.length > 0)).toBe(true);

  for (const [body, field] of [
    [{ group: 'no_such_group', models: ['mockllm/default'] }, 'group'],
    [{ group: 'anli', benchmarks: ['mmlu'], models: ['mockllm/default'] }, 'group'],
    [{ models: ['mockllm/default'] }, 'benchmarks'],
    [{ group: 'global_mmlu', models: Array.from({ length: 10 }, (_, i) => `mockllm/m${i}`) }, 'models'],
  ] as const) {
    const res = await post(body);
    expect(res.status).toBe(422);
    expect(res.body.fields.map((f: { field: string }) => f.field)).toEqual([field]);
  }
});
