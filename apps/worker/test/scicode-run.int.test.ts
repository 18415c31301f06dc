/**
 * scicode through the queue and the worker: a worker without SCICODE_H5_PATH, or with a file that is not SciCode's
 * test data, fails the run at setup with a plain message naming the variable, before any model call. (The task's
 * scoring is tested in packages/engine/src/tasks/code/scicode.task.int.test.ts.)
 */
import { join } from 'node:path';
import { CODE_FIXTURES } from '../../../packages/engine/test/offline-cache.helper';
import { WorkerHarness } from './worker.harness';

const h = new WorkerHarness();
let model: Awaited<ReturnType<WorkerHarness['startModel']>>;

beforeAll(async () => {
  await h.setup();
  model = await h.startModel({ override: () => 'def f():\n    return 1\n' });
  await h.saveKey(model.baseUrl);
});
afterAll(async () => {
  await h.teardown();
});

test('a worker without SCICODE_H5_PATH fails a scicode run at setup, naming the variable', async () => {
  const worker = await h.startWorker();
  const runId = await h.createRun({ benchmark: 'scicode', epochs: 1 });
  const run = await h.waitForStatus(runId, 'failed');
  expect(run.error).toBe("scicode runs its tests against SciCode's test data (test_data.h5), which is not configured here (SCICODE_H5_PATH)");
  expect(model.bodies()).toHaveLength(0);
  await worker.stop();
});

test('a worker whose SCICODE_H5_PATH is not an HDF5 file fails the run at setup, naming the path', async () => {
  const notH5 = join(CODE_FIXTURES, 'scicode-test.parquet');
  const worker = await h.startWorker({ SCICODE_H5_PATH: notH5 });
  const runId = await h.createRun({ benchmark: 'scicode', epochs: 1 });
  const run = await h.waitForStatus(runId, 'failed');
  expect(run.error).toBe(`SciCode's test data (test_data.h5) could not be opened at ${notH5} (SCICODE_H5_PATH): not an HDF5 file`);
  expect(model.bodies()).toHaveLength(0);
  await worker.stop();
});
