import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countRunSamples } from '@studio/db';
import { getTask } from '@studio/engine';
import { MMLU_RUN_FIXTURE } from '../../../packages/engine/test/mmlu-run.helper';
import { DATASET_CHANGED_MESSAGE } from '../src/run.evaluation';
import { WorkerHarness, waitFor } from './worker.harness';

/** A run pins the data its first attempt planned; a resumed attempt compares what it reads with it. */
const h = new WorkerHarness();
let model: Awaited<ReturnType<WorkerHarness['startModel']>>;

beforeAll(async () => {
  await h.setup();
  model = await h.startModel({ latencyMs: 100 });
  await h.saveKey(model.baseUrl);
});
afterAll(() => h.teardown());

/** Starts a run on a worker and stops that worker (handing the run back) once a few samples are stored. */
async function handedBackRun(): Promise<string> {
  const app = await h.startWorker();
  const runId = await h.createRun({ max_connections: 1 });
  await waitFor('5 stored samples', async () => (await countRunSamples(h.db, runId)) >= 5);
  await app.stop();
  expect((await h.run(runId)).status).toBe('running');
  return runId;
}

test('the first attempt stores a fingerprint of its planned data; a resume that reads the same data keeps it and completes', async () => {
  const runId = await handedBackRun();
  const pinned = (await h.run(runId)).dataset_fingerprint;
  expect(pinned).toMatch(/^[0-9a-f]{64}$/);
  const app = await h.startWorker();
  const run = await h.waitForStatus(runId, 'completed');
  expect(run).toMatchObject({ attempts: 2, dataset_fingerprint: pinned, primary_metric: 27 / 40 });
  await app.stop();
});

test('a resume that reads a dataset changed since the first attempt fails the run without calling the model', async () => {
  const runId = await handedBackRun();
  const stored = await countRunSamples(h.db, runId);
  // The cached file now gives the first question another answer, as a moved refs/convert/parquet would.
  const changed = join(tmpdir(), `mmlu-changed-${runId}.csv`);
  const original = readFileSync(MMLU_RUN_FIXTURE, 'utf8');
  const edited = original.replace(',B,abstract_algebra\n', ',C,abstract_algebra\n');
  expect(edited).not.toBe(original);
  writeFileSync(changed, edited);
  h.placeDataset(getTask('mmlu').dataset.location, changed);

  const requests = model.requests.length;
  await h.startWorker();
  const run = await h.waitForStatus(runId, 'failed');
  expect(run).toMatchObject({ error: DATASET_CHANGED_MESSAGE, exit_code: 1, attempts: 2 });
  expect(run.error).toBe('The dataset changed since this run started; start a new run');
  expect(model.requests.length).toBe(requests);
  expect(await countRunSamples(h.db, runId)).toBe(stored);
});
