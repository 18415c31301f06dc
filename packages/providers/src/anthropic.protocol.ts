import type { AttemptSignal } from './attempt.signal';
import type { Endpoint, HttpTransport } from './http.transport';
import { ProviderError } from './provider.error';
import { claudeFamily, claudeThinking } from './reasoning-effort.mapping';
import type { ClaudeFamily } from './reasoning-effort.mapping';
import { sseData } from './sse.parser';
import type { ChatMessage, Content, GenerateConfig, ModelInfo, ModelUsage, StopReason } from './types';
import { inlineImage } from './content.util';
import { collapseTurns, malformedResponse } from './wire.protocol';
import type { ProtocolResult, WireProtocol } from './wire.protocol';

export const ANTHROPIC_VERSION = '2023-06-01';
/** Inspect asks for the long-output beta whenever thinking runs with more than 8,192 output tokens. */
const LONG_OUTPUT_BETA = 'output-128k-2025-02-19';

/** Anthropic requires `max_tokens`; this is Inspect's default when the user sets none. */
export function anthropicDefaultMaxTokens(model: string): number {
  return claudeFamily(model).defaultMaxTokens;
}

export interface AnthropicProtocolOptions {
  transport: HttpTransport;
  provider: string;
  model: string;
  messages: Endpoint;
  models: Endpoint;
  headers: Record<string, string>;
  stream: boolean;
}

interface AnthropicUsage {
  input_tokens?: number;
  output_tokens?: number;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
}

interface AnthropicMessage {
  model?: string;
  content?: { type: string; text?: string }[];
  stop_reason?: string | null;
  usage?: AnthropicUsage;
}

interface AnthropicStreamEvent {
  type: string;
  message?: AnthropicMessage;
  delta?: { type?: string; text?: string; stop_reason?: string | null };
  usage?: AnthropicUsage;
  error?: { type?: string; message?: string };
}

interface AnthropicModelPage {
  data?: { id?: string; display_name?: string }[];
  has_more?: boolean;
  last_id?: string | null;
}

/** The request headers of one call: with or without the long-output beta, for a JSON or an SSE reply. */
interface HeaderSet {
  plain: Record<string, string>;
  longOutput: Record<string, string>;
}

export class AnthropicProtocol implements WireProtocol {
  private readonly family: ClaudeFamily;
  private readonly headers: HeaderSet;

  constructor(private readonly opts: AnthropicProtocolOptions) {
    this.family = claudeFamily(opts.model);
    const base = opts.stream ? { ...opts.headers, accept: 'text/event-stream' } : opts.headers;
    this.headers = { plain: base, longOutput: { ...base, 'anthropic-beta': LONG_OUTPUT_BETA } };
  }

  async generate(messages: ChatMessage[], config: GenerateConfig, signal: AttemptSignal): Promise<ProtocolResult> {
    const request = anthropicRequest(this.opts.provider, this.opts.model, this.family, messages, config, this.opts.stream);
    const headers = request.longOutput ? this.headers.longOutput : this.headers.plain;
    if (this.opts.stream) return this.generateStreaming(request.body, headers, signal);
    const res = await this.opts.transport.json<AnthropicMessage>('POST', this.opts.messages, headers, request.body, signal);
    if (!Array.isArray(res.content)) throw malformedResponse(this.opts.provider, 'no content');
    let completion = '';
    for (const block of res.content) if (block.type === 'text' && block.text) completion += block.text;
    return { completion, stop_reason: anthropicStopReason(res.stop_reason), usage: anthropicUsage(res.usage), model: res.model || this.opts.model };
  }

  async listModels(signal: AttemptSignal): Promise<ModelInfo[]> {
    const models: ModelInfo[] = [];
    let after: string | undefined;
    do {
      const page = await this.opts.transport.json<AnthropicModelPage>('GET', this.pageOf(after), this.opts.headers, undefined, signal);
      for (const m of page.data ?? []) if (m.id) models.push(m.display_name ? { id: m.id, name: m.display_name } : { id: m.id });
      after = page.has_more && page.last_id ? page.last_id : undefined;
    } while (after);
    return models;
  }

  close(): Promise<void> {
    return this.opts.transport.close();
  }

  private pageOf(after: string | undefined): Endpoint {
    const sep = this.opts.models.path.includes('?') ? '&' : '?';
    const query = after ? `limit=1000&after_id=${encodeURIComponent(after)}` : 'limit=1000';
    return { origin: this.opts.models.origin, path: `${this.opts.models.path}${sep}${query}` };
  }

  private async generateStreaming(body: string, headers: Record<string, string>, signal: AttemptSignal): Promise<ProtocolResult> {
    const chunks = await this.opts.transport.stream(this.opts.messages, headers, body, signal);
    let completion = '';
    let model: string | undefined;
    let stop: string | null | undefined;
    let usage: AnthropicUsage = {};
    let stopped = false;
    for await (const data of sseData(chunks)) {
      let event: AnthropicStreamEvent;
      try {
        event = JSON.parse(data) as AnthropicStreamEvent;
      } catch {
        throw malformedResponse(this.opts.provider, 'stream event is not JSON');
      }
      switch (event.type) {
        case 'message_start':
          model = event.message?.model;
          usage = { ...event.message?.usage };
          break;
        case 'content_block_delta':
          if (event.delta?.type === 'text_delta' && event.delta.text) completion += event.delta.text;
          break;
        case 'message_delta':
          stop = event.delta?.stop_reason ?? stop;
          if (event.usage) usage = { ...usage, ...event.usage };
          break;
        case 'message_stop':
          stopped = true;
          break;
        case 'error':
          throw this.streamError(event.error);
      }
    }
    if (!stopped) throw malformedResponse(this.opts.provider, 'stream ended before message_stop');
    return { completion, stop_reason: anthropicStopReason(stop), usage: anthropicUsage(usage), model: model || this.opts.model };
  }

  /** Errors after the 200 arrive as events; `overloaded_error` and `api_error` are Anthropic's 529 and 500. */
  private streamError(error: AnthropicStreamEvent['error']): ProviderError {
    const type = error?.type ?? 'error';
    const detail = this.opts.transport.redact(error?.message ?? type);
    const retryable = type === 'overloaded_error' || type === 'api_error';
    const kind = type === 'rate_limit_error' ? 'rate_limit' : retryable ? 'server' : 'bad_request';
    return new ProviderError({ kind, provider: this.opts.provider, message: `${this.opts.provider}: ${type} in stream: ${detail}` });
  }
}

export interface AnthropicRequest {
  body: string;
  /** The call needs the long-output beta header. */
  longOutput: boolean;
}

/**
 * One Messages request. `reasoning_effort` turns thinking on as Inspect does (see reasoning-effort.mapping.ts); with
 * thinking, and always on Claude 4.7 and later, temperature and top_p are left out because the API rejects them there
 * (Inspect drops them with a warning). Without an explicit `max_tokens` the default grows by the thinking allowance,
 * up to the model's ceiling.
 */
export function anthropicRequest(
  provider: string,
  model: string,
  family: ClaudeFamily,
  messages: readonly ChatMessage[],
  config: GenerateConfig,
  stream: boolean,
): AnthropicRequest {
  const { system, turns } = collapseTurns(messages);
  const thinking = claudeThinking(family, config.reasoning_effort);
  const maxTokens = config.max_tokens ?? (thinking ? Math.min(family.defaultMaxTokens + thinking.extraMaxTokens, family.maxTokensCap) : family.defaultMaxTokens);
  const body: Record<string, unknown> = {
    model,
    max_tokens: maxTokens,
    messages: turns.map((t) => ({
      role: t.role,
      content: t.parts.length === 1 && t.parts[0].type === 'text' ? t.parts[0].text : t.parts.map((part) => anthropicBlock(provider, part)),
    })),
  };
  if (system.length > 0) body.system = system.join('\n\n');
  const sampling = !thinking && !family.rejectsSampling;
  if (config.temperature !== undefined && sampling) body.temperature = config.temperature;
  if (config.top_p !== undefined && sampling) body.top_p = config.top_p;
  if (config.stop !== undefined) body.stop_sequences = config.stop;
  if (thinking) {
    body.thinking = thinking.thinking;
    if (thinking.output_config) body.output_config = thinking.output_config;
  }
  if (stream) body.stream = true;
  return { body: JSON.stringify(body), longOutput: thinking !== undefined && maxTokens > 8192 };
}

/** A text block, or an image as Inspect sends it: a base64 source with its media type. */
function anthropicBlock(provider: string, part: Content): Record<string, unknown> {
  if (part.type === 'text') return { type: 'text', text: part.text };
  const { mimeType, base64 } = inlineImage(provider, part);
  return { type: 'image', source: { type: 'base64', media_type: mimeType, data: base64 } };
}

export function anthropicStopReason(reason: string | null | undefined): StopReason {
  switch (reason) {
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    case 'max_tokens':
      return 'max_tokens';
    case 'tool_use':
      return 'tool_calls';
    case 'refusal':
      return 'content_filter';
    default:
      return 'unknown';
  }
}

/** Anthropic's input_tokens excludes cached tokens, so the total adds the cache reads and writes (as Inspect does). */
export function anthropicUsage(usage: AnthropicUsage | undefined): ModelUsage {
  const input = usage?.input_tokens ?? 0;
  const output = usage?.output_tokens ?? 0;
  const cacheRead = usage?.cache_read_input_tokens ?? undefined;
  const cacheWrite = usage?.cache_creation_input_tokens ?? undefined;
  const result: ModelUsage = { input_tokens: input, output_tokens: output, total_tokens: input + output + (cacheRead ?? 0) + (cacheWrite ?? 0) };
  if (cacheRead !== undefined) result.input_tokens_cache_read = cacheRead;
  if (cacheWrite !== undefined) result.input_tokens_cache_write = cacheWrite;
  return result;
}
