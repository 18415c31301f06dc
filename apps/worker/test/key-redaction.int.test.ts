import { join } from 'node:path';
import { listRunLogs, listRunSampleOutcomes } from '@studio/db';
import { getTask } from '@studio/engine';
import { startFakeChatModel, type FakeChatModel } from '../../../packages/engine/test/fake-chat-model.server';
import { GENERATIVE_FIXTURES } from '../../../packages/engine/test/offline-cache.helper';
import { API_KEY, WorkerHarness } from './worker.harness';

/**
 * A provider that quotes the run's key back in its errors, in the forms probes saw (without its `sk-` prefix,
 * upper-cased, base64-encoded): none of it may reach anything stored for the run (its error, its log lines, the
 * errors of its samples), which the run detail, `run.log`, `samples.jsonl` and the `.eval` are built from. A grader's
 * failure is named as the grader's, and redacted all the same.
 */
const h = new WorkerHarness();
const ECHOES = [API_KEY.slice(3), API_KEY.toUpperCase(), Buffer.from(`user:${API_KEY}`).toString('base64')];
let model: FakeChatModel;

beforeAll(async () => {
  await h.setup();
  await h.startWorker({ PROVIDER_MAX_RETRIES: '0' });
});
afterAll(async () => {
  await model?.close();
  await h.teardown();
});

/** Everything stored for a run, as one text. */
async function storedText(runId: string): Promise<string> {
  const run = await h.run(runId);
  const logs = await listRunLogs(h.db, runId);
  const samples = await listRunSampleOutcomes(h.db, runId);
  return [run.error ?? '', ...logs.map((l) => l.line), ...samples.map((s) => s.error ?? '')].join('\n');
}

function expectNoKey(text: string): void {
  const lower = text.toLowerCase();
  for (let i = 0; i + 8 <= API_KEY.length; i++) expect(lower).not.toContain(API_KEY.slice(i, i + 8).toLowerCase());
  for (const echo of ECHOES) expect(text).not.toContain(echo.slice(4, 16));
}

test.each(ECHOES.map((echo, i) => [i, echo]))('a fatal error quoting the key (form %i) fails the run without storing the key', async (i, echo) => {
  model = await startFakeChatModel({ respond: () => ({ status: 400, body: { error: { message: `Invalid request for key ${echo} (check it)` } } }) });
  await h.saveKey(model.baseUrl);
  const run = await h.waitForStatus(await h.createRun({ limit: 2, max_connections: 1 }), 'failed');
  // Base64 of "user:<key>" keeps the characters that encode "user:" (and a bit of the key's first byte).
  expect(run.error).toMatch(/^openai: request rejected \(HTTP 400\): Invalid request for key \S{0,8}\[redacted\] \(check it\)$/);
  expectNoKey(await storedText(run.run_id));
  await model.close();
});

test("a grader's failure says it was the grader's, on the samples and on the run, without the key it quotes", async () => {
  const task = getTask('simpleqa');
  h.placeDataset(task.dataset.location, join(GENERATIVE_FIXTURES, 'simple_qa_test_set.csv'));
  let graderAnswer = { status: 500, body: { error: { message: `upstream said ${ECHOES[1]} is throttled` } } };
  model = await startFakeChatModel({ respond: (body) => (body.model === 'grader' ? graderAnswer : 'Smith College') });
  await h.saveKey(model.baseUrl);
  const graded = { benchmark: 'simpleqa', grader_model: 'openai/grader', max_connections: 1 };

  const flaky = await h.waitForStatus(await h.createRun({ ...graded, fail_on_error: false }), 'completed');
  const samples = await listRunSampleOutcomes(h.db, flaky.run_id);
  expect(samples.map((s) => s.error)).toEqual(Array(3).fill('grader openai/grader failed: openai: server error (HTTP 500): upstream said [redacted] is throttled'));
  expectNoKey(await storedText(flaky.run_id));

  graderAnswer = { status: 401, body: { error: { message: `key ${ECHOES[0]} is not valid` } } };
  const failed = await h.waitForStatus(await h.createRun(graded), 'failed');
  expect(failed.error).toMatch(/^grader openai\/grader failed: openai: invalid API key \(HTTP 401\): key \[redacted\] is not valid$/);
  expectNoKey(await storedText(failed.run_id));
  await model.close();
});

test('samples that fail with the key in a retryable error keep their errors without it (fail_on_error false)', async () => {
  model = await startFakeChatModel({ respond: () => ({ status: 500, body: { error: { message: `upstream said ${ECHOES[1]} is throttled` } } }) });
  await h.saveKey(model.baseUrl);
  const run = await h.waitForStatus(await h.createRun({ limit: 3, max_connections: 1, fail_on_error: false }), 'completed');
  const samples = await listRunSampleOutcomes(h.db, run.run_id);
  expect(samples.map((s) => s.error)).toEqual(Array(3).fill('openai: server error (HTTP 500): upstream said [redacted] is throttled'));
  expectNoKey(await storedText(run.run_id));
});
