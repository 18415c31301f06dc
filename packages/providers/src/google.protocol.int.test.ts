import { bodyOf, sendJson, startLocalLlmServer, startSse, writeSseEvent } from '../test/local-llm.helper';
import type { Handler, LocalLlmServer } from '../test/local-llm.helper';
import { createModelClient } from './model.client';
import type { ChatMessage, ModelClient } from './types';

const KEY = 'AIzaTestKey0123456789abcdef';
const chat: ChatMessage[] = [
  { role: 'system', content: 'Be brief.' },
  { role: 'user', content: 'What is 1 + 1?' },
  { role: 'assistant', content: 'Two?' },
  { role: 'user', content: 'As a digit.' },
];

const response = {
  candidates: [{ content: { role: 'model', parts: [{ text: 'thinking…', thought: true }, { text: '2' }] }, finishReason: 'STOP', index: 0 }],
  usageMetadata: { promptTokenCount: 40, candidatesTokenCount: 2, thoughtsTokenCount: 30, totalTokenCount: 72, cachedContentTokenCount: 16 },
  modelVersion: 'gemini-2.5-flash-001',
};

let server: LocalLlmServer;
let client: ModelClient | undefined;

async function serve(handler: Handler): Promise<void> {
  server = await startLocalLlmServer(handler);
}

afterEach(async () => {
  await client?.close();
  client = undefined;
  await server?.close();
});

describe('Google Gemini generateContent', () => {
  it('sends systemInstruction, contents and generationConfig with x-goog-api-key and parses usage', async () => {
    await serve((_req, res) => sendJson(res, 200, response));
    client = createModelClient({ model: 'google/gemini-2.5-flash', apiKey: KEY, baseUrl: server.url });
    const result = await client.generate(chat, { temperature: 0, top_p: 0.5, max_tokens: 32, seed: 3, stop: ['x'] });

    expect(result).toMatchObject({
      completion: '2',
      stop_reason: 'stop',
      model: 'gemini-2.5-flash-001',
      usage: { input_tokens: 40, output_tokens: 2, total_tokens: 72, reasoning_tokens: 30, input_tokens_cache_read: 16 },
    });
    const [req] = server.requests;
    expect(req.url).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    expect(req.headers['x-goog-api-key']).toBe(KEY);
    const body = bodyOf(req);
    expect(body).toMatchObject({
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      contents: [
        { role: 'user', parts: [{ text: 'What is 1 + 1?' }] },
        { role: 'model', parts: [{ text: 'Two?' }] },
        { role: 'user', parts: [{ text: 'As a digit.' }] },
      ],
      generationConfig: { temperature: 0, topP: 0.5, maxOutputTokens: 32, seed: 3, stopSequences: ['x'] },
    });
    expect(body.safetySettings).toContainEqual({ category: 'HARM_CATEGORY_HATE_SPEECH', threshold: 'BLOCK_NONE' });
  });

  it('maps MAX_TOKENS and SAFETY, and reports a blocked prompt as a content filter stop', async () => {
    const replies = [
      { ...response, candidates: [{ ...response.candidates[0], finishReason: 'MAX_TOKENS' }] },
      { ...response, candidates: [{ content: { parts: [] }, finishReason: 'SAFETY' }] },
      { promptFeedback: { blockReason: 'SAFETY' }, usageMetadata: { promptTokenCount: 5, totalTokenCount: 5 } },
    ];
    await serve((req, res) => sendJson(res, 200, replies[req.index]));
    client = createModelClient({ model: 'google/models/gemini-2.5-flash', apiKey: KEY, baseUrl: `${server.url}/v1beta` });
    expect((await client.generate(chat, {})).stop_reason).toBe('max_tokens');
    expect(server.requests[0].url).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    expect(await client.generate(chat, {})).toMatchObject({ completion: '', stop_reason: 'content_filter' });
    expect(await client.generate(chat, {})).toMatchObject({ completion: '', stop_reason: 'content_filter', usage: { input_tokens: 5, output_tokens: 0, total_tokens: 5 } });
  });

  it('streams from :streamGenerateContent, skipping thought summaries, with usage from the last chunk', async () => {
    await serve((_req, res) => {
      startSse(res);
      for (const chunk of [
        { candidates: [{ content: { role: 'model', parts: [{ text: 'Adding one and one.', thought: true }] }, index: 0 }], usageMetadata: { promptTokenCount: 40, totalTokenCount: 40 } },
        { candidates: [{ content: { role: 'model', parts: [{ text: '2' }] }, index: 0 }], usageMetadata: { promptTokenCount: 40, totalTokenCount: 40 }, modelVersion: 'gemini-2.5-flash-001' },
        { candidates: [{ content: { role: 'model', parts: [{ text: '' }] }, finishReason: 'STOP', index: 0 }], usageMetadata: response.usageMetadata, modelVersion: 'gemini-2.5-flash-001' },
      ]) writeSseEvent(res, chunk, { eol: '\r\n' });
      res.end();
    });
    client = createModelClient({ model: 'google/gemini-2.5-flash', apiKey: KEY, baseUrl: server.url, stream: true });
    const result = await client.generate(chat, { reasoning_effort: 'low' });

    expect(result).toMatchObject({ completion: '2', stop_reason: 'stop', model: 'gemini-2.5-flash-001', usage: { input_tokens: 40, output_tokens: 2, total_tokens: 72, reasoning_tokens: 30 } });
    const [req] = server.requests;
    expect(req.url).toBe('/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
    expect(req.headers.accept).toBe('text/event-stream');
    expect(bodyOf(req).generationConfig).toEqual({ thinkingConfig: { includeThoughts: true, thinkingBudget: 4096 } });
  });

  it('sends reasoning_tokens as thinkingConfig.thinkingBudget and returns the text without the thoughts', async () => {
    const thoughtful = { ...response, candidates: [{ ...response.candidates[0], content: { role: 'model', parts: [{ text: 'Weighing.', thought: true }, { text: '2' }] } }] };
    await serve((_req, res) => sendJson(res, 200, thoughtful));
    client = createModelClient({ model: 'google/gemini-2.5-pro-preview-06-05', apiKey: KEY, baseUrl: server.url });
    expect(await client.generate([{ role: 'user', content: 'What is 1 + 1?' }], { reasoning_tokens: 16_000 })).toMatchObject({ completion: '2', usage: { reasoning_tokens: 30 } });
    const [req] = server.requests;
    expect(req.url).toBe('/v1beta/models/gemini-2.5-pro-preview-06-05:generateContent');
    expect(bodyOf(req)).toMatchObject({
      contents: [{ role: 'user', parts: [{ text: 'What is 1 + 1?' }] }],
      generationConfig: { thinkingConfig: { includeThoughts: true, thinkingBudget: 16_000 } },
    });
    expect(bodyOf(req).generationConfig).toEqual({ thinkingConfig: { includeThoughts: true, thinkingBudget: 16_000 } });
  });

  it('reports a prompt blocked in a stream as a content filter stop', async () => {
    await serve((_req, res) => {
      startSse(res);
      writeSseEvent(res, { promptFeedback: { blockReason: 'PROHIBITED_CONTENT' }, usageMetadata: { promptTokenCount: 5, totalTokenCount: 5 } });
      res.end();
    });
    client = createModelClient({ model: 'google/gemini-2.5-flash', apiKey: KEY, baseUrl: server.url, stream: true });
    expect(await client.generate(chat, {})).toMatchObject({ completion: '', stop_reason: 'content_filter', usage: { input_tokens: 5, total_tokens: 5 } });
  });

  it('retries a stream that ends before a finishReason', async () => {
    await serve((req, res) => {
      startSse(res);
      writeSseEvent(res, { candidates: [{ content: { role: 'model', parts: [{ text: req.index === 0 ? 'cut sh' : '2' }] }, ...(req.index === 0 ? {} : { finishReason: 'STOP' }) }] });
      res.end();
    });
    const kinds: string[] = [];
    client = createModelClient({ model: 'google/gemini-2.5-flash', apiKey: KEY, baseUrl: server.url, stream: true, retryBaseDelayMs: 1, onRetry: (i) => kinds.push(i.error.message) });
    expect(await client.generate(chat, {})).toMatchObject({ completion: '2', retries: 1 });
    expect(kinds).toEqual(['google: malformed response (stream ended before a finishReason)']);
  });

  it('keeps the key out of a 400 error that echoes it', async () => {
    await serve((_req, res) => sendJson(res, 400, [{ error: { code: 400, message: `API key not valid: ${KEY}`, status: 'INVALID_ARGUMENT' } }]));
    client = createModelClient({ model: 'google/gemini-2.5-flash', apiKey: KEY, baseUrl: server.url });
    const error = await client.generate(chat, {}).catch((e: Error) => e);
    expect(error).toMatchObject({ kind: 'bad_request', fatal: true, status: 400 });
    expect((error as Error).message).toContain('API key not valid');
    expect(JSON.stringify(error) + String((error as Error).stack)).not.toContain(KEY);
  });

  it('lists generateContent models with the models/ prefix stripped, across pages', async () => {
    await serve((req, res) =>
      req.url.includes('pageToken=p2')
        ? sendJson(res, 200, { models: [{ name: 'models/gemini-2.5-pro', displayName: 'Gemini 2.5 Pro', inputTokenLimit: 1048576, supportedGenerationMethods: ['generateContent', 'countTokens'] }] })
        : sendJson(res, 200, {
          models: [
            { name: 'models/gemini-2.5-flash', displayName: 'Gemini 2.5 Flash', description: 'Fast', inputTokenLimit: 1048576, supportedGenerationMethods: ['generateContent'] },
            { name: 'models/text-embedding-004', displayName: 'Embedding', supportedGenerationMethods: ['embedContent'] },
          ],
          nextPageToken: 'p2',
        }),
    );
    client = createModelClient({ model: 'google/gemini-2.5-flash', apiKey: KEY, baseUrl: server.url });
    expect(await client.listModels()).toEqual([
      { id: 'gemini-2.5-flash', name: 'Gemini 2.5 Flash', description: 'Fast', context_length: 1048576 },
      { id: 'gemini-2.5-pro', name: 'Gemini 2.5 Pro', context_length: 1048576 },
    ]);
    expect(server.requests.map((r) => r.url)).toEqual(['/v1beta/models?pageSize=1000', '/v1beta/models?pageSize=1000&pageToken=p2']);
    expect(server.requests[0].headers['x-goog-api-key']).toBe(KEY);
  });
});
