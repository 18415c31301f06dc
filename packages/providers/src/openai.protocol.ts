import type { AttemptSignal } from './attempt.signal';
import type { Endpoint, HttpTransport } from './http.transport';
import { ProviderError, errorFromStatus } from './provider.error';
import { sseData } from './sse.parser';
import type { ChatMessage, Content, GenerateConfig, ModelInfo, ModelUsage, StopReason, TokenLogprob } from './types';
import { malformedResponse, optionalNumber, listingNotSupported } from './wire.protocol';
import type { ProtocolResult, WireProtocol } from './wire.protocol';

export interface OpenAIProtocolOptions {
  transport: HttpTransport;
  provider: string;
  model: string;
  chat: Endpoint;
  /** `GET` target listing models; null where the service has no such list (Azure deployments). */
  models: Endpoint | null;
  /** Auth and content-type headers, built once. */
  headers: Record<string, string>;
  stream: boolean;
  /**
   * OpenAI's own API (openai, azure): like Inspect, o-series and gpt-5 models get `max_completion_tokens`,
   * no temperature and a `developer` system role. Compatible servers always get plain `max_tokens`.
   */
  openaiModelRules: boolean;
}

interface OpenAIUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number } | null;
  completion_tokens_details?: { reasoning_tokens?: number } | null;
}

interface OpenAIError {
  message?: string;
  code?: string | number;
  type?: string;
}

interface OpenAILogprobs {
  content?: { token?: string; logprob?: number; top_logprobs?: { token?: string; logprob?: number }[] | null }[] | null;
}

interface ChatCompletion {
  model?: string;
  choices?: { message?: { content?: string | null; refusal?: string | null }; finish_reason?: string | null; logprobs?: OpenAILogprobs | null }[];
  usage?: OpenAIUsage | null;
  error?: OpenAIError;
}

interface ChatCompletionChunk {
  model?: string;
  choices?: { delta?: { content?: string | null; refusal?: string | null }; finish_reason?: string | null; logprobs?: OpenAILogprobs | null }[];
  usage?: OpenAIUsage | null;
  error?: OpenAIError;
}

type SystemRole = 'system' | 'developer' | 'user';

export class OpenAIProtocol implements WireProtocol {
  private readonly reasoningModel: boolean;
  private readonly systemRole: SystemRole;
  private readonly dropReasoningEffort: boolean;
  private readonly streamHeaders: Record<string, string>;

  constructor(private readonly opts: OpenAIProtocolOptions) {
    const name = opts.model;
    const oSeries = /^o\d+/.test(name) || (!name.includes('gpt') && /o\d+/.test(name));
    const o1Early = name.includes('o1-mini') || name.includes('o1-preview');
    const gpt5 = name.includes('gpt-5');
    const rules = opts.openaiModelRules;
    this.reasoningModel = rules && (oSeries || gpt5);
    this.systemRole = !rules ? 'system' : o1Early ? 'user' : oSeries || gpt5 ? 'developer' : 'system';
    this.dropReasoningEffort = rules && ((name.includes('gpt') && !gpt5) || o1Early);
    this.streamHeaders = { ...opts.headers, accept: 'text/event-stream' };
  }

  async generate(messages: ChatMessage[], config: GenerateConfig, signal: AttemptSignal): Promise<ProtocolResult> {
    const body = this.requestBody(messages, config);
    if (this.opts.stream) return this.generateStreaming(body, signal);
    const res = await this.opts.transport.json<ChatCompletion>('POST', this.opts.chat, this.opts.headers, body, signal);
    if (res.error && !res.choices) throw this.inlineError(res.error);
    const choice = res.choices?.[0];
    if (!choice) throw malformedResponse(this.opts.provider, 'no choices');
    const logprobs = openaiLogprobs(choice.logprobs);
    return {
      completion: choice.message?.refusal || choice.message?.content || '',
      stop_reason: openaiStopReason(choice.finish_reason),
      usage: openaiUsage(res.usage),
      model: res.model || this.opts.model,
      ...(logprobs === undefined ? {} : { logprobs }),
    };
  }

  async listModels(signal: AttemptSignal): Promise<ModelInfo[]> {
    if (!this.opts.models) throw listingNotSupported(this.opts.provider, 'deployments are account-specific');
    const res = await this.opts.transport.json<unknown>('GET', this.opts.models, this.opts.headers, undefined, signal);
    return parseOpenAIModelList(res);
  }

  close(): Promise<void> {
    return this.opts.transport.close();
  }

  private requestBody(messages: ChatMessage[], config: GenerateConfig): string {
    const body: Record<string, unknown> = {
      model: this.opts.model,
      messages: messages.map((m) => ({ role: m.role === 'system' ? this.systemRole : m.role, content: openaiContent(m.content) })),
    };
    if (config.max_tokens !== undefined) body[this.reasoningModel ? 'max_completion_tokens' : 'max_tokens'] = config.max_tokens;
    if (config.temperature !== undefined && !this.reasoningModel) body.temperature = config.temperature;
    if (config.top_p !== undefined) body.top_p = config.top_p;
    if (config.seed !== undefined) body.seed = config.seed;
    if (config.stop !== undefined) body.stop = config.stop;
    if (config.reasoning_effort !== undefined && !this.dropReasoningEffort) body.reasoning_effort = config.reasoning_effort;
    if (config.logprobs !== undefined) body.logprobs = config.logprobs;
    if (config.top_logprobs !== undefined) body.top_logprobs = config.top_logprobs;
    if (this.opts.stream) {
      body.stream = true;
      body.stream_options = { include_usage: true };
    }
    return JSON.stringify(body);
  }

  private async generateStreaming(body: string, signal: AttemptSignal): Promise<ProtocolResult> {
    const chunks = await this.opts.transport.stream(this.opts.chat, this.streamHeaders, body, signal);
    let completion = '';
    let finish: string | null | undefined;
    let model: string | undefined;
    let usage: OpenAIUsage | null | undefined;
    let done = false;
    let logprobs: TokenLogprob[] | undefined;
    for await (const data of sseData(chunks)) {
      if (data === '[DONE]') {
        done = true;
        break;
      }
      let chunk: ChatCompletionChunk;
      try {
        chunk = JSON.parse(data) as ChatCompletionChunk;
      } catch {
        throw malformedResponse(this.opts.provider, 'stream event is not JSON');
      }
      if (chunk.error) throw this.inlineError(chunk.error);
      model ??= chunk.model;
      if (chunk.usage) usage = chunk.usage;
      const choice = chunk.choices?.[0];
      if (!choice) continue;
      const text = choice.delta?.content ?? choice.delta?.refusal;
      if (text) completion += text;
      const chunkLogprobs = openaiLogprobs(choice.logprobs);
      if (chunkLogprobs) logprobs = [...(logprobs ?? []), ...chunkLogprobs];
      if (choice.finish_reason) finish = choice.finish_reason;
    }
    if (!done && finish === undefined) throw malformedResponse(this.opts.provider, 'stream ended before a finish_reason');
    return {
      completion,
      stop_reason: openaiStopReason(finish),
      usage: openaiUsage(usage),
      model: model || this.opts.model,
      ...(logprobs === undefined ? {} : { logprobs }),
    };
  }

  /** Some gateways (OpenRouter) report upstream failures as `{error}` inside a 200 or in the stream. */
  private inlineError(error: OpenAIError): ProviderError {
    const detail = this.opts.transport.redact(error.message ?? JSON.stringify(error));
    const status = typeof error.code === 'number' ? error.code : Number.NaN;
    if (status >= 400 && status < 600) {
      return errorFromStatus({ provider: this.opts.provider, model: this.opts.model, status, detail });
    }
    return new ProviderError({ kind: 'server', provider: this.opts.provider, message: `${this.opts.provider}: upstream error: ${detail}` });
  }
}

/** Text as a string; parts as chat-completions content parts, an image as Inspect sends it (`original` is `high`). */
function openaiContent(content: ChatMessage['content']): string | Record<string, unknown>[] {
  if (typeof content === 'string') return content;
  return content.map((part: Content) =>
    part.type === 'text'
      ? { type: 'text', text: part.text }
      : { type: 'image_url', image_url: { url: part.image, detail: part.detail === 'original' ? 'high' : (part.detail ?? 'auto') } },
  );
}

/** A choice's `logprobs.content`, as Inspect reads it; undefined when the choice carries none. */
function openaiLogprobs(logprobs: OpenAILogprobs | null | undefined): TokenLogprob[] | undefined {
  if (!logprobs?.content) return undefined;
  return logprobs.content.map((entry) => ({
    token: entry.token ?? '',
    logprob: entry.logprob ?? Number.NEGATIVE_INFINITY,
    top_logprobs: (entry.top_logprobs ?? []).map((top) => ({ token: top.token ?? '', logprob: top.logprob ?? Number.NEGATIVE_INFINITY })),
  }));
}

export function openaiStopReason(reason: string | null | undefined): StopReason {
  switch (reason) {
    case 'stop':
    case 'eos':
      return 'stop';
    case 'length':
      return 'max_tokens';
    case 'tool_calls':
    case 'function_call':
      return 'tool_calls';
    case 'content_filter':
      return 'content_filter';
    default:
      return 'unknown';
  }
}

export function openaiUsage(usage: OpenAIUsage | null | undefined): ModelUsage {
  const input = usage?.prompt_tokens ?? 0;
  const output = usage?.completion_tokens ?? 0;
  const result: ModelUsage = { input_tokens: input, output_tokens: output, total_tokens: usage?.total_tokens ?? input + output };
  const cached = usage?.prompt_tokens_details?.cached_tokens;
  if (cached !== undefined) result.input_tokens_cache_read = cached;
  const reasoning = usage?.completion_tokens_details?.reasoning_tokens;
  if (reasoning !== undefined) result.reasoning_tokens = reasoning;
  return result;
}

/** `{data: [...]}` (OpenAI), `{models: [...]}` or a bare array (Together); extra fields as OpenRouter sends them. */
export function parseOpenAIModelList(res: unknown): ModelInfo[] {
  const root = res as { data?: unknown; models?: unknown } | unknown[] | null;
  const list = Array.isArray(root) ? root : Array.isArray(root?.data) ? root.data : Array.isArray(root?.models) ? root.models : [];
  const models: ModelInfo[] = [];
  for (const item of list as Record<string, unknown>[]) {
    const id = typeof item?.id === 'string' ? item.id : typeof item?.name === 'string' ? item.name : undefined;
    if (!id) continue;
    const info: ModelInfo = { id };
    const name = item.display_name ?? item.name;
    if (typeof name === 'string') info.name = name;
    if (typeof item.description === 'string') info.description = item.description;
    const context = optionalNumber(item.context_length) ?? optionalNumber(item.context_window);
    if (context !== undefined) info.context_length = context;
    models.push(info);
  }
  return models;
}
