import { join } from 'node:path';
import { countRunSamples, listRunLogs, listRunSamples, upsertApiKey } from '@studio/db';
import { getTask, runEval, summarizeResults } from '@studio/engine';
import { createModelClient } from '@studio/providers';
import { lastUserText, startFakeChatModel } from '../../../packages/engine/test/fake-chat-model.server';
import { GENERATIVE_FIXTURES } from '../../../packages/engine/test/offline-cache.helper';
import { API_KEY, MODEL, WorkerHarness } from './worker.harness';

const h = new WorkerHarness();

beforeAll(() => h.setup());
afterAll(() => h.teardown());

test('a queued run goes through the queue to completed: sample rows, progress, exact metrics, usage, logs and events in order', async () => {
  const model = await h.startModel();
  await h.saveKey(model.baseUrl);
  const app = await h.startWorker();
  const runId = await h.createRun({ max_connections: 4 });

  const run = await h.waitForStatus(runId, 'completed');

  // The same task, model and data run directly through the engine, as the reference for every number.
  const client = createModelClient({ model: MODEL, apiKey: API_KEY, baseUrl: model.baseUrl, maxRetries: 0 });
  const direct = await runEval({ task: getTask('mmlu'), model: { model: client.id, generate: (m, c, s) => client.generate(m, c, s) }, samples: h.samples });
  await client.close();
  const expected = summarizeResults(direct.results, direct.reductions);

  expect(run).toMatchObject({ exit_code: 0, error: null, attempts: 1, worker_id: app.workerId, progress_current: 40, progress_total: 40 });
  expect(run.started_at).not.toBeNull();
  expect(run.finished_at!.getTime()).toBeGreaterThanOrEqual(run.started_at!.getTime());
  expect(run.primary_metric).toBe(27 / 40);
  expect(run.primary_metric_name).toBe('accuracy');
  expect(run.metrics).toEqual(expected.metrics);
  expect(run.breakdowns).toEqual(expected.breakdowns);
  expect(run.breakdowns![0].items.map((i) => [i.key, i.value, i.n])).toEqual([
    ['stem', 0.7, 10],
    ['other', 0.7, 10],
    ['social_sciences', 0.6, 10],
    ['humanities', 0.7, 10],
  ]);
  expect(run.results).toEqual(JSON.parse(JSON.stringify(direct.results)));
  expect(run.model_usage).toEqual({ [MODEL]: { input_tokens: 4000, output_tokens: 120, total_tokens: 4120 } });
  expect([run.input_tokens, run.output_tokens, run.total_tokens]).toEqual([4000, 120, 4120]);

  // One row per sample, in plan order, each with the float score and the full record.
  const rows = await listRunSamples(h.db, runId, { offset: 0, limit: 100 });
  expect(rows.map((r) => [r.seq, r.sample_id, r.epoch])).toEqual(h.samples.map((s, i) => [i, String(s.id), 1]));
  expect(rows.map((r) => r.score)).toEqual(h.samples.map((s) => (Number(s.id) % 3 === 0 ? 0 : 1)));
  expect(rows[0].record).toMatchObject({ sample_id: 1, epoch: 1, error: null, output: { completion: 'Answer: B' } });

  // The stored key reached the provider, and only as the bearer token.
  expect(model.requests[0].headers.authorization).toBe(`Bearer ${API_KEY}`);

  const logs = (await listRunLogs(h.db, runId)).map((l) => `${l.stream}: ${l.line}`);
  expect(logs[0]).toMatch(/^stdout: Starting mmlu on openai\/fake-model: limit none, epochs 1, 40 samples planned, 0 already done \(attempt 1, worker /);
  expect(logs).toContain('stdout: accuracy: 0.6750, stderr 0.0750, 95% CI 0.5202–0.7992');
  expect(logs).toContain('stdout: Completed: 40 samples scored, 4120 tokens');

  const events = await h.finalEvents(runId);
  const names = events.map((e) => (e.event === 'status' ? `status:${String(e.data.status)}` : e.event));
  expect(names[0]).toBe('status:running');
  expect(names.slice(-2)).toEqual(['status:completed', 'completed']);
  const progress = events.filter((e) => e.event === 'progress').map((e) => e.data);
  expect(progress.length).toBeGreaterThanOrEqual(2);
  expect(progress.at(-1)).toEqual({ percentage: 100, current: 40, total: 40 });
  expect(progress.map((p) => p.current)).toEqual([...progress.map((p) => p.current as number)].sort((a, b) => a - b));
  expect(names.indexOf('progress')).toBeGreaterThan(0);
  expect(names.lastIndexOf('progress')).toBeLessThan(names.indexOf('status:completed'));
  expect(events.at(-1)!.data).toEqual({ exit_code: 0, finished_at: run.finished_at!.toISOString() });
  expect(events.filter((e) => e.event === 'log_line').map((e) => `${String(e.data.stream)}: ${String(e.data.line)}`)).toEqual(logs);
  // The job completed normally once the outcome was in Postgres.
  expect(await (await h.queue.getJob(runId))!.getState()).toBe('completed');
});

test('two workers sharing the queue both take runs', async () => {
  // A slow model: while one worker (concurrency 1) is busy with a run, the other one must take the next.
  const slow = await h.startModel({ latencyMs: 100 });
  await h.saveKey(slow.baseUrl, 'together');
  const second = await h.startWorker();
  const runs = [];
  for (let i = 0; i < 4; i++) runs.push(await h.createRun({ model: 'together/fake-model', limit: 6, max_connections: 1 }));
  const finished = await Promise.all(runs.map((id) => h.waitForStatus(id, 'completed', 30_000)));
  const workerIds = new Set(finished.map((r) => r.worker_id));
  expect(workerIds.size).toBe(2);
  expect(workerIds.has(second.workerId)).toBe(true);
  for (const r of finished) expect(r.primary_metric).toBe(4 / 6);
});

test('a provider without a saved key fails the run with a message naming the provider', async () => {
  const runId = await h.createRun({ model: 'groq/llama-3.1-8b-instant', limit: 3 });
  const run = await h.waitForStatus(runId, 'failed');
  expect(run.error).toBe('No API key is saved for Groq (groq); add one under API keys and start the run again');
  expect(run.exit_code).toBe(1);
  expect(run.finished_at).not.toBeNull();
  expect(await countRunSamples(h.db, runId)).toBe(0);
  const events = await h.finalEvents(runId);
  expect(events.slice(-2)).toEqual([
    { event: 'status', data: { status: 'failed', timestamp: expect.any(String) } },
    { event: 'failed', data: { exit_code: 1, error: run.error, finished_at: run.finished_at!.toISOString() } },
  ]);
});

test('a 401 from the model fails the run with the provider and HTTP status, never the key', async () => {
  const rejecting = await h.startModel({
    override: () => ({ status: 401, body: { error: { message: `Incorrect API key provided: ${API_KEY}`, code: 'invalid_api_key' } } }),
  });
  await h.saveKey(rejecting.baseUrl, 'fireworks');
  const runId = await h.createRun({ model: 'fireworks/fake-model', limit: 5, max_connections: 1 });
  const run = await h.waitForStatus(runId, 'failed');
  expect(run.error).toMatch(/^fireworks: invalid API key \(HTTP 401\)/);
  expect(run.exit_code).toBe(1);
  // A fatal error stops the run at the first call instead of failing sample after sample.
  expect(rejecting.bodies()).toHaveLength(1);
  const events = await h.finalEvents(runId);
  expect(events.at(-1)!.data.error).toBe(run.error);
  const stored = JSON.stringify([run, await listRunLogs(h.db, runId), events]);
  expect(stored).not.toContain(API_KEY);
  expect(stored).not.toContain('0123456789abcdef');
});

test('a provider retry is logged on stderr and the sample still counts once', async () => {
  let limited = false;
  const flaky = await h.startModel({
    override: () => {
      if (limited) return undefined;
      limited = true;
      return { status: 429, body: { error: { message: 'Rate limit reached' } }, headers: { 'retry-after-ms': '300' } };
    },
  });
  await h.saveKey(flaky.baseUrl, 'xai');
  const runId = await h.createRun({ model: 'xai/fake-model', limit: 2, max_connections: 1 });
  const run = await h.waitForStatus(runId, 'completed');
  expect(run.primary_metric).toBe(1);
  const logs = await listRunLogs(h.db, runId);
  expect(logs.filter((l) => l.stream === 'stderr').map((l) => l.line)).toEqual(['retrying xai/fake-model after HTTP 429 (attempt 2, waiting 0.3 s)']);
  const rows = await listRunSamples(h.db, runId, { offset: 0, limit: 10 });
  expect(rows.map((r) => (r.record as { retries: number }).retries)).toEqual([1, 0]);
  expect(flaky.requests).toHaveLength(3);
});

test('a model-graded run uses the grader’s own key, decrypts no other key and counts usage per model', async () => {
  const task = getTask('simpleqa');
  h.placeDataset(task.dataset.location, join(GENERATIVE_FIXTURES, 'simple_qa_test_set.csv'));
  // The evaluated model repeats the gold answer for the first question only; the grader grades A, C, then B.
  const server = await h.startModel({
    override: (body) => {
      const prompt = lastUserText(body);
      if (body.model === 'grader') return prompt.includes('Predicted answer: Michio Sugeno') ? 'A' : prompt.includes('Predicted answer: I don’t know') ? 'C' : 'B';
      if (prompt.includes('Frank Rosenblatt')) return 'Michio Sugeno';
      return prompt.includes('Jerlov') ? 'I don’t know' : 'Smith College';
    },
  });
  await h.saveKey(server.baseUrl, 'mistral', 'sk-mistral-key-1');
  await h.saveKey(server.baseUrl, 'deepseek', 'sk-deepseek-key-2');
  // A key nobody can decrypt: touching it would fail the run.
  await upsertApiKey(h.db, { user_id: h.userId, provider: 'cohere', encrypted_key: 'v9:AAAA:AAAA:AAAA', key_version: 9, key_preview: '...dead', base_url: null, custom_env_var: null });

  const runId = await h.createRun({ benchmark: 'simpleqa', model: 'mistral/answerer', grader_model: 'deepseek/grader' });
  const run = await h.waitForStatus(runId, 'completed');

  expect(run.primary_metric).toBe(1 / 3);
  expect(run.metrics!.find((m) => m.name === 'f1')!.value).toBe(0.4);
  const byModel = (name: string) => server.requests.filter((r) => (JSON.parse(r.body) as { model: string }).model === name);
  expect(byModel('answerer').map((r) => r.headers.authorization)).toEqual(Array(3).fill('Bearer sk-mistral-key-1'));
  expect(byModel('grader').map((r) => r.headers.authorization)).toEqual(Array(3).fill('Bearer sk-deepseek-key-2'));
  // Three calls each at the fake server's 100 + 3 tokens.
  const threeCalls = { input_tokens: 300, output_tokens: 9, total_tokens: 309 };
  expect(run.model_usage).toEqual({ 'mistral/answerer': threeCalls, 'deepseek/grader': threeCalls });
  expect(run.total_tokens).toBe(618);
  expect((await listRunLogs(h.db, runId))[0].line).toMatch(/^Starting simpleqa on mistral\/answerer \(grader deepseek\/grader\): limit none, epochs 1, 3 samples planned/);
});

test('with fail_on_error 0.5 a sample that still fails after the provider’s retries is stored with its error and left out of the metrics; the run completes', async () => {
  const failing = h.samples[1].input as string;
  const flaky = await h.startModel({
    override: (body) =>
      lastUserText(body) === failing ? { status: 500, body: { error: { message: 'upstream exploded' } }, headers: { 'retry-after-ms': '10' } } : undefined,
  });
  await h.saveKey(flaky.baseUrl, 'cerebras');
  const runId = await h.createRun({ model: 'cerebras/fake-model', limit: 4, max_connections: 1, fail_on_error: 0.5 });
  const run = await h.waitForStatus(runId, 'completed');

  // Samples 1, 3 and 4 are scored (3 is answered wrong); the errored sample 2 counts toward no metric.
  expect(run).toMatchObject({ exit_code: 0, error: null, progress_current: 4, progress_total: 4, primary_metric: 2 / 3 });
  expect(run.config).toMatchObject({ fail_on_error: 0.5 });
  expect((run.results as { scored_samples: number }[])[0].scored_samples).toBe(3);
  const rows = await listRunSamples(h.db, runId, { offset: 0, limit: 10 });
  expect(rows.map((r) => [r.sample_id, r.score])).toEqual([
    ['1', 1],
    ['2', null],
    ['3', 0],
    ['4', 1],
  ]);
  expect((rows[1].record as { error: string }).error).toMatch(/HTTP 500.*upstream exploded/);
  // The provider retried it twice (PROVIDER_MAX_RETRIES=2) before the sample gave up.
  expect(flaky.bodies().filter((b) => lastUserText(b) === failing)).toHaveLength(3);
  const stderr = (await listRunLogs(h.db, runId)).filter((l) => l.stream === 'stderr').map((l) => l.line);
  expect(stderr.at(-1)).toMatch(/^sample 2 \(epoch 1\) failed: .*HTTP 500/);
  expect(stderr.filter((l) => l.startsWith('Run failed'))).toEqual([]);
});

test('model output containing NUL characters is stored (as U+FFFD) and the run completes', async () => {
  const target = h.samples[0];
  const nul = await h.startModel({
    override: (body) => (lastUserText(body) === target.input ? `thinking\u0000\u0000\nAnswer: ${String(target.target)}` : undefined),
  });
  await h.saveKey(nul.baseUrl, 'sambanova');
  const runId = await h.createRun({ model: 'sambanova/fake-model', limit: 2 });
  const run = await h.waitForStatus(runId, 'completed');
  expect(run.progress_current).toBe(2);
  const [first] = await listRunSamples(h.db, runId, { offset: 0, limit: 1 });
  expect((first.record as { output: { completion: string } }).output.completion).toBe(`thinking\uFFFD\uFFFD\nAnswer: ${String(target.target)}`);
  expect(first.score).toBe(1);
});

test('a run\'s epoch reducers and reasoning effort reach the engine: one score set per reducer, the effort sent to the model', async () => {
  const reasoning = await startFakeChatModel({ respond: () => 'ANSWER: A' });
  const app = await h.startWorker();
  try {
    await h.saveKey(reasoning.baseUrl, 'fireworks');
    const runId = await h.createRun({ model: 'fireworks/fake-model', limit: 2, epochs: 2, epochs_reducer: ['mean', 'max'], reasoning_effort: 'low' });
    const run = await h.waitForStatus(runId, 'completed');
    expect((run.results as { reducer?: string }[]).map((r) => r.reducer)).toEqual(['mean', 'max']);
    expect(reasoning.bodies().every((b) => b.reasoning_effort === 'low')).toBe(true);
  } finally {
    await app.stop();
    await reasoning.close();
  }
});
