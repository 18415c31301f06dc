import { BedrockRuntimeClient, ConverseCommand, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import type { ContentBlock, ConverseCommandInput, ImageFormat, InferenceConfiguration, Message, TokenUsage } from '@aws-sdk/client-bedrock-runtime';
import type { LookupFunction } from 'node:net';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AttemptSignal } from './attempt.signal';
import { errorFromStatus, isProviderError, networkError } from './provider.error';
import { converseReasoningFields } from './reasoning-effort.mapping';
import { parseRetryAfter } from './retry.policy';
import { createRedactor, type Redactor } from './secret.redactor';
import { inlineImage } from './content.util';
import { ProviderError } from './provider.error';
import type { ChatMessage, Content, GenerateConfig, ModelInfo, ModelUsage, StopReason } from './types';
import { collapseTurns, listingNotSupported, malformedResponse } from './wire.protocol';
import type { ProtocolResult, WireProtocol } from './wire.protocol';

export interface BedrockProtocolOptions {
  provider: string;
  model: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  endpoint?: string;
  maxConnections: number;
  /** Resolver of every new connection (the SSRF guard's pinned lookup). */
  lookup?: LookupFunction;
  /** Use ConverseStream instead of Converse. */
  stream: boolean;
}

/**
 * Exceptions inside a ConverseStream arrive after the 200, so they carry only their name; these are the statuses the
 * API documents for them. ModelStreamErrorException is documented as 424 but asks the caller to retry, like a 500.
 */
const STREAM_EXCEPTION_STATUS: ReadonlyMap<string, number> = new Map([
  ['ThrottlingException', 429],
  ['ServiceUnavailableException', 503],
  ['InternalServerException', 500],
  ['ModelStreamErrorException', 500],
  ['ValidationException', 400],
]);

interface SdkError {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  $response?: { headers?: Record<string, string> };
}

/** AWS Bedrock through the SDK's Converse and ConverseStream APIs (the SDK signs requests with SigV4). */
export class BedrockProtocol implements WireProtocol {
  private readonly client: BedrockRuntimeClient;
  private readonly redact: Redactor;

  constructor(private readonly opts: BedrockProtocolOptions) {
    this.redact = createRedactor([opts.secretAccessKey, opts.sessionToken ?? '', opts.accessKeyId]);
    const agent = { keepAlive: true, maxSockets: opts.maxConnections, ...(opts.lookup ? { lookup: opts.lookup } : {}) };
    this.client = new BedrockRuntimeClient({
      region: opts.region,
      endpoint: opts.endpoint,
      credentials: { accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey, sessionToken: opts.sessionToken },
      // Retries, backoff and concurrency are the model client's job; the SDK's own would multiply them.
      maxAttempts: 1,
      // The runtime client defaults to HTTP/2, which a plain HTTP/1.1 endpoint override (proxy, test server) cannot
      // speak. HTTP/1.1 loses nothing for Converse, and ConverseStream's event stream is a chunked response body.
      requestHandler: new NodeHttpHandler({ httpAgent: agent, httpsAgent: agent }),
    });
  }

  async generate(messages: ChatMessage[], config: GenerateConfig, signal: AttemptSignal): Promise<ProtocolResult> {
    const input = converseInput(this.opts.provider, this.opts.model, messages, config);
    try {
      return this.opts.stream ? await this.converseStream(input, signal) : await this.converse(input, signal);
    } catch (e) {
      if (signal.aborted || isProviderError(e)) throw e;
      throw this.toProviderError(e);
    }
  }

  listModels(): Promise<ModelInfo[]> {
    return Promise.reject(listingNotSupported(this.opts.provider, 'Bedrock model access is per account and region; enter the model id'));
  }

  async close(): Promise<void> {
    this.client.destroy();
  }

  private async converse(input: ConverseCommandInput, signal: AttemptSignal): Promise<ProtocolResult> {
    const res = await this.client.send(new ConverseCommand(input), { abortSignal: signal.toAbortSignal() });
    const content = res.output?.message?.content;
    if (!content) throw malformedResponse(this.opts.provider, 'no output message');
    let completion = '';
    for (const block of content) if (block.text) completion += block.text;
    return { completion, stop_reason: bedrockStopReason(res.stopReason), usage: bedrockUsage(res.usage), model: this.opts.model };
  }

  /** Text arrives in contentBlockDelta events, the stop reason in messageStop and the usage in the closing metadata. */
  private async converseStream(input: ConverseCommandInput, signal: AttemptSignal): Promise<ProtocolResult> {
    const res = await this.client.send(new ConverseStreamCommand(input), { abortSignal: signal.toAbortSignal() });
    if (!res.stream) throw malformedResponse(this.opts.provider, 'no event stream');
    let completion = '';
    let stop: string | undefined;
    let usage: TokenUsage | undefined;
    for await (const event of res.stream) {
      const text = event.contentBlockDelta?.delta?.text;
      if (text) completion += text;
      if (event.messageStop) stop = event.messageStop.stopReason;
      if (event.metadata?.usage) usage = event.metadata.usage;
    }
    if (stop === undefined) throw malformedResponse(this.opts.provider, 'stream ended before messageStop');
    return { completion, stop_reason: bedrockStopReason(stop), usage: bedrockUsage(usage), model: this.opts.model };
  }

  private toProviderError(e: unknown): unknown {
    const err = e as SdkError;
    const httpStatus = err.$metadata?.httpStatusCode;
    const status = httpStatus !== undefined && httpStatus >= 400 ? httpStatus : STREAM_EXCEPTION_STATUS.get(err.name ?? '');
    if (status === undefined) return networkError(this.opts.provider, e) ?? e;
    const detail = this.redact(`${err.name ?? 'Error'}: ${err.message ?? ''}`);
    // The SDK's own retry strategy honours Retry-After; with it switched off, the model client's backoff must.
    const headers = err.$response?.headers;
    return errorFromStatus({ provider: this.opts.provider, model: this.opts.model, status, detail, retryAfterMs: headers && parseRetryAfter(headers) });
  }
}

/** One Converse (or ConverseStream) request; `reasoning_effort` reaches only the models Inspect sends it to. */
export function converseInput(provider: string, model: string, messages: readonly ChatMessage[], config: GenerateConfig): ConverseCommandInput {
  const { system, turns } = collapseTurns(messages);
  const inferenceConfig: InferenceConfiguration = {};
  if (config.max_tokens !== undefined) inferenceConfig.maxTokens = config.max_tokens;
  if (config.temperature !== undefined) inferenceConfig.temperature = config.temperature;
  if (config.top_p !== undefined) inferenceConfig.topP = config.top_p;
  if (config.stop !== undefined) inferenceConfig.stopSequences = config.stop;
  const input: ConverseCommandInput = {
    modelId: model,
    messages: turns.map((t): Message => ({ role: t.role, content: t.parts.map((part) => converseBlock(provider, part)) })),
    system: system.length > 0 ? system.map((text) => ({ text })) : undefined,
    inferenceConfig,
  };
  const reasoning = converseReasoningFields(model, config.reasoning_effort);
  if (reasoning) input.additionalModelRequestFields = reasoning;
  return input;
}

/** The image formats Converse takes, by MIME type. */
const CONVERSE_IMAGE_FORMATS: ReadonlyMap<string, ImageFormat> = new Map([
  ['image/png', 'png'],
  ['image/jpeg', 'jpeg'],
  ['image/gif', 'gif'],
  ['image/webp', 'webp'],
]);

/** A text block, or an image block with its format and raw bytes (the SDK base64-encodes them on the wire). */
function converseBlock(provider: string, part: Content): ContentBlock {
  if (part.type === 'text') return { text: part.text };
  const { mimeType, base64 } = inlineImage(provider, part);
  const format = CONVERSE_IMAGE_FORMATS.get(mimeType);
  if (!format) {
    throw new ProviderError({ kind: 'bad_request', provider, message: `${provider}: Bedrock Converse takes png, jpeg, gif or webp images, not ${mimeType}` });
  }
  return { image: { format, source: { bytes: Buffer.from(base64, 'base64') } } };
}

export function bedrockStopReason(reason: string | undefined): StopReason {
  switch (reason) {
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    case 'max_tokens':
      return 'max_tokens';
    case 'tool_use':
      return 'tool_calls';
    case 'guardrail_intervened':
    case 'content_filtered':
      return 'content_filter';
    default:
      return 'unknown';
  }
}

export function bedrockUsage(usage: TokenUsage | undefined): ModelUsage {
  const input = usage?.inputTokens ?? 0;
  const output = usage?.outputTokens ?? 0;
  const result: ModelUsage = { input_tokens: input, output_tokens: output, total_tokens: usage?.totalTokens ?? input + output };
  if (usage?.cacheReadInputTokens !== undefined) result.input_tokens_cache_read = usage.cacheReadInputTokens;
  if (usage?.cacheWriteInputTokens !== undefined) result.input_tokens_cache_write = usage.cacheWriteInputTokens;
  return result;
}
