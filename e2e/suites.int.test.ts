/**
 * Suites end to end: a real gateway over HTTP, a real worker taking the jobs from BullMQ, Postgres and Redis, and a
 * local OpenAI-compatible server whose answers depend on the model asked, so every cell of a suite's matrix is known in
 * advance: `openai/right` answers every question right, `openai/half` the even-numbered ones (by position in the
 * benchmark's data), `openai/wrong` none. `openai/flaky` answers right but fails the second question while
 * `flaky` is set; `openai/slow` answers right after a second.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getTask, wilsonInterval, type Sample } from '@studio/engine';
import { testEnv } from '../apps/gateway/test/test-app';
import { lastUserText, startFakeChatModel, type ChatRequestBody, type FakeChatModel } from '../packages/engine/test/fake-chat-model.server';
import { MCQ_FIXTURES, placeInCache } from '../packages/engine/test/offline-cache.helper';
import { loadMmluRunSamples } from '../packages/engine/test/mmlu-run.helper';
import { startE2eApi, waitForSuite, type E2eApi } from './studio-stack.helper';

let api: E2eApi;
let model: FakeChatModel;
let flaky = true;
const dataDir = mkdtempSync(join(tmpdir(), 'e2e-suites-'));
/** Prompt → (benchmark's sample, its position in the benchmark's data). */
const byPrompt = new Map<string, { benchmark: string; sample: Sample; position: number }>();
const LIMIT = 4;

function answer(body: ChatRequestBody): string | { status: number; body: unknown } | Promise<string> {
  const found = byPrompt.get(lastUserText(body));
  // The private dataset's questions carry their answer, for the model that is always right.
  const own = /\(own answer ([A-D])\)/.exec(lastUserText(body));
  if (!found && own && body.model === 'right') return `Answer: ${own[1]}`;
  if (!found) return { status: 400, body: { error: { message: 'unknown prompt' } } };
  const target = String(found.sample.target);
  const wrong = `Answer: ${'ABCD'[('ABCD'.indexOf(target) + 1) % 4]}`;
  const right = `Answer: ${target}`;
  switch (body.model) {
    case 'right':
      return right;
    case 'half':
      return found.position % 2 === 0 ? right : wrong;
    case 'wrong':
      return wrong;
    case 'flaky':
      return flaky && found.position === 1 ? { status: 500, body: { error: { message: 'flaky model is down' } } } : right;
    case 'slow':
      return new Promise((r) => setTimeout(() => r(right), 1000));
    default:
      return { status: 404, body: { error: { message: `no model ${body.model}` } } };
  }
}

beforeAll(async () => {
  const env = testEnv();
  const cacheDir = join(dataDir, 'datasets');
  const arc = getTask('arc_easy');
  placeInCache(cacheDir, arc.dataset.location, join(MCQ_FIXTURES, 'arc_easy.parquet'));
  for (const [benchmark, samples] of [['mmlu', await loadMmluRunSamples(cacheDir)], ['arc_easy', await arc.dataset.load({ cacheDir, offline: true })]] as const)
    samples.forEach((sample, position) => byPrompt.set(sample.input as string, { benchmark, sample, position }));
  model = await startFakeChatModel({ respond: answer });
  api = await startE2eApi(env, dataDir, 'suites@example.com', model.baseUrl, { PROVIDER_MAX_RETRIES: '0', WORKER_CONCURRENCY: '3', METRICS_PORT: 'off' });
});

afterAll(async () => {
  await api?.close();
  await model.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const call: E2eApi['call'] = (...args) => api.call(...args);

interface SseEvent {
  id: string;
  event: string;
  data: any;
}

/** Reads the suite's event stream to its end (it closes after `suite_finished`). */
async function readStream(suiteId: string, lastEventId?: string): Promise<{ status: number; events: SseEvent[] }> {
  const res = await fetch(`${api.base}/suites/${suiteId}/events`, { headers: { ...api.auth, ...(lastEventId ? { 'Last-Event-ID': lastEventId } : {}) } });
  const text = await res.text();
  const events = text
    .split('\n\n')
    .map((block) => Object.fromEntries(block.split('\n').flatMap((line) => (/^(id|event|data): /.test(line) ? [[line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]] : []))))
    .filter((e) => e.event)
    .map((e) => ({ id: e.id, event: e.event, data: JSON.parse(e.data) }));
  return { status: res.status, events };
}


/** The Wilson 95% interval of `correct` of LIMIT samples, as the engine computes it for run detail. */
const wilson = (correct: number) => wilsonInterval(correct, LIMIT);

test('a 3 × 2 suite gets exactly the expected matrix, live over one event stream that resumes after any id', async () => {
  const created = await call('POST', '/suites', { name: 'three by two', benchmarks: ['mmlu', 'arc_easy'], models: ['openai/right', 'openai/half', 'openai/wrong'], limit: LIMIT, tags: ['e2e'] });
  expect(created.status).toBe(200);
  expect(created.body.run_ids).toHaveLength(6);
  const live = await readStream(created.body.suite_id);
  expect(live.status).toBe(200);
  expect(live.events[0].event).toBe('suite_status');
  const finished = live.events.at(-1)!;
  expect(finished.event).toBe('suite_finished');

  const suite = (await call('GET', `/suites/${created.body.suite_id}`)).body;
  expect(finished.data).toEqual(suite);
  expect(suite).toMatchObject({ name: 'three by two', status: 'completed', benchmarks: ['mmlu', 'arc_easy'], models: ['openai/right', 'openai/half', 'openai/wrong'] });
  expect(suite.progress).toEqual({
    runs_total: 6,
    runs: { queued: 0, running: 0, completed: 6, failed: 0, canceled: 0 },
    samples_current: 6 * LIMIT,
    samples_total: 6 * LIMIT,
    fraction: 1,
  });
  const expected = { 'openai/right': LIMIT, 'openai/half': LIMIT / 2, 'openai/wrong': 0 };
  expect(suite.matrix.map((row: any) => row.model)).toEqual(Object.keys(expected));
  for (const row of suite.matrix) {
    const correct = expected[row.model as keyof typeof expected];
    expect(row.mean).toBe(correct / LIMIT);
    expect(row.mean_over).toBe(2);
    expect(row.cells.map((c: any) => c.benchmark)).toEqual(['mmlu', 'arc_easy']);
    for (const cell of row.cells) {
      const { lower, upper } = wilson(correct);
      expect(cell).toMatchObject({ status: 'completed', progress_current: LIMIT, progress_total: LIMIT, error: null });
      expect(cell.primary_metric).toMatchObject({ name: 'accuracy', value: correct / LIMIT });
      expect(cell.primary_metric.ci_lower).toBeCloseTo(lower, 12);
      expect(cell.primary_metric.ci_upper).toBeCloseTo(upper, 12);
      // The same figures as the run's own detail.
      const run = (await call('GET', `/runs/${cell.run_id}`)).body;
      expect(run.tags).toEqual(['e2e', `suite:${suite.suite_id}`]);
      expect(run.config.limit).toBe(LIMIT);
      const accuracy = run.metrics.find((m: any) => m.name === 'accuracy');
      expect(cell.primary_metric).toEqual({ name: 'accuracy', value: accuracy.value, stderr: accuracy.stderr, ci_lower: accuracy.ci_lower, ci_upper: accuracy.ci_upper });
    }
  }

  // Every run's status changes and its end are relayed, naming the run.
  const runEvents = live.events.filter((e) => e.event.startsWith('run_'));
  for (const runId of created.body.run_ids) {
    const own = runEvents.filter((e) => e.data.run_id === runId).map((e) => e.event);
    expect(own).toContain('run_status');
    expect(own).toContain('run_progress');
  }
  // Resuming after any event sends exactly the run events after it: none again, none skipped.
  const key = (e: SseEvent) => JSON.stringify([e.event, e.data]);
  for (const at of [1, Math.floor(runEvents.length / 2), runEvents.length - 1]) {
    const from = live.events.indexOf(runEvents[at]);
    const resumed = await readStream(created.body.suite_id, runEvents[at].id);
    expect(resumed.events.filter((e) => e.event.startsWith('run_')).map(key).sort()).toEqual(
      live.events.slice(from + 1).filter((e) => e.event.startsWith('run_')).map(key).sort(),
    );
    expect(resumed.events.at(-1)!.event).toBe('suite_finished');
  }
  // After the final event: nothing more to send.
  expect((await readStream(created.body.suite_id, finished.id)).status).toBe(204);

  const list = (await call('GET', '/suites?per_page=100')).body;
  expect(list.suites.find((s: any) => s.suite_id === suite.suite_id)).toMatchObject({ status: 'completed', name: 'three by two' });
});

test('validation is per pair and nothing starts when any pair fails', async () => {
  const before = (await call('GET', '/runs?per_page=100')).body.total;
  const res = await call('POST', '/suites', { benchmarks: ['mmlu', 'no-such-benchmark'], models: ['openai/right', 'anthropic/claude'], limit: 2 });
  expect(res.status).toBe(422);
  expect(res.body.code).toBe('VALIDATION_ERROR');
  expect(res.body.fields.map((f: any) => f.field).sort()).toEqual([
    'pairs[anthropic/claude × mmlu].model',
    'pairs[anthropic/claude × no-such-benchmark].benchmark',
    'pairs[openai/right × no-such-benchmark].benchmark',
  ]);
  expect(res.body.detail).toMatch(/^3 of 4 \(model, benchmark\) pairs cannot run: /);
  const twice = await call('POST', '/suites', { benchmarks: ['mmlu', ' mmlu '], models: ['openai/right'] });
  expect(twice.status).toBe(422);
  expect(twice.body.fields).toEqual([{ field: 'benchmarks', message: 'lists "mmlu" more than once' }]);
  expect((await call('POST', '/suites', { benchmarks: [], models: ['openai/right'] })).status).toBe(422);
  expect((await call('POST', '/suites', { benchmarks: Array.from({ length: 21 }, () => 'mmlu'), models: ['openai/right'] })).status).toBe(422);
  expect((await call('POST', '/suites', { benchmarks: ['mmlu'], models: ['openai/right'], temperature: 5 })).status).toBe(422);
  expect((await call('GET', '/runs?per_page=100')).body.total).toBe(before);
});

test('a failing run leaves the others complete; retry re-runs only its errored and missing samples', async () => {
  flaky = true;
  const created = await call('POST', '/suites', { benchmarks: ['mmlu'], models: ['openai/right', 'openai/flaky'], limit: LIMIT, max_connections: 1 });
  expect(created.status).toBe(200);
  const ended = await waitForSuite(call, created.body.suite_id);
  expect(ended.status).toBe('partial');
  const [right, failing] = ended.matrix.map((row: any) => row.cells[0]);
  expect(right).toMatchObject({ status: 'completed', primary_metric: { value: 1 } });
  expect(failing.status).toBe('failed');
  expect(failing.error).toMatch(/flaky model is down/);
  expect(ended.matrix[1].mean).toBeNull();

  const firstPrompt = [...byPrompt].find(([, v]) => v.benchmark === 'mmlu' && v.position === 0)![0];
  const flakyRequests = (prompt?: string) => model.bodies().filter((b) => b.model === 'flaky' && (!prompt || lastUserText(b) === prompt)).length;
  const requestsBefore = flakyRequests();
  const rightRequests = model.bodies().filter((b) => b.model === 'right').length;
  flaky = false;
  const retried = await call('POST', `/suites/${created.body.suite_id}/retry`);
  expect(retried.body).toEqual({ retried_run_ids: [failing.run_id] });
  const done = await waitForSuite(call, created.body.suite_id);
  expect(done.status).toBe('completed');
  expect(done.matrix[1].cells[0]).toMatchObject({ run_id: failing.run_id, status: 'completed', primary_metric: { value: 1 }, error: null });
  expect(done.matrix[1].mean).toBe(1);
  // The first sample had been stored: the retry asked for the other three only, and nothing of the completed run.
  expect(flakyRequests() - requestsBefore).toBe(LIMIT - 1);
  expect(flakyRequests(firstPrompt)).toBe(1);
  expect(model.bodies().filter((b) => b.model === 'right').length).toBe(rightRequests);
  // Nothing left to retry.
  expect((await call('POST', `/suites/${created.body.suite_id}/retry`)).body).toEqual({ retried_run_ids: [] });
});

test('cancel stops every run of the suite; delete removes it with its runs', async () => {
  const created = await call('POST', '/suites', { benchmarks: ['mmlu', 'arc_easy'], models: ['openai/slow', 'openai/right'], limit: LIMIT, max_connections: 1, tags: [] });
  expect(created.status).toBe(200);
  await waitForSuite(call, created.body.suite_id, (s) => s.progress.runs.running > 0);
  const canceled = await call('POST', `/suites/${created.body.suite_id}/cancel`);
  expect(canceled.status).toBe(200);
  const ended = await waitForSuite(call, created.body.suite_id);
  // Runs that had not finished when the cancel came are all canceled; none is left queued or running.
  expect(ended.progress.runs.queued + ended.progress.runs.running).toBe(0);
  expect(ended.progress.runs.canceled).toBeGreaterThan(0);
  expect(ended.matrix[0].cells.every((c: any) => c.status === 'canceled')).toBe(true);

  expect((await call('DELETE', `/suites/${created.body.suite_id}`)).body).toEqual({ status: 'deleted' });
  expect((await call('GET', `/suites/${created.body.suite_id}`)).status).toBe(404);
  for (const runId of created.body.run_ids) expect((await call('GET', `/runs/${runId}`)).status).toBe(404);
});

/** Uploads a four-question multiple-choice dataset as the user of `headers`; answers its `custom/<slug>` name. */
async function uploadDataset(slug: string, headers: Record<string, string>): Promise<string> {
  const rows = ['C', 'A', 'D', 'B'].map((letter, i) => `Own question ${i + 1} (own answer ${letter})?,first,second,third,fourth,${letter}`);
  const query = new URLSearchParams({ name: slug, slug, kind: 'multiple_choice', question: 'q', answer: 'answer', choice_columns: 'A,B,C,D' });
  const res = await fetch(`${api.base}/datasets?${query}`, { method: 'POST', headers: { ...headers, 'Content-Type': 'text/csv' }, body: ['q,A,B,C,D,answer', ...rows].join('\n') });
  const body = (await res.json()) as { benchmark: string };
  expect(res.status).toBe(201);
  return body.benchmark;
}

test('a private dataset is a benchmark of a suite like a built-in one, for its owner only', async () => {
  const mine = await uploadDataset('suite-own', api.auth);
  const created = await call('POST', '/suites', { benchmarks: [mine, 'mmlu'], models: ['openai/right'], limit: LIMIT });
  expect(created.status).toBe(200);
  const suite = await waitForSuite(call, created.body.suite_id);
  expect(suite.status).toBe('completed');
  const [cell, mmlu] = suite.matrix[0].cells;
  expect(cell).toMatchObject({ benchmark: mine, status: 'completed', primary_metric: { name: 'accuracy', value: 1 } });
  expect(mmlu).toMatchObject({ benchmark: 'mmlu', primary_metric: { name: 'accuracy', value: 1 } });

  const other = (await call('POST', '/auth/register', { email: 'suites-other@example.com', password: 'securepassword' })).body.access_token as string;
  const theirs = await uploadDataset('suite-theirs', { Authorization: `Bearer ${other}` });
  const refused = await call('POST', '/suites', { benchmarks: [theirs, 'mmlu'], models: ['openai/right'], limit: LIMIT });
  expect(refused.status).toBe(422);
  expect(refused.body.fields.map((f: any) => f.field)).toEqual([`pairs[openai/right × ${theirs}].benchmark`]);
});
