import { chatCompletion, sendJson, startLocalLlmServer } from '../test/local-llm.helper';
import type { LocalLlmServer } from '../test/local-llm.helper';
import { assertSafeBaseUrl, type LookupAll } from './base-url.guard';
import { ConnectionPools } from './connection.pool';
import { createModelClient } from './model.client';
import type { ChatMessage, ModelClient, ModelClientOptions } from './types';

const chat: ChatMessage[] = [{ role: 'user', content: 'What is 1 + 1?' }];

let server: LocalLlmServer;
let client: ModelClient | undefined;

/** A DNS server under the test's control: each name answers from its script, one answer per lookup, the last one repeating. */
function scriptedDns(answers: Record<string, string[]>): LookupAll & { asked: string[] } {
  const asked: string[] = [];
  const lookup = async (hostname: string) => {
    const script = answers[hostname];
    if (!script) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    const address = script[Math.min(asked.filter((h) => h === hostname).length, script.length - 1)];
    asked.push(hostname);
    return [{ address, family: address.includes(':') ? 6 : 4 }];
  };
  return Object.assign(lookup, { asked });
}

function guarded(baseUrl: string, urlPolicy: ModelClientOptions['urlPolicy'], extra: Partial<ModelClientOptions> = {}): ModelClient {
  client = createModelClient({ model: 'openai/gpt-4o', apiKey: 'sk-test', baseUrl, urlPolicy, retryBaseDelayMs: 1, ...extra });
  return client;
}

const port = (): string => new URL(server.url).port;

beforeEach(async () => {
  server = await startLocalLlmServer((_req, res) => sendJson(res, 200, chatCompletion('2')));
});

afterEach(async () => {
  await client?.close();
  client = undefined;
  await server.close();
});

test('a name that passes the check and then rebinds to the metadata address is refused when connecting', async () => {
  const dns = scriptedDns({ 'rebind.test': ['93.184.215.14', '169.254.169.254'] });
  const policy = { blockPrivate: false, lookup: dns };
  const baseUrl = await assertSafeBaseUrl(`http://rebind.test:${port()}/v1`, policy);
  const onRetry = jest.fn();

  const error = await guarded(baseUrl, policy, { onRetry }).generate(chat, {}).catch((e: unknown) => e);

  expect(error).toMatchObject({ name: 'ProviderError', kind: 'bad_request', provider: 'openai', fatal: true, retryable: false });
  expect((error as Error).message).toBe('openai: base URL refused: host "rebind.test" resolves to 169.254.169.254, a cloud metadata or link-local address');
  // The check and the connection each asked once; the refused answer never became a connection attempt or a retry.
  expect(dns.asked).toEqual(['rebind.test', 'rebind.test']);
  expect(onRetry).not.toHaveBeenCalled();
  expect(server.connections).toBe(0);
});

test('connections go to the address the guard vetted: a pinned loopback name works by default', async () => {
  const dns = scriptedDns({ 'model.test': ['127.0.0.1'] });
  const result = await guarded(`http://model.test:${port()}/v1`, { blockPrivate: false, lookup: dns }).generate(chat, {});
  expect(result.completion).toBe('2');
  expect(server.requests[0].headers.host).toBe(`model.test:${port()}`);
  expect(dns.asked).toEqual(['model.test']);
});

test('with blockPrivate the same loopback name is refused before any connection', async () => {
  const dns = scriptedDns({ 'model.test': ['127.0.0.1'] });
  const error = await guarded(`http://model.test:${port()}/v1`, { blockPrivate: true, lookup: dns }).generate(chat, {}).catch((e: unknown) => e);
  expect(error).toMatchObject({ name: 'ProviderError', kind: 'bad_request', fatal: true });
  expect((error as Error).message).toBe('openai: base URL refused: host "model.test" resolves to 127.0.0.1, a loopback address');
  expect(server.connections).toBe(0);
});

test("lent pools keep each policy's guard: a name a lenient client reached is still refused to a blockPrivate client", async () => {
  const pools = new ConnectionPools();
  try {
    const dns = scriptedDns({ 'model.test': ['127.0.0.1'] });
    const baseUrl = `http://model.test:${port()}/v1`;
    expect((await guarded(baseUrl, { blockPrivate: false, lookup: dns }, { pools }).generate(chat, {})).completion).toBe('2');
    await client?.close();
    const error = await guarded(baseUrl, { blockPrivate: true, lookup: dns }, { pools }).generate(chat, {}).catch((e: unknown) => e);
    expect((error as Error).message).toBe('openai: base URL refused: host "model.test" resolves to 127.0.0.1, a loopback address');
    expect(server.connections).toBe(1);
    expect(server.requests).toHaveLength(1);
  } finally {
    await pools.close();
  }
});

test('IP-literal hosts, which a connection never looks up, are checked when the client is created', async () => {
  const refusal = (baseUrl: string, blockPrivate: boolean) => {
    try {
      guarded(baseUrl, { blockPrivate });
    } catch (e) {
      expect(e).toMatchObject({ name: 'ProviderError', kind: 'bad_request', fatal: true });
      return (e as Error).message;
    }
    throw new Error(`${baseUrl} was accepted`);
  };
  expect(refusal('http://169.254.169.254/latest', false)).toBe('openai: base URL refused: 169.254.169.254 is a cloud metadata or link-local address');
  expect(refusal('http://[::ffff:a9fe:a9fe]/v1', false)).toMatch(/link-local/);
  expect(refusal('http://metadata.google.internal/v1', false)).toBe('openai: base URL refused: host "metadata.google.internal" is a cloud metadata service');
  expect(refusal(`${server.url}/v1`, true)).toBe('openai: base URL refused: 127.0.0.1 is a loopback address');

  expect((await guarded(`${server.url}/v1`, { blockPrivate: false }).generate(chat, {})).completion).toBe('2');
});

test('an unguarded client (trusted configuration) resolves and connects as before', async () => {
  client = createModelClient({ model: 'openai/gpt-4o', apiKey: 'sk-test', baseUrl: `http://localhost:${port()}/v1` });
  expect((await client.generate(chat, {})).completion).toBe('2');
});

test('Bedrock connections go through the same guard', async () => {
  const dns = scriptedDns({ 'bedrock.test': ['169.254.169.254'] });
  client = createModelClient({
    model: 'bedrock/anthropic.claude-3-haiku-20240307-v1:0',
    bedrock: { region: 'us-west-2', accessKeyId: 'AKIAFAKEFAKEFAKE', secretAccessKey: 'fakeSecret', endpoint: `http://bedrock.test:${port()}` },
    urlPolicy: { blockPrivate: false, lookup: dns },
    retryBaseDelayMs: 1,
  });
  const error = await client.generate(chat, {}).catch((e: unknown) => e);
  expect(error).toMatchObject({ name: 'ProviderError', kind: 'bad_request', provider: 'bedrock', fatal: true });
  expect((error as Error).message).toBe('bedrock: base URL refused: host "bedrock.test" resolves to 169.254.169.254, a cloud metadata or link-local address');
  expect(server.connections).toBe(0);
});
