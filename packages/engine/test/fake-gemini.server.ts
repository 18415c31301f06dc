/**
 * A local stand-in for Google's Gemini API (`POST /v1beta/models/{model}:generateContent` with `x-goog-api-key`),
 * answering with a `GenerateContentResponse` (a thought part, the text, `usageMetadata`) or Google's error shape.
 * The test scripts each call's text by model and prompt.
 */
import { sendJson, startLocalLlmServer, type LocalLlmServer, type RecordedRequest } from '../../providers/test/local-llm.helper';

export const FAKE_GEMINI_KEY = 'AIzaFakeGeminiKey0123456789abcdefghijklm';

/** The answer text, or an HTTP error status with Google's message. */
export type GeminiAnswer = string | { status: number; message: string };

export interface GeminiCall {
  model: string;
  /** The request body as sent. */
  body: { contents: { role: string; parts: { text: string }[] }[]; generationConfig?: Record<string, unknown>; systemInstruction?: unknown };
  /** The last user turn's text. */
  prompt: string;
}

export interface FakeGemini extends LocalLlmServer {
  calls(): GeminiCall[];
}

/** Usage each successful reply reports: 1 token per 4 prompt characters (rounded up), 10 out, 7 thinking. */
export function fakeGeminiUsage(prompt: string): { promptTokenCount: number; candidatesTokenCount: number; thoughtsTokenCount: number; totalTokenCount: number } {
  const input = Math.ceil(prompt.length / 4);
  return { promptTokenCount: input, candidatesTokenCount: 10, thoughtsTokenCount: 7, totalTokenCount: input + 17 };
}

function callOf(req: RecordedRequest): GeminiCall | undefined {
  const match = /^\/v1beta\/models\/([^:]+):generateContent$/.exec(req.url);
  if (req.method !== 'POST' || !match) return undefined;
  const body = JSON.parse(req.body) as GeminiCall['body'];
  const last = body.contents[body.contents.length - 1];
  return { model: match[1]!, body, prompt: last?.parts.map((p) => p.text).join('') ?? '' };
}

export async function startFakeGemini(answer: (model: string, prompt: string) => GeminiAnswer): Promise<FakeGemini> {
  const server = await startLocalLlmServer((req, res) => {
    const call = callOf(req);
    if (!call) {
      sendJson(res, 404, { error: { code: 404, message: `no route ${req.url}`, status: 'NOT_FOUND' } });
      return;
    }
    if (req.headers['x-goog-api-key'] !== FAKE_GEMINI_KEY) {
      sendJson(res, 400, { error: { code: 400, message: 'API key not valid. Please pass a valid API key.', status: 'INVALID_ARGUMENT' } });
      return;
    }
    const scripted = answer(call.model, call.prompt);
    if (typeof scripted !== 'string') {
      sendJson(res, scripted.status, { error: { code: scripted.status, message: scripted.message, status: 'INVALID_ARGUMENT' } });
      return;
    }
    sendJson(res, 200, {
      candidates: [{ content: { role: 'model', parts: [{ text: 'Thinking it over.', thought: true }, { text: scripted }] }, finishReason: 'STOP', index: 0 }],
      usageMetadata: fakeGeminiUsage(call.prompt),
      modelVersion: call.model,
    });
  });
  const calls = () => server.requests.map(callOf).filter((c): c is GeminiCall => c !== undefined);
  return Object.assign(server, { calls });
}
