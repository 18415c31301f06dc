import diagnosticsChannel from 'node:diagnostics_channel';
import { getEventListeners } from 'node:events';
import { chatCompletion, everythingAbout, sendJson, startLocalLlmServer, waitFor } from '../test/local-llm.helper';
import type { Handler, LocalLlmServer } from '../test/local-llm.helper';
import { ConnectionPools } from './connection.pool';
import { createModelClient } from './model.client';
import { isFatalProviderError } from './provider.error';
import type { ChatMessage, ModelClient, ModelClientOptions, RetryInfo } from './types';

const KEY = 'sk-live-SECRET-abcdef0123456789';
const chat: ChatMessage[] = [{ role: 'user', content: 'What is 1 + 1?' }];

let server: LocalLlmServer;
let client: ModelClient | undefined;

async function serve(handler: Handler): Promise<void> {
  server = await startLocalLlmServer(handler);
}

function openai(extra: Partial<ModelClientOptions> = {}): ModelClient {
  client = createModelClient({ model: 'openai/gpt-4o', apiKey: KEY, baseUrl: `${server.url}/v1`, retryBaseDelayMs: 1, retryMaxDelayMs: 5, ...extra });
  return client;
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

afterEach(async () => {
  await client?.close();
  client = undefined;
  await server?.close();
});

describe('model client errors', () => {
  it('401 is a fatal auth error naming the provider and status, not retried, key redacted', async () => {
    await serve((_req, res) =>
      sendJson(res, 401, { error: { message: `Incorrect API key provided: ${KEY}. You can find your API key at https://platform.openai.com/account/api-keys.`, type: 'invalid_request_error', code: 'invalid_api_key' } }),
    );
    const onRetry = jest.fn();
    const error = await openai({ onRetry }).generate(chat, {}).catch((e: unknown) => e);

    expect(error).toMatchObject({ name: 'ProviderError', kind: 'auth', status: 401, retryable: false, fatal: true, provider: 'openai' });
    expect(isFatalProviderError(error)).toBe(true);
    expect((error as Error).message).toMatch(/^openai: invalid API key \(HTTP 401\): Incorrect API key provided: \[redacted\]/);
    expect(everythingAbout(error)).not.toContain(KEY);
    expect(everythingAbout(error)).not.toContain('SECRET');
    expect(server.requests).toHaveLength(1);
    expect(onRetry).not.toHaveBeenCalled();
  });

  it('404 is a fatal not_found error that mentions the model', async () => {
    await serve((_req, res) => sendJson(res, 404, { error: { message: 'The model `gpt-9` does not exist or you do not have access to it.', code: 'model_not_found' } }));
    client = createModelClient({ model: 'openai/gpt-9', apiKey: KEY, baseUrl: server.url });
    const error = await client.generate(chat, {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'not_found', status: 404, fatal: true, retryable: false });
    expect((error as Error).message).toContain('"gpt-9"');
    expect((error as Error).message).toContain('does not exist');
    expect(server.requests).toHaveLength(1);
  });

  it.each([301, 302, 307, 308])('a %d redirect fails at once with a fatal error naming the target, never retried or followed', async (status) => {
    await serve((_req, res) => {
      res.writeHead(status, { Location: 'https://api.example.com/v1/chat/completions' });
      res.end();
    });
    const onRetry = jest.fn();
    for (const stream of [false, true]) {
      const error = await openai({ onRetry, stream }).generate(chat, {}).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'ProviderError', kind: 'bad_request', status, fatal: true, retryable: false });
      expect((error as Error).message).toBe(
        `openai: the endpoint answered with a redirect (HTTP ${status}) to https://api.example.com/v1/chat/completions; redirects are not followed, so set the base URL to the final address`,
      );
      await client?.close();
    }
    expect(server.requests).toHaveLength(2);
    expect(onRetry).not.toHaveBeenCalled();
  });

  it('429 waits for Retry-After, reports the retry and then succeeds', async () => {
    await serve((req, res) =>
      req.index === 0
        ? sendJson(res, 429, { error: { message: 'Rate limit reached for requests', type: 'requests', code: 'rate_limit_exceeded' } }, { 'retry-after': '1' })
        : sendJson(res, 200, chatCompletion('2')),
    );
    const retries: RetryInfo[] = [];
    const started = Date.now();
    const result = await openai({ onRetry: (info) => retries.push(info) }).generate(chat, {});

    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
    expect(result).toMatchObject({ completion: '2', retries: 1 });
    expect(retries).toHaveLength(1);
    expect(retries[0]).toMatchObject({ attempt: 1, delayMs: 1_000, error: { kind: 'rate_limit', status: 429, retryAfterMs: 1_000 } });
    expect(retries[0].error.message).toContain('Rate limit reached');
  });

  it('honours retry-after-ms', async () => {
    await serve((req, res) => (req.index === 0 ? sendJson(res, 429, {}, { 'retry-after-ms': '150' }) : sendJson(res, 200, chatCompletion('ok'))));
    const delays: number[] = [];
    const started = Date.now();
    await openai({ onRetry: (i) => delays.push(i.delayMs) }).generate(chat, {});
    expect(delays).toEqual([150]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(145);
  });

  it('500 is retried and the call succeeds', async () => {
    await serve((req, res) => (req.index === 0 ? sendJson(res, 500, { error: { message: 'The server had an error' } }) : sendJson(res, 200, chatCompletion('2'))));
    const onRetry = jest.fn();
    expect(await openai({ onRetry }).generate(chat, {})).toMatchObject({ completion: '2', retries: 1 });
    expect(onRetry).toHaveBeenCalledWith(expect.objectContaining({ attempt: 1, error: expect.objectContaining({ kind: 'server', status: 500 }) }));
  });

  it('gives up after maxRetries with the last error', async () => {
    await serve((_req, res) => sendJson(res, 503, { error: { message: 'overloaded' } }));
    const attempts: number[] = [];
    const error = await openai({ maxRetries: 2, onRetry: (i) => attempts.push(i.attempt) }).generate(chat, {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'server', status: 503, retryable: true, fatal: false });
    expect(attempts).toEqual([1, 2]);
    expect(server.requests).toHaveLength(3);
  });

  it('a per-request timeout cancels the request, is retried, then fails as timeout', async () => {
    await serve(() => undefined);
    const kinds: string[] = [];
    const started = Date.now();
    const error = await openai({ timeoutMs: 100, maxRetries: 1, onRetry: (i) => kinds.push(i.error.kind) }).generate(chat, {}).catch((e: unknown) => e);

    expect(error).toMatchObject({ kind: 'timeout', retryable: true, fatal: false, message: 'openai: request timed out after 100 ms' });
    expect(kinds).toEqual(['timeout']);
    expect(server.requests).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(2_000);
    await waitFor(() => server.cancelled === 2);
  });

  it('GenerateConfig.timeout_ms overrides the client timeout', async () => {
    await serve(() => undefined);
    const error = await openai({ maxRetries: 0 }).generate(chat, { timeout_ms: 50 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'timeout', message: 'openai: request timed out after 50 ms' });
  });

  it('connection refused is a retryable network error', async () => {
    await serve(() => undefined);
    const url = server.url;
    await server.close();
    const retries: string[] = [];
    client = createModelClient({ model: 'vllm/qwen', baseUrl: url, maxRetries: 2, retryBaseDelayMs: 1, onRetry: (i) => retries.push(i.error.kind) });
    const error = await client.generate(chat, {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'network', retryable: true, fatal: false });
    expect((error as Error).message).toContain('ECONNREFUSED');
    expect(retries).toEqual(['network', 'network']);
  });

  it('a malformed 200 body is retried', async () => {
    await serve((req, res) => {
      if (req.index > 0) return sendJson(res, 200, chatCompletion('ok'));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('<html>gateway</html>');
    });
    expect(await openai().generate(chat, {})).toMatchObject({ completion: 'ok', retries: 1 });
  });
});

describe('model client cancellation', () => {
  it('aborting mid-flight rejects at once and closes the HTTP request', async () => {
    await serve(() => undefined);
    const controller = new AbortController();
    const pending = openai().generate(chat, {}, controller.signal);
    await waitFor(() => server.requests.length === 1);
    const closed = server.nextCancel();
    const started = Date.now();
    controller.abort();

    await expect(pending).rejects.toMatchObject({ name: 'ProviderError', kind: 'aborted', retryable: false, fatal: false });
    expect(Date.now() - started).toBeLessThan(100);
    await closed;
    expect(server.cancelled).toBe(1);
    expect(server.requests).toHaveLength(1);
  });

  it('aborting while queued for a connection slot leaves the queue at once', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await serve(async (_req, res) => {
      await gate;
      sendJson(res, 200, chatCompletion('first'));
    });
    const c = openai({ maxConnections: 1 });
    const first = c.generate(chat, {});
    await waitFor(() => server.requests.length === 1);
    const controller = new AbortController();
    const queued = c.generate(chat, {}, controller.signal);
    const third = c.generate(chat, {});
    controller.abort();
    await expect(queued).rejects.toMatchObject({ kind: 'aborted' });
    release();
    expect((await first).completion).toBe('first');
    expect((await third).completion).toBe('first');
    expect(server.requests).toHaveLength(2);
  });

  it('aborting during a retry wait rejects at once', async () => {
    await serve((_req, res) => sendJson(res, 500, {}));
    const controller = new AbortController();
    const pending = openai({ retryBaseDelayMs: 60_000, retryMaxDelayMs: 60_000, onRetry: () => setTimeout(() => controller.abort(), 10) }).generate(chat, {}, controller.signal);
    const started = Date.now();
    await expect(pending).rejects.toMatchObject({ kind: 'aborted' });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(server.requests).toHaveLength(1);
  });

  it('one signal shared by many calls gets one listener and aborts them all', async () => {
    await serve(() => undefined);
    const c = openai({ maxConnections: 5 });
    const controller = new AbortController();
    const calls = Array.from({ length: 50 }, () => c.generate(chat, {}, controller.signal));
    await waitFor(() => server.requests.length === 5);
    // Node warns about a leak past 10 listeners on one signal; queued and in-flight calls must not add one each.
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    controller.abort();
    const outcomes = await Promise.allSettled(calls);
    expect(outcomes.every((o) => o.status === 'rejected' && (o.reason as { kind: string }).kind === 'aborted')).toBe(true);
    await waitFor(() => server.cancelled === 5);
  });

  it('close rejects calls still waiting for a slot', async () => {
    await serve(async (_req, res) => {
      await delay(50);
      sendJson(res, 200, chatCompletion('done'));
    });
    const c = openai({ maxConnections: 1 });
    const first = c.generate(chat, {});
    const queued = c.generate(chat, {});
    await waitFor(() => server.requests.length === 1);
    const closing = c.close();
    await expect(queued).rejects.toMatchObject({ kind: 'aborted', message: 'openai: model client is closed' });
    expect((await first).completion).toBe('done');
    await closing;
  });
});

describe('model client concurrency', () => {
  it('never has more than maxConnections requests in flight, and uses them all', async () => {
    await serve(async (_req, res) => {
      await delay(15);
      sendJson(res, 200, chatCompletion('ok'));
    });
    const c = openai({ maxConnections: 4 });
    const results = await Promise.all(Array.from({ length: 40 }, () => c.generate(chat, {})));
    expect(results).toHaveLength(40);
    expect(server.maxInFlight).toBe(4);
    expect(server.connections).toBeLessThanOrEqual(4);
  });

  it('writes the request that follows a reply in the event-loop turn the replies arrived in', async () => {
    // A run's next sample must not wait for another turn: a turn may hold many other replies' processing.
    const held: Parameters<Handler>[1][] = [];
    await serve((_req, res) => {
      held.push(res);
      if (held.length === 2) for (const r of held.splice(0)) sendJson(r, 200, chatCompletion('ok'));
    });
    const c = openai({ maxConnections: 2 });
    await Promise.all([c.generate(chat, {}), c.generate(chat, {})]);
    // From the first reply of the next pair on: count event-loop turns (check phases) and note the turn of each send.
    let turns = 0;
    const turnsAtSend: number[] = [];
    const onSend = (): void => void turnsAtSend.push(turns);
    const onReply = (): void => {
      diagnosticsChannel.unsubscribe('undici:request:headers', onReply);
      diagnosticsChannel.subscribe('undici:client:sendHeaders', onSend);
      const tick = (): void => {
        turns++;
        if (turnsAtSend.length < 2) setImmediate(tick);
      };
      setImmediate(tick);
    };
    diagnosticsChannel.subscribe('undici:request:headers', onReply);
    try {
      await Promise.all([c.generate(chat, {}).then(() => c.generate(chat, {})), c.generate(chat, {}).then(() => c.generate(chat, {}))]);
    } finally {
      diagnosticsChannel.unsubscribe('undici:request:headers', onReply);
      diagnosticsChannel.unsubscribe('undici:client:sendHeaders', onSend);
    }
    // Both follow-ups go out in the check phase of the replies' turn, where undici checks a reused idle socket before
    // writing on it; undici's own Pool made them wait one more turn.
    expect(turnsAtSend).toEqual([1, 1]);
    expect(server.connections).toBe(2);
  });

  it('reuses keep-alive connections for sequential calls', async () => {
    await serve((_req, res) => sendJson(res, 200, chatCompletion('ok')));
    const c = openai();
    for (let i = 0; i < 20; i++) await c.generate(chat, {});
    // undici may open a second socket while the first is still being marked idle; without keep-alive it would be 20.
    expect(server.connections).toBeLessThanOrEqual(2);
  });

  it("clients lending a worker's pools share its keep-alive connections, each with its own key, and leave them open", async () => {
    await serve((_req, res) => sendJson(res, 200, chatCompletion('ok')));
    const pools = new ConnectionPools();
    try {
      await openai({ pools }).generate(chat, {});
      await client?.close();
      await openai({ pools, apiKey: 'sk-other-user-0123456789' }).generate(chat, {});
      expect(server.connections).toBe(1);
      expect(server.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${KEY}`, 'Bearer sk-other-user-0123456789']);
    } finally {
      await pools.close();
    }
  });

  it('halves the limit once for a burst of 429s, stays under it, then grows back', async () => {
    const inFlightAtArrival: number[] = [];
    await serve(async (req, res) => {
      inFlightAtArrival.push(server.inFlight);
      if (req.index < 8) {
        await delay(20);
        return sendJson(res, 429, { error: { message: 'slow down' } }, { 'retry-after': '0' });
      }
      await delay(20);
      sendJson(res, 200, chatCompletion('ok'));
    });
    const limitsAtRetry: number[] = [];
    const c = openai({ maxConnections: 8, onRetry: () => limitsAtRetry.push(c.concurrencyLimit) });
    expect(c.concurrencyLimit).toBe(8);

    const results = await Promise.all(Array.from({ length: 24 }, () => c.generate(chat, {})));

    expect(results.filter((r) => r.retries === 1)).toHaveLength(8);
    expect(limitsAtRetry).toEqual(Array(8).fill(4));
    expect(Math.max(...inFlightAtArrival.slice(0, 8))).toBe(8);
    // Right after the cut (the first requests admitted under it) the server never sees more than the new limit.
    expect(Math.max(...inFlightAtArrival.slice(8, 12))).toBeLessThanOrEqual(4);
    expect(server.maxInFlight).toBeLessThanOrEqual(8);
    expect(c.concurrencyLimit).toBeGreaterThan(4);
  });
});

describe('model client configuration', () => {
  it('requires a key for providers that need one, without echoing anything secret', () => {
    expect(() => createModelClient({ model: 'openai/gpt-4o' })).toThrow('openai: no API key configured (openbench reads it from OPENAI_API_KEY)');
    expect(() => createModelClient({ model: 'openai/gpt-4o' })).toThrow(expect.objectContaining({ kind: 'auth', fatal: true }));
  });

  it('rejects an unknown provider without a base URL', () => {
    expect(() => createModelClient({ model: 'nosuch/model', apiKey: KEY })).toThrow('unknown provider "nosuch"; give a base URL');
  });

  it('rejects a malformed model id', () => {
    expect(() => createModelClient({ model: 'gpt-4o', apiKey: KEY })).toThrow('Expected format: provider/model-name');
  });

  it('exposes the parsed id', () => {
    const c = createModelClient({ model: 'together/meta-llama/Llama-3-8b', apiKey: KEY });
    expect(c).toMatchObject({ id: 'together/meta-llama/Llama-3-8b', provider: 'together', model: 'meta-llama/Llama-3-8b', concurrencyLimit: 10 });
    return c.close();
  });
});
