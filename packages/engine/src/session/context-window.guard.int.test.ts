import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createModelClient, type ModelClient } from '@studio/providers';
import { contextWindowCheck } from './context-window.guard';

/** An OpenAI-compatible server whose models endpoint reports windows; `/broken` answers 500. */
let server: Server;
let base = '';
const requests: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url?.startsWith('/broken')) {
      res.writeHead(500).end('{}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ object: 'list', data: [{ id: 'small', object: 'model', context_length: 32_768 }, { id: 'large', object: 'model', context_window: 200_000 }, { id: 'unsized', object: 'model' }] }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

async function check(model: string, benchmark: string, path = '/v1'): Promise<string | null> {
  const client: ModelClient = createModelClient({ model, apiKey: 'k', baseUrl: `${base}${path}`, maxRetries: 0 });
  try {
    return await contextWindowCheck(client, benchmark);
  } finally {
    await client.close();
  }
}

test("a long-context benchmark on a model the provider sizes too small is refused with the API's message", async () => {
  expect(await check('openai/small', 'graphwalks')).toBe('GraphWalks needs a context window of at least 128,000 tokens; openai/small has 32,768.');
  expect(await check('openai/small', 'openai_mrcr_8n')).toBe('OpenAI MRCR (8 Needles) needs a context window of at least 128,000 tokens; openai/small has 32,768.');
});

test('a large, unsized or unlisted model, a failing listing, or a benchmark without a requirement passes', async () => {
  expect(await check('openai/large', 'openai_mrcr')).toBeNull();
  expect(await check('openai/unsized', 'openai_mrcr')).toBeNull();
  expect(await check('openai/other', 'openai_mrcr')).toBeNull();
  expect(await check('openai/small', 'openai_mrcr', '/broken/v1')).toBeNull();
  const asked = requests.length;
  expect(await check('openai/small', 'gsm8k')).toBeNull();
  // No listing is requested for a benchmark that needs no particular context.
  expect(requests.length).toBe(asked);
});
