/**
 * A private dataset runs on a worker that never saw its upload: the rows are in PostgreSQL only (stored as the
 * gateway's upload stores them), and the worker is a separate process started after they were stored.
 */
import { customBenchmarkName, type DatasetColumns, type DatasetKind, type DatasetRow } from '@studio/contracts';
import { finishDatasetUpload, insertDataset, insertDatasetRows, listRunSampleOutcomes } from '@studio/db';
import { lastUserText, startFakeChatModel, type FakeChatModel } from '../../../packages/engine/test/fake-chat-model.server';
import { WorkerHarness } from './worker.harness';

const h = new WorkerHarness();
let model: FakeChatModel;

/** Right for Q1, Q3 and Q4 of the MCQ set; the grader passes the submission "Rayleigh scattering" only. */
const ANSWERS: Record<string, string> = { 'Q1?': 'Answer: B', 'Q2?': 'Answer: A', 'Q3?': 'Answer: C', 'Q4?': 'Answer: D', 'Why blue?': 'Rayleigh scattering', 'Why red?': 'Magic' };

beforeAll(async () => {
  await h.setup();
  model = await startFakeChatModel({
    respond: (body) => {
      const prompt = lastUserText(body);
      if (prompt.includes('[Submission]:')) return prompt.includes('[Submission]: Rayleigh scattering') ? 'GRADE: C' : 'GRADE: I';
      const question = Object.keys(ANSWERS).find((q) => prompt.includes(q));
      return question ? ANSWERS[question] : 'no idea';
    },
  });
  await h.saveKey(model.baseUrl);
});
afterAll(async () => {
  await h.teardown();
  await model.close();
});

async function storeDataset(slug: string, kind: DatasetKind, columns: DatasetColumns, rows: DatasetRow[], grader: string | null = null): Promise<void> {
  await h.db.transaction().execute(async (trx) => {
    const dataset = await insertDataset(trx, { user_id: h.userId, slug, name: slug, kind, format: 'jsonl', columns, grader_model: grader, rubric: null });
    await insertDatasetRows(trx, rows.map((data, idx) => ({ dataset_id: dataset.dataset_id, idx, line: idx + 1, data })));
    await finishDatasetUpload(trx, dataset.dataset_id, { row_count: rows.length, has_groups: columns.group !== undefined, size_bytes: 100 });
  });
}

test('a worker process started after the upload runs custom/<slug> from the stored rows, with per-group metrics', async () => {
  await storeDataset('quiz', 'multiple_choice', { question: 'q', answer: 'a', choices: 'c', group: 'g' }, [
    { question: 'Q1?', choices: ['w', 'x', 'y', 'z'], answer: 'B', group: 'easy' },
    { question: 'Q2?', choices: ['w', 'x', 'y', 'z'], answer: 'C', group: 'easy' },
    { question: 'Q3?', choices: ['w', 'x', 'y', 'z'], answer: 'C', group: 'hard' },
    { question: 'Q4?', choices: ['w', 'x', 'y', 'z'], answer: 'D', group: 'hard' },
  ]);
  await h.spawnWorker();
  const runId = await h.createRun({ benchmark: customBenchmarkName('quiz') });
  const run = await h.waitForStatus(runId, 'completed', 60_000);
  expect(run.primary_metric).toBe(0.75);
  expect(run.metrics).toEqual([expect.objectContaining({ name: 'accuracy', value: 0.75, stderr: 0.25 })]);
  expect(run.breakdowns).toEqual([
    {
      name: 'group',
      items: [
        expect.objectContaining({ key: 'easy', value: 0.5, n: 2 }),
        expect.objectContaining({ key: 'hard', value: 1, n: 2 }),
      ],
    },
  ]);
  const stored = await listRunSampleOutcomes(h.db, runId);
  expect(stored.map((s) => s.sample_id).sort()).toEqual(['1', '2', '3', '4']);
  // A worker process spawned under a loaded CI machine, then a run: the waits above allow 60 s, so must the test.
}, 90_000);

test('a model-graded dataset is graded by its grader; a run of a deleted dataset fails with the reason', async () => {
  await storeDataset('essays', 'model_graded', { question: 'q', answer: 'a' }, [
    { question: 'Why blue?', answer: 'Light scatters' },
    { question: 'Why red?', answer: 'Light scatters' },
  ], 'openai/fake-grader');
  await h.startWorker();
  const runId = await h.createRun({ benchmark: customBenchmarkName('essays') });
  const run = await h.waitForStatus(runId, 'completed', 60_000);
  expect(run.primary_metric).toBe(0.5);
  expect(model.bodies().filter((b) => b.model === 'fake-grader')).toHaveLength(2);

  const orphan = await h.createRun({ benchmark: customBenchmarkName('gone') });
  const failed = await h.waitForStatus(orphan, 'failed', 60_000);
  expect(failed.error).toBe('The dataset custom/gone no longer exists; it was deleted after the run was created');
}, 90_000);
