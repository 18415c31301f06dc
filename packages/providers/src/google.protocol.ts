import type { AttemptSignal } from './attempt.signal';
import type { Endpoint, HttpTransport } from './http.transport';
import { geminiThinkingConfig } from './reasoning-effort.mapping';
import { sseData } from './sse.parser';
import type { ChatMessage, Content, GenerateConfig, ModelInfo, ModelUsage, StopReason } from './types';
import { contentParts, contentText, inlineImage } from './content.util';
import { malformedResponse, optionalNumber } from './wire.protocol';
import type { ProtocolResult, WireProtocol } from './wire.protocol';

/** Inspect turns Gemini's safety filters off by default so refusals do not skew benchmark scores. */
const SAFETY_SETTINGS = [
  'HARM_CATEGORY_CIVIC_INTEGRITY',
  'HARM_CATEGORY_DANGEROUS_CONTENT',
  'HARM_CATEGORY_HARASSMENT',
  'HARM_CATEGORY_HATE_SPEECH',
  'HARM_CATEGORY_SEXUALLY_EXPLICIT',
].map((category) => ({ category, threshold: 'BLOCK_NONE' }));

export interface GoogleProtocolOptions {
  transport: HttpTransport;
  provider: string;
  model: string;
  generate: Endpoint;
  /** `:streamGenerateContent?alt=sse`, used instead of `generate` when streaming. */
  streamGenerate: Endpoint;
  models: Endpoint;
  headers: Record<string, string>;
  stream: boolean;
}

interface GeminiCandidate {
  content?: { parts?: { text?: string; thought?: boolean }[] };
  finishReason?: string;
}

interface GeminiResponse {
  candidates?: GeminiCandidate[];
  promptFeedback?: { blockReason?: string };
  usageMetadata?: {
    promptTokenCount?: number;
    candidatesTokenCount?: number;
    totalTokenCount?: number;
    thoughtsTokenCount?: number;
    cachedContentTokenCount?: number;
  };
  modelVersion?: string;
}

interface GeminiModelPage {
  models?: { name?: string; displayName?: string; description?: string; inputTokenLimit?: number; supportedGenerationMethods?: string[] }[];
  nextPageToken?: string;
}

export class GoogleProtocol implements WireProtocol {
  private readonly streamHeaders: Record<string, string>;

  constructor(private readonly opts: GoogleProtocolOptions) {
    this.streamHeaders = { ...opts.headers, accept: 'text/event-stream' };
  }

  async generate(messages: ChatMessage[], config: GenerateConfig, signal: AttemptSignal): Promise<ProtocolResult> {
    const body = geminiRequestBody(this.opts.provider, this.opts.model, messages, config);
    if (this.opts.stream) return this.generateStreaming(body, signal);
    const res = await this.opts.transport.json<GeminiResponse>('POST', this.opts.generate, this.opts.headers, body, signal);
    const candidate = res.candidates?.[0];
    const model = res.modelVersion || this.opts.model;
    if (!candidate) {
      // A prompt blocked before generation has no candidates; Inspect reports it as a content filter stop.
      if (res.promptFeedback?.blockReason) return { completion: '', stop_reason: 'content_filter', usage: geminiUsage(res.usageMetadata), model };
      throw malformedResponse(this.opts.provider, 'no candidates');
    }
    return { completion: candidateText(candidate), stop_reason: geminiStopReason(candidate.finishReason), usage: geminiUsage(res.usageMetadata), model };
  }

  async listModels(signal: AttemptSignal): Promise<ModelInfo[]> {
    const models: ModelInfo[] = [];
    let token: string | undefined;
    do {
      const path = `${this.opts.models.path}?pageSize=1000${token ? `&pageToken=${encodeURIComponent(token)}` : ''}`;
      const page = await this.opts.transport.json<GeminiModelPage>('GET', { origin: this.opts.models.origin, path }, this.opts.headers, undefined, signal);
      for (const m of page.models ?? []) {
        if (!m.name || !m.supportedGenerationMethods?.includes('generateContent')) continue;
        const info: ModelInfo = { id: m.name.replace(/^models\//, '') };
        if (m.displayName) info.name = m.displayName;
        if (m.description) info.description = m.description;
        const context = optionalNumber(m.inputTokenLimit);
        if (context !== undefined) info.context_length = context;
        models.push(info);
      }
      token = page.nextPageToken || undefined;
    } while (token);
    return models;
  }

  close(): Promise<void> {
    return this.opts.transport.close();
  }

  /**
   * Each SSE event is a whole GenerateContentResponse holding the next piece of text; the one with a finishReason
   * ends the answer, and the last usageMetadata seen counts the whole call. The stream has no end marker of its own.
   */
  private async generateStreaming(body: string, signal: AttemptSignal): Promise<ProtocolResult> {
    const chunks = await this.opts.transport.stream(this.opts.streamGenerate, this.streamHeaders, body, signal);
    let completion = '';
    let finish: string | undefined;
    let usage: GeminiResponse['usageMetadata'];
    let model: string | undefined;
    let blocked = false;
    for await (const data of sseData(chunks)) {
      let chunk: GeminiResponse;
      try {
        chunk = JSON.parse(data) as GeminiResponse;
      } catch {
        throw malformedResponse(this.opts.provider, 'stream event is not JSON');
      }
      model ||= chunk.modelVersion;
      if (chunk.usageMetadata) usage = chunk.usageMetadata;
      if (chunk.promptFeedback?.blockReason) blocked = true;
      const candidate = chunk.candidates?.[0];
      if (!candidate) continue;
      completion += candidateText(candidate);
      if (candidate.finishReason) finish = candidate.finishReason;
    }
    const result = { completion, usage: geminiUsage(usage), model: model || this.opts.model };
    if (finish !== undefined) return { ...result, stop_reason: geminiStopReason(finish) };
    if (blocked) return { ...result, stop_reason: 'content_filter' };
    throw malformedResponse(this.opts.provider, 'stream ended before a finishReason');
  }
}

/** The answer's text, without the thought summaries that `includeThoughts` adds. */
function candidateText(candidate: GeminiCandidate): string {
  let text = '';
  for (const part of candidate.content?.parts ?? []) if (!part.thought && part.text) text += part.text;
  return text;
}

/** One generateContent request; `reasoning_effort` and `reasoning_tokens` become a `thinkingConfig` as Inspect maps them. */
export function geminiRequestBody(provider: string, model: string, messages: readonly ChatMessage[], config: GenerateConfig): string {
  const system: { text: string }[] = [];
  const contents: { role: 'user' | 'model'; parts: Record<string, unknown>[] }[] = [];
  for (const m of messages) {
    if (m.role === 'system') system.push({ text: contentText(m.content) });
    else contents.push({ role: m.role === 'assistant' ? 'model' : 'user', parts: contentParts(m.content).map((part) => geminiPart(provider, part)) });
  }
  const generationConfig: Record<string, unknown> = {};
  if (config.temperature !== undefined) generationConfig.temperature = config.temperature;
  if (config.top_p !== undefined) generationConfig.topP = config.top_p;
  if (config.max_tokens !== undefined) generationConfig.maxOutputTokens = config.max_tokens;
  if (config.seed !== undefined) generationConfig.seed = config.seed;
  if (config.stop !== undefined) generationConfig.stopSequences = config.stop;
  const thinkingConfig = geminiThinkingConfig(model, config.reasoning_effort, config.reasoning_tokens);
  if (thinkingConfig) generationConfig.thinkingConfig = thinkingConfig;
  const body: Record<string, unknown> = { contents, generationConfig, safetySettings: SAFETY_SETTINGS };
  if (system.length > 0) body.systemInstruction = { parts: system };
  return JSON.stringify(body);
}

/** A text part, or an image as inline bytes (`inlineData`, the REST API's camelCase like the rest of the body). */
function geminiPart(provider: string, part: Content): Record<string, unknown> {
  if (part.type === 'text') return { text: part.text };
  const { mimeType, base64 } = inlineImage(provider, part);
  return { inlineData: { mimeType, data: base64 } };
}

export function geminiStopReason(reason: string | undefined): StopReason {
  switch (reason) {
    case 'STOP':
      return 'stop';
    case 'MAX_TOKENS':
      return 'max_tokens';
    case 'SAFETY':
    case 'RECITATION':
    case 'BLOCKLIST':
    case 'PROHIBITED_CONTENT':
    case 'SPII':
      return 'content_filter';
    default:
      return 'unknown';
  }
}

export function geminiUsage(meta: GeminiResponse['usageMetadata']): ModelUsage {
  const input = meta?.promptTokenCount ?? 0;
  const output = meta?.candidatesTokenCount ?? 0;
  const result: ModelUsage = { input_tokens: input, output_tokens: output, total_tokens: meta?.totalTokenCount ?? input + output };
  if (meta?.thoughtsTokenCount !== undefined) result.reasoning_tokens = meta.thoughtsTokenCount;
  if (meta?.cachedContentTokenCount !== undefined) result.input_tokens_cache_read = meta.cachedContentTokenCount;
  return result;
}
