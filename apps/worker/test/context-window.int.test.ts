/**
 * The worker's guard: a run whose benchmark needs a longer context than the model's window (as the provider's
 * listing reports it) fails at setup with the message POST /api/runs gives, before any sample is sent.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WorkerHarness } from './worker.harness';

const h = new WorkerHarness();
let server: Server;
const requests: string[] = [];

beforeAll(async () => {
  await h.setup();
  server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ object: 'list', data: [{ id: 'tiny', object: 'model', context_length: 32_768 }] }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  await h.saveKey(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`);
});
afterAll(async () => {
  await h.teardown();
  server.closeAllConnections();
  server.close();
});

test('a long-context run on a model listed with a smaller window fails at setup with the reason', async () => {
  await h.startWorker();
  const runId = await h.createRun({ benchmark: 'openai_mrcr_2n', model: 'openai/tiny' });
  const failed = await h.waitForStatus(runId, 'failed', 60_000);
  expect(failed.error).toBe('OpenAI MRCR (2 Needles) needs a context window of at least 128,000 tokens; openai/tiny has 32,768.');
  expect(requests.filter((r) => r.includes('/chat/completions'))).toEqual([]);
  expect(requests).toContain('GET /v1/models');
});
