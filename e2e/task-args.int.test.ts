/**
 * Task arguments end to end: `POST /api/runs` with `task_args` (openbench's `-T`), a real worker running the task
 * with them against a local OpenAI-compatible model, and the run's `.eval` log. DROP's `train_samples_per_prompt`
 * decides how many worked examples precede each question, so the prompts the model receives show whether the
 * argument reached the task; the same run without it sends upstream's three.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEvalLog } from '@studio/engine';
import { testEnv } from '../apps/gateway/test/test-app';
import { DROP_DEV_SOURCE, DROP_TRAIN_SOURCE } from '../packages/engine/src/tasks/generative/drop.task';
import { lastUserText, startFakeChatModel, type FakeChatModel } from '../packages/engine/test/fake-chat-model.server';
import { GENERATIVE_FIXTURES, placeInCache } from '../packages/engine/test/offline-cache.helper';
import { startE2eApi, type E2eApi } from './studio-stack.helper';

let api: E2eApi;
let model: FakeChatModel;
const dataDir = mkdtempSync(join(tmpdir(), 'e2e-task-args-'));
/** While set, the model answers every request with a server error, so a run fails. */
let down = false;

beforeAll(async () => {
  const env = testEnv();
  const cacheDir = join(dataDir, 'datasets');
  // Five real DROP train records and three dev ones, in simple-evals' drop_v0 files (see the fixtures' SOURCE.md).
  placeInCache(cacheDir, DROP_TRAIN_SOURCE.url, join(GENERATIVE_FIXTURES, 'drop_v0_train.jsonl.gz'));
  placeInCache(cacheDir, DROP_DEV_SOURCE.url, join(GENERATIVE_FIXTURES, 'drop_v0_dev.jsonl.gz'));
  model = await startFakeChatModel({ respond: () => (down ? { status: 500, body: { error: { message: 'model is down' } } } : 'Answer: Nate Kaeding') });
  api = await startE2eApi(env, dataDir, 'task-args@example.com', model.baseUrl, { PROVIDER_MAX_RETRIES: '0', METRICS_PORT: 'off' });
});

afterAll(async () => {
  await api?.close();
  await model.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const call: E2eApi['call'] = (...args) => api.call(...args);

async function finishedRun(runId: string): Promise<any> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { body } = await call('GET', `/runs/${runId}`);
    if (['completed', 'failed', 'canceled'].includes(body.status)) return body;
    if (Date.now() > deadline) throw new Error(`run not finished: ${JSON.stringify(body)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The prompts of one run: every request the model got while it ran. */
async function promptsOf(body: object): Promise<{ run: any; prompts: string[] }> {
  const before = model.bodies().length;
  const created = await call('POST', '/runs', { benchmark: 'drop', model: 'openai/fake', limit: 2, ...body });
  expect(created.status).toBe(200);
  const run = await finishedRun(created.body.run_id);
  expect(run.status).toBe('completed');
  return { run, prompts: model.bodies().slice(before).map(lastUserText) };
}

/** Worked examples in a DROP prompt: each follows a `---` line before `# Your Task`. */
const examplesIn = (prompt: string) => prompt.slice(0, prompt.indexOf('# Your Task')).split('\n---\n').length - 1;

test('train_samples_per_prompt reaches the task: the model is shown one worked example instead of three, and the log records it', async () => {
  const plain = await promptsOf({});
  expect(plain.prompts).toHaveLength(2);
  expect(plain.prompts.map(examplesIn)).toEqual([3, 3]);

  const oneShot = await promptsOf({ task_args: { train_samples_per_prompt: '1' } });
  expect(oneShot.prompts).toHaveLength(2);
  expect(oneShot.prompts.map(examplesIn)).toEqual([1, 1]);
  // The same questions, fewer examples before them.
  expect(oneShot.prompts.map((p) => p.slice(p.indexOf('# Your Task')))).toEqual(plain.prompts.map((p) => p.slice(p.indexOf('# Your Task'))));

  expect(oneShot.run.config.task_args).toEqual({ train_samples_per_prompt: '1' });
  expect(oneShot.run.command).toBe('bench eval drop --model openai/fake --limit 2 -T train_samples_per_prompt=1');
  const evalPath = (oneShot.run.artifacts as string[]).find((a) => a.endsWith('.eval'))!;
  const res = await fetch(`${api.base}/runs/${oneShot.run.run_id}/artifacts/${evalPath}`, { headers: api.auth });
  expect(res.status).toBe(200);
  const log = readEvalLog(new Uint8Array(await res.arrayBuffer()));
  // Where Inspect puts them: the task's arguments and those the caller passed.
  expect(log.eval.task_args).toEqual({ train_samples_per_prompt: '1' });
  expect(log.eval.task_args_passed).toEqual({ train_samples_per_prompt: '1' });
});

test('a retried run keeps its task arguments: a suite run that failed runs again with them', async () => {
  down = true;
  const created = await call('POST', '/suites', { benchmarks: ['drop'], models: ['openai/fake'], limit: 2, task_args: { train_samples_per_prompt: '1' } });
  expect(created.status).toBe(200);
  const [runId] = created.body.run_ids as string[];
  expect((await finishedRun(runId!)).status).toBe('failed');
  down = false;

  const before = model.bodies().length;
  const retried = await call('POST', `/suites/${created.body.suite_id}/retry`);
  expect(retried.body).toEqual({ retried_run_ids: [runId] });
  // The retry queues the run again before it answers, so the next terminal status is the new attempt's.
  const run = await finishedRun(runId!);
  expect(run.status).toBe('completed');
  const prompts = model.bodies().slice(before).map(lastUserText);
  expect(prompts.length).toBeGreaterThan(0);
  expect(prompts.map(examplesIn)).toEqual(prompts.map(() => 1));
  expect(run.config.task_args).toEqual({ train_samples_per_prompt: '1' });
});
