import request from 'supertest';
import { runnableTaskNames } from '@studio/engine';
import { createTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

test('lists at least the 98 top-level openbench benchmarks, featured first, with runnable flags', async () => {
  const res = await request(t.app).get('/api/benchmarks');
  expect(res.status).toBe(200);
  expect(res.headers['cache-control']).toBe('public, max-age=300');
  const top = res.body.filter((b: { subtask: boolean; alpha: boolean }) => !b.subtask && !b.alpha);
  expect(top.length).toBeGreaterThanOrEqual(98);
  const featured = res.body.map((b: { featured: boolean }) => b.featured);
  expect(featured.indexOf(false)).toBeGreaterThan(0);
  expect(featured.slice(featured.indexOf(false))).not.toContain(true);
  const mmlu = res.body.find((b: { name: string }) => b.name === 'mmlu');
  expect(mmlu).toMatchObject({ category: 'core', sample_count: 14042, requirements: { vision: false } });
  const runnableNames = new Set(runnableTaskNames());
  for (const b of res.body) expect(b.runnable).toBe(runnableNames.has(b.name));
  // Every entry the engine cannot run says why; a runnable one has no reason.
  for (const b of res.body) expect(typeof b.reason === 'string' && b.reason.length > 0).toBe(!b.runnable);
  expect(res.body.find((b: { name: string }) => b.name === 'cybench').reason).toBe(
    'Needs Docker containers and tool calling (capture-the-flag agent)',
  );
});

/**
 * Written out by hand (the README's benchmark table), not read from the engine, so a benchmark that silently stops
 * being runnable, or one listed runnable without a task, fails here. Update it when a benchmark is added.
 */
const RUNNABLE = [
  'aime_2025', 'arc_challenge', 'arc_easy', 'boolq', 'drop', 'gpqa_diamond', 'gsm8k', 'hellaswag', 'math', 'math_500', 'medqa',
  'mgsm', 'mmlu', 'mmlu-pro', 'natural_questions', 'openbookqa', 'piqa', 'pubmedqa', 'sciq', 'simpleqa', 'social_iqa',
  'squad_v2', 'triviaqa', 'truthfulqa', 'winogrande',
  'humaneval', 'mbpp', 'ifeval',
  'aime_2024', 'gpt_oss_aime25', 'gsm_plus', 'otis_mock_aime', 'smt', 'simpleqa_verified', 'browsecomp', 'healthbench', 'multichallenge', 'detailbench', 'cosafe_m2s', 'mhj_m2s', 'safemt_m2s', 'sealqa',
];
/** Runnable subtasks listed only with include_subtasks=true. */
const RUNNABLE_SUBTASKS = [
  'aime_2023_I', 'aime_2023_II', 'aime_2024_I', 'aime_2024_II', 'aime_2025_II', 'brumo_2025', 'hmmt_feb_2023', 'hmmt_feb_2024',
  'hmmt_feb_2025', 'gsm_plus_mini', 'healthbench_hard', 'healthbench_consensus',
];
const MGSM_SUBTASKS = ['bn', 'de', 'en', 'es', 'fr', 'ja', 'latin', 'non_latin', 'ru', 'sw', 'te', 'th', 'zh'].map((l) => `mgsm_${l}`);

test('runnable_only lists exactly the runnable benchmarks and their surfaced subtasks (the mgsm languages), the others with include_subtasks', async () => {
  for (const [query, subtasks] of [['runnable_only=true', []], ['runnable_only=true&include_subtasks=true', RUNNABLE_SUBTASKS]] as const) {
    const res = await request(t.app).get(`/api/benchmarks?${query}`);
    expect(res.status).toBe(200);
    expect(res.body.map((b: { name: string }) => b.name).sort()).toEqual([...RUNNABLE, ...MGSM_SUBTASKS, ...subtasks].sort());
    expect(res.body.every((b: { runnable: boolean }) => b.runnable)).toBe(true);
  }
});

test('details by name, with - and _ interchangeable', async () => {
  const res = await request(t.app).get('/api/benchmarks/mmlu_pro');
  expect(res.status).toBe(200);
  expect(res.body.name).toBe('mmlu-pro');
});

test('an unknown benchmark is 404 RESOURCE_NOT_FOUND', async () => {
  const res = await request(t.app).get('/api/benchmarks/not-a-benchmark');
  expect(res.status).toBe(404);
  expect(res.body).toEqual({ code: 'RESOURCE_NOT_FOUND', detail: 'Benchmark "not-a-benchmark" not found' });
});

test('a bad query type is a 422', async () => {
  const res = await request(t.app).get('/api/benchmarks?include_subtasks=maybe');
  expect(res.status).toBe(422);
  expect(res.body.code).toBe('VALIDATION_ERROR');
});
