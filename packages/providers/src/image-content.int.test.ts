/**
 * Image content parts reach each wire protocol in its own format, with the image's bytes intact: the request bodies
 * as a local server receives them (OpenAI chat completions, Azure, Anthropic Messages, Gemini generateContent,
 * Bedrock Converse, whole and streamed).
 */
import { PROTOCOL_ADAPTERS } from '../test/protocol-adapters.helper';
import { bodyOf, startLocalLlmServer, type LocalLlmServer } from '../test/local-llm.helper';
import { createModelClient } from './model.client';
import type { ChatMessage, ModelClient } from './types';

/** A 1×1 PNG. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
/** A JPEG's first bytes are enough for the wire: the protocols never decode images. */
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]).toString('base64');

const chat: ChatMessage[] = [
  { role: 'system', content: 'Look closely.' },
  {
    role: 'user',
    content: [
      { type: 'text', text: 'Which is larger?' },
      { type: 'image', image: `data:image/png;base64,${PNG}` },
      { type: 'image', image: `data:image/jpeg;base64,${JPEG}`, detail: 'low' },
    ],
  },
];

/** Azure speaks OpenAI's chat completions wire format, so both send the same messages. */
const expectOpenAiMessages = (body: Record<string, unknown>) =>
  expect(body.messages).toEqual([
    { role: 'system', content: 'Look closely.' },
    {
      role: 'user',
      content: [
        { type: 'text', text: 'Which is larger?' },
        { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}`, detail: 'auto' } },
        { type: 'image_url', image_url: { url: `data:image/jpeg;base64,${JPEG}`, detail: 'low' } },
      ],
    },
  ]);

/** What each protocol must send for `chat`'s messages. */
const EXPECTED: Record<string, (body: Record<string, unknown>) => void> = {
  'openai-compatible': expectOpenAiMessages,
  azure: expectOpenAiMessages,
  anthropic: (body) => {
    expect(body.system).toBe('Look closely.');
    expect(body.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Which is larger?' },
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } },
          { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: JPEG } },
        ],
      },
    ]);
  },
  google: (body) => {
    expect(body.systemInstruction).toEqual({ parts: [{ text: 'Look closely.' }] });
    expect(body.contents).toEqual([
      {
        role: 'user',
        parts: [{ text: 'Which is larger?' }, { inlineData: { mimeType: 'image/png', data: PNG } }, { inlineData: { mimeType: 'image/jpeg', data: JPEG } }],
      },
    ]);
  },
  bedrock: (body) => {
    expect(body.system).toEqual([{ text: 'Look closely.' }]);
    expect(body.messages).toEqual([
      {
        role: 'user',
        content: [
          { text: 'Which is larger?' },
          { image: { format: 'png', source: { bytes: PNG } } },
          { image: { format: 'jpeg', source: { bytes: JPEG } } },
        ],
      },
    ]);
  },
};

let server: LocalLlmServer | undefined;
let client: ModelClient | undefined;

afterEach(async () => {
  await client?.close();
  client = undefined;
  await server?.close();
  server = undefined;
});

describe.each(PROTOCOL_ADAPTERS.map((adapter) => [adapter.name, adapter] as const))('%s', (name, adapter) => {
  it.each([false, true])('sends text and image parts in the protocol’s format (stream: %s)', async (stream) => {
    server = await startLocalLlmServer((_req, res) => adapter.reply(res, stream));
    client = createModelClient({ ...adapter.client(server.url), stream, maxRetries: 0 });
    await client.generate(chat, {});
    expect(server.requests).toHaveLength(1);
    EXPECTED[name](bodyOf(server.requests[0]));
  });

  it('keeps a text-only turn as it always was', async () => {
    server = await startLocalLlmServer((_req, res) => adapter.reply(res, false));
    client = createModelClient({ ...adapter.client(server.url), maxRetries: 0 });
    await client.generate([{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }], {});
    const body = bodyOf(server.requests[0]);
    const sent = JSON.stringify(body.messages ?? body.contents);
    expect(sent).toContain('Hi');
    expect(sent).not.toContain('image');
  });

  if (name !== 'openai-compatible' && name !== 'azure') {
    it('refuses an image that is not a data URI before sending anything', async () => {
      server = await startLocalLlmServer((_req, res) => adapter.reply(res, false));
      client = createModelClient({ ...adapter.client(server.url), maxRetries: 0 });
      const message: ChatMessage = { role: 'user', content: [{ type: 'image', image: 'https://example.com/cat.png' }] };
      await expect(client.generate([message], {})).rejects.toThrow(/image parts must be base64 data URIs/);
      expect(server.requests).toHaveLength(0);
    });
  }
});

it('bedrock refuses an image format Converse does not take', async () => {
  const adapter = PROTOCOL_ADAPTERS.find((a) => a.name === 'bedrock')!;
  server = await startLocalLlmServer((_req, res) => adapter.reply(res, false));
  client = createModelClient({ ...adapter.client(server.url), maxRetries: 0 });
  const message: ChatMessage = { role: 'user', content: [{ type: 'image', image: `data:image/bmp;base64,Qk0=` }] };
  await expect(client.generate([message], {})).rejects.toThrow('bedrock: Bedrock Converse takes png, jpeg, gif or webp images, not image/bmp');
  expect(server.requests).toHaveLength(0);
});
