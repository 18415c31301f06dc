/**
 * factscore through the queue and the worker: the worker opens its FACTSCORE_DB_PATH for the run, the grader's
 * calls are metered as the grader's, and the run is scored exactly; a worker without the variable fails the run at
 * setup with a plain message, before any model call.
 */
import { join } from 'node:path';
import { hfFileUrl } from '@studio/datasets';
import { listRunSamples } from '@studio/db';
import { lastUserText, type ChatRequestBody } from '../../../packages/engine/test/fake-chat-model.server';
import { joinParagraphs, writeFactscoreWiki } from '../../../packages/engine/test/factscore-wiki.helper';
import { GENERATIVE_FIXTURES } from '../../../packages/engine/test/offline-cache.helper';
import { hfParquetListingUrl } from '../../../packages/engine/src/tasks/shared/hf-parquet.source';
import { MODEL, WorkerHarness } from './worker.harness';

const REPO = 'lvogel123/factscore';
const h = new WorkerHarness();
let wiki: ReturnType<typeof writeFactscoreWiki>;
let model: Awaited<ReturnType<WorkerHarness['startModel']>>;

beforeAll(async () => {
  await h.setup();
  h.placeDataset(hfParquetListingUrl(REPO, 'default', 'train'), join(GENERATIVE_FIXTURES, 'lvogel123-factscore-default-train.tree.json'));
  h.placeDataset(hfFileUrl(REPO, 'default/train/0000.parquet', 'refs/convert/parquet'), join(GENERATIVE_FIXTURES, 'lvogel123-factscore-default-train-0000.parquet'));
  wiki = writeFactscoreWiki({ 'Ada Lovelace': joinParagraphs(['Ada Lovelace was an English mathematician.']), 'Alan Turing': joinParagraphs(['Alan Turing was a mathematician.']) });
});
afterAll(async () => {
  await h.teardown();
  wiki.remove();
});

/** One sentence per answer, one fact per sentence; the grader supports Ada's fact only. */
function respond(body: ChatRequestBody): string {
  const text = lastUserText(body);
  if (body.model === 'fake-model') return text.includes('Grace Hopper') ? '' : `${text.includes('Ada') ? 'Ada' : 'Turing'} was a mathematician.`;
  if (text.startsWith('Please breakdown')) return `- ${/\nSentence:\n(\w+)[^\n]*\nIndependent Facts:$/.exec(text)![1]} was a mathematician.`;
  return /\nStatement:\nAda /.test(text) ? 'True' : 'False';
}

test('a worker without FACTSCORE_DB_PATH fails a factscore run at setup, naming the variable', async () => {
  model = await h.startModel({ override: respond });
  await h.saveKey(model.baseUrl);
  const worker = await h.startWorker();
  const runId = await h.createRun({ benchmark: 'factscore', epochs: 1 });
  const run = await h.waitForStatus(runId, 'failed');
  expect(run.error).toBe("factscore checks answers against FActScore's Wikipedia knowledge base, which is not configured here (FACTSCORE_DB_PATH)");
  expect(model.bodies()).toHaveLength(0);
  await worker.stop();
});

test('a run reads the knowledge base at FACTSCORE_DB_PATH, meters the grader apart, and is scored exactly', async () => {
  const before = model.bodies().length;
  const worker = await h.startWorker({ FACTSCORE_DB_PATH: wiki.path });
  const runId = await h.createRun({ benchmark: 'factscore', epochs: 1 });
  const run = await h.waitForStatus(runId, 'completed');
  const bodies = model.bodies().slice(before);
  // 3 answers; Ada's and Turing's one sentence and one fact each: 2 fact-extraction and 2 verification calls.
  expect(bodies.filter((b) => b.model === 'gpt-4o-mini')).toHaveLength(4);
  expect(bodies.find((b) => /Statement:\nAda /.test(lastUserText(b)))!.messages[0].content).toContain('Context:\nAda Lovelace was an English mathematician.\nStatement:');
  // Ada: 1 of 1 supported, × exp(1 − 10/1); Turing: 0; Grace Hopper answered nothing: 0.
  const ada = Math.exp(1 - 10);
  const rows = await listRunSamples(h.db, runId, { offset: 0, limit: 10 });
  expect(rows.map((r) => [r.sample_id, r.score])).toEqual([
    ['1', ada],
    ['2', 0],
    ['3', 0],
  ]);
  expect(run.primary_metric).toBe((ada + 0 + 0) / 3);
  const fourCalls = { input_tokens: 400, output_tokens: 12, total_tokens: 412 };
  expect(run.model_usage).toEqual({ [MODEL]: { input_tokens: 300, output_tokens: 9, total_tokens: 309 }, 'openai/gpt-4o-mini': fourCalls });
  await worker.stop();
});
