import { bodyOf, chatCompletion, sendJson, sendSse, startLocalLlmServer } from '../test/local-llm.helper';
import type { Handler, LocalLlmServer } from '../test/local-llm.helper';
import { createModelClient } from './model.client';
import type { ChatMessage, ModelClient } from './types';

const KEY = 'sk-test-openai-0123456789';
const chat: ChatMessage[] = [
  { role: 'system', content: 'Be brief.' },
  { role: 'user', content: 'What is 1 + 1?' },
];

let server: LocalLlmServer;
let client: ModelClient | undefined;

async function serve(handler: Handler): Promise<LocalLlmServer> {
  server = await startLocalLlmServer(handler);
  return server;
}

afterEach(async () => {
  await client?.close();
  client = undefined;
  await server?.close();
});

describe('OpenAI chat completions', () => {
  it('posts the chat with Bearer auth and maps parameters, completion and usage', async () => {
    await serve((_req, res) =>
      sendJson(res, 200, chatCompletion('2', {
        prompt_tokens: 20, completion_tokens: 5, total_tokens: 25,
        prompt_tokens_details: { cached_tokens: 8 }, completion_tokens_details: { reasoning_tokens: 2 },
      } as never)),
    );
    client = createModelClient({ model: 'openai/gpt-4o', apiKey: KEY, baseUrl: `${server.url}/v1` });
    const result = await client.generate(chat, { temperature: 0, top_p: 0.9, max_tokens: 64, seed: 7, stop: ['\n\n'] });

    expect(result).toMatchObject({
      completion: '2',
      stop_reason: 'stop',
      model: 'gpt-test-0001',
      retries: 0,
      usage: { input_tokens: 20, output_tokens: 5, total_tokens: 25, input_tokens_cache_read: 8, reasoning_tokens: 2 },
    });
    expect(result.time_ms).toBeGreaterThan(0);
    const [req] = server.requests;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/v1/chat/completions');
    expect(req.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(bodyOf(req)).toEqual({ model: 'gpt-4o', messages: chat, temperature: 0, top_p: 0.9, max_tokens: 64, seed: 7, stop: ['\n\n'] });
  });

  it('asks for log probabilities when told to and returns them per token with the alternatives', async () => {
    const content = [
      { token: '(', logprob: -0.01, bytes: [40], top_logprobs: [{ token: '(', logprob: -0.01, bytes: [40] }, { token: 'The', logprob: -4.6, bytes: [84, 104, 101] }] },
      { token: 'C', logprob: -0.2, bytes: [67], top_logprobs: [{ token: 'C', logprob: -0.2, bytes: [67] }, { token: 'A', logprob: -1.8, bytes: [65] }] },
    ];
    await serve((_req, res) => {
      const completion = chatCompletion('(C') as { choices: Record<string, unknown>[] };
      completion.choices[0].logprobs = { content, refusal: null };
      sendJson(res, 200, completion);
    });
    client = createModelClient({ model: 'openai/gpt-4.1', apiKey: KEY, baseUrl: `${server.url}/v1` });
    const result = await client.generate(chat, { logprobs: true, top_logprobs: 5, max_tokens: 3 });
    expect(bodyOf(server.requests[0])).toMatchObject({ logprobs: true, top_logprobs: 5, max_tokens: 3 });
    expect(result.logprobs).toEqual([
      { token: '(', logprob: -0.01, top_logprobs: [{ token: '(', logprob: -0.01 }, { token: 'The', logprob: -4.6 }] },
      { token: 'C', logprob: -0.2, top_logprobs: [{ token: 'C', logprob: -0.2 }, { token: 'A', logprob: -1.8 }] },
    ]);
  });

  it('sends nothing for unset options', async () => {
    await serve((_req, res) => sendJson(res, 200, chatCompletion('ok')));
    client = createModelClient({ model: 'groq/llama-3.1-8b-instant', apiKey: KEY, baseUrl: server.url });
    const result = await client.generate(chat, {});
    expect(Object.keys(bodyOf(server.requests[0])).sort()).toEqual(['messages', 'model']);
    expect(Object.hasOwn(result, 'logprobs')).toBe(false);
  });

  it("gives OpenAI reasoning models max_completion_tokens, no temperature and a developer role, as Inspect does", async () => {
    await serve((_req, res) => sendJson(res, 200, chatCompletion('ok')));
    client = createModelClient({ model: 'openai/o3-mini', apiKey: KEY, baseUrl: server.url });
    await client.generate(chat, { max_tokens: 100, temperature: 0.5, reasoning_effort: 'low' });
    const body = bodyOf(server.requests[0]);
    expect(body).toMatchObject({ max_completion_tokens: 100, reasoning_effort: 'low' });
    expect(body).not.toHaveProperty('max_tokens');
    expect(body).not.toHaveProperty('temperature');
    expect((body.messages as ChatMessage[])[0].role).toBe('developer');
  });

  it('keeps max_tokens for the same model name behind a compatible provider', async () => {
    await serve((_req, res) => sendJson(res, 200, chatCompletion('ok')));
    client = createModelClient({ model: 'openrouter/openai/o3-mini', apiKey: KEY, baseUrl: server.url });
    await client.generate(chat, { max_tokens: 100, reasoning_effort: 'high' });
    expect(bodyOf(server.requests[0])).toMatchObject({ model: 'openai/o3-mini', max_tokens: 100, reasoning_effort: 'high' });
  });

  it('maps finish_reason length and content_filter', async () => {
    const reasons = ['length', 'content_filter'];
    await serve((req, res) => {
      const body = chatCompletion('x') as { choices: { finish_reason: string }[] };
      body.choices[0].finish_reason = reasons[req.index];
      sendJson(res, 200, body);
    });
    client = createModelClient({ model: 'openai/gpt-4o', apiKey: KEY, baseUrl: server.url });
    expect((await client.generate(chat, {})).stop_reason).toBe('max_tokens');
    expect((await client.generate(chat, {})).stop_reason).toBe('content_filter');
  });

  it('streams with SSE and reads usage from the final chunk', async () => {
    await serve((_req, res) =>
      sendSse(res, [
        { model: 'gpt-stream', choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] },
        { model: 'gpt-stream', choices: [{ index: 0, delta: { content: 'The answer' }, finish_reason: null }] },
        { model: 'gpt-stream', choices: [{ index: 0, delta: { content: ' is 2.' }, finish_reason: null }] },
        { model: 'gpt-stream', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] },
        { model: 'gpt-stream', choices: [], usage: { prompt_tokens: 9, completion_tokens: 4, total_tokens: 13 } },
        '[DONE]',
      ]),
    );
    client = createModelClient({ model: 'openai/gpt-4o', apiKey: KEY, baseUrl: server.url, stream: true });
    const result = await client.generate(chat, {});
    expect(result).toMatchObject({ completion: 'The answer is 2.', stop_reason: 'stop', model: 'gpt-stream', usage: { input_tokens: 9, output_tokens: 4, total_tokens: 13 } });
    expect(bodyOf(server.requests[0])).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(server.requests[0].headers.accept).toBe('text/event-stream');
  });

  it('turns an error event inside the stream into a retryable error', async () => {
    await serve((req, res) =>
      req.index === 0
        ? sendSse(res, [{ choices: [{ delta: { content: 'par' } }] }, { error: { message: 'upstream overloaded', code: 502 } }])
        : sendSse(res, [{ choices: [{ delta: { content: 'whole' }, finish_reason: 'stop' }] }, '[DONE]']),
    );
    const retries: string[] = [];
    client = createModelClient({ model: 'openai/gpt-4o', apiKey: KEY, baseUrl: server.url, stream: true, retryBaseDelayMs: 1, onRetry: (i) => retries.push(i.error.message) });
    const result = await client.generate(chat, {});
    expect(result).toMatchObject({ completion: 'whole', retries: 1 });
    expect(retries).toEqual(['openai: server error (HTTP 502): upstream overloaded']);
  });

  it('treats a stream cut off before finish_reason as a retryable failure', async () => {
    await serve((_req, res) => sendSse(res, [{ choices: [{ delta: { content: 'half' } }] }]));
    client = createModelClient({ model: 'openai/gpt-4o', apiKey: KEY, baseUrl: server.url, stream: true, maxRetries: 1, retryBaseDelayMs: 1 });
    await expect(client.generate(chat, {})).rejects.toMatchObject({ kind: 'server', retryable: true, message: expect.stringContaining('stream ended') });
    expect(server.requests).toHaveLength(2);
  });

  it('lists models from GET /models without prefixing ids', async () => {
    await serve((req, res) =>
      sendJson(res, 200, {
        object: 'list',
        data: [
          { id: 'gpt-4o', object: 'model', owned_by: 'openai' },
          { id: 'meta-llama/Llama-3-8b', name: 'Llama 3 8B', description: 'Meta', context_length: 8192 },
        ],
      }),
    );
    client = createModelClient({ model: 'openai/gpt-4o', apiKey: KEY, baseUrl: `${server.url}/v1` });
    expect(await client.listModels()).toEqual([
      { id: 'gpt-4o' },
      { id: 'meta-llama/Llama-3-8b', name: 'Llama 3 8B', description: 'Meta', context_length: 8192 },
    ]);
    expect(server.requests[0]).toMatchObject({ method: 'GET', url: '/v1/models' });
    expect(server.requests[0].headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('lists models from a bare array (Together)', async () => {
    await serve((_req, res) => sendJson(res, 200, [{ id: 'Qwen/Qwen2.5-7B', display_name: 'Qwen 2.5 7B', context_length: 32768 }]));
    client = createModelClient({ model: 'together/x', apiKey: KEY, baseUrl: server.url });
    expect(await client.listModels()).toEqual([{ id: 'Qwen/Qwen2.5-7B', name: 'Qwen 2.5 7B', context_length: 32768 }]);
  });

  it('treats an unknown provider with a base URL as OpenAI-compatible, without auth when no key is given', async () => {
    await serve((_req, res) => sendJson(res, 200, chatCompletion('local')));
    client = createModelClient({ model: 'my-vllm/Qwen/Qwen2.5-0.5B', baseUrl: `${server.url}/v1` });
    expect((await client.generate(chat, {})).completion).toBe('local');
    expect(server.requests[0].url).toBe('/v1/chat/completions');
    expect(server.requests[0].headers.authorization).toBeUndefined();
    expect(bodyOf(server.requests[0]).model).toBe('Qwen/Qwen2.5-0.5B');
  });
});

describe('Azure OpenAI', () => {
  it('calls the deployment with api-key and api-version', async () => {
    await serve((_req, res) => sendJson(res, 200, chatCompletion('azure says 2')));
    client = createModelClient({ model: 'azure/my-gpt4o', apiKey: KEY, azure: { endpoint: `${server.url}/`, apiVersion: '2024-10-21' } });
    const result = await client.generate(chat, { max_tokens: 10 });
    expect(result).toMatchObject({ completion: 'azure says 2', usage: { input_tokens: 12, output_tokens: 3, total_tokens: 15 } });
    const [req] = server.requests;
    expect(req.url).toBe('/openai/deployments/my-gpt4o/chat/completions?api-version=2024-10-21');
    expect(req.headers['api-key']).toBe(KEY);
    expect(req.headers.authorization).toBeUndefined();
  });

  it('explains that listing is not supported and requires an endpoint', async () => {
    await serve((_req, res) => sendJson(res, 500, {}));
    client = createModelClient({ model: 'azure/my-gpt4o', apiKey: KEY, baseUrl: server.url });
    await expect(client.listModels()).rejects.toMatchObject({ fatal: true, message: expect.stringContaining('listing is not supported') });
    expect(server.requests).toHaveLength(0);
    expect(() => createModelClient({ model: 'azure/my-gpt4o', apiKey: KEY })).toThrow('Azure OpenAI endpoint is required');
  });
});
