/** Public types of the providers package: one chat-generation interface over every wire protocol. */
import type { BaseUrlPolicy } from './base-url.guard';
import type { ConnectionPools } from './connection.pool';
import type { ProviderError } from './provider.error';

export type ChatRole = 'system' | 'user' | 'assistant';

/** Inspect's `ContentText`. */
export interface ContentText {
  type: 'text';
  text: string;
}

/** Inspect's `ContentImage`: `image` is a `data:<mime>;base64,…` URI (openbench inlines every image). */
export interface ContentImage {
  type: 'image';
  image: string;
  /** OpenAI's detail hint; Inspect's default is `auto`. */
  detail?: 'auto' | 'low' | 'high' | 'original';
}

export type Content = ContentText | ContentImage;

/** A chat turn: plain text, or content parts (text and images) as Inspect's `ChatMessageUser` holds them. */
export interface ChatMessage {
  role: ChatRole;
  content: string | Content[];
}

/** Generation options; unset fields are not sent, so the provider's default applies. */
export interface GenerateConfig {
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
  seed?: number;
  stop?: string[];
  reasoning_effort?: 'minimal' | 'low' | 'medium' | 'high';
  /**
   * Inspect's token budget for reasoning: Gemini's `thinkingConfig.thinkingBudget` (see reasoning-effort.mapping.ts);
   * the other protocols do not send it.
   */
  reasoning_tokens?: number;
  /** Per-request timeout in milliseconds. */
  timeout_ms?: number;
  /** Ask for the output tokens' log probabilities (Inspect `logprobs`); protocols without them ignore it. */
  logprobs?: boolean;
  /** How many most likely alternatives to report per output token (Inspect `top_logprobs`), with `logprobs`. */
  top_logprobs?: number;
}

/** One output token's log probability and its most likely alternatives (Inspect `Logprob`). */
export interface TokenLogprob {
  token: string;
  logprob: number;
  top_logprobs: { token: string; logprob: number }[];
}

/**
 * Token usage of one call, as the provider reports it (Inspect's `ModelUsage` fields): `input_tokens` is the
 * provider's own prompt count, the cache fields are reported beside it where the protocol has them.
 */
export interface ModelUsage {
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
  reasoning_tokens?: number;
  input_tokens_cache_read?: number;
  input_tokens_cache_write?: number;
}

export interface GenerateResult {
  /** Text of the first choice. */
  completion: string;
  /** Normalised: one of `StopReason` (typed as string so callers can carry other Inspect values). */
  stop_reason: string;
  usage: ModelUsage;
  /** Model name as reported by the provider (falls back to the requested one). */
  model: string;
  /** Wall time of the successful attempt, milliseconds. */
  time_ms: number;
  /** How many retries this call needed before it succeeded. */
  retries: number;
  /** Per-token log probabilities of the first choice, when asked for and the protocol reports them. */
  logprobs?: TokenLogprob[];
}

/** Normalised stop reasons (Inspect's `StopReason` subset that chat text generation can produce). */
export type StopReason = 'stop' | 'max_tokens' | 'content_filter' | 'tool_calls' | 'unknown';

export type ProviderErrorKind =
  | 'auth' // 401: bad key
  | 'forbidden' // 403
  | 'not_found' // 404: model or endpoint missing
  | 'bad_request' // other 4xx
  | 'rate_limit' // 429
  | 'server' // 5xx
  | 'timeout'
  | 'network' // reset, refused, DNS
  | 'aborted'; // caller's AbortSignal fired

/** One entry of a provider's model listing; `id` is the provider's own id, without the `provider/` prefix. */
export interface ModelInfo {
  id: string;
  name?: string;
  description?: string | null;
  context_length?: number | null;
}

/** What `onRetry` receives before each backoff wait. */
export interface RetryInfo {
  /** 1 for the first retry. */
  attempt: number;
  delayMs: number;
  error: ProviderError;
}

/** A scripted mockllm reply: the completion text, or a full result. */
export type MockOutput = string | { completion: string; stop_reason?: StopReason; usage?: Partial<ModelUsage> };

export type MockOutputs = readonly MockOutput[] | ((messages: ChatMessage[], config: GenerateConfig) => MockOutput);

export interface AzureOptions {
  /** `https://<resource>.openai.azure.com`; falls back to `baseUrl`. The deployment is the model part of the id. */
  endpoint?: string;
  apiVersion?: string;
}

export interface BedrockOptions {
  region?: string;
  /** Falls back to `apiKey` (the Studio stores the access key id as the bedrock key). */
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
  /** Overrides the regional endpoint (VPC endpoints, local test servers). */
  endpoint?: string;
}

export interface ModelClientOptions {
  /** `provider/model`, e.g. `openai/gpt-4o` or `together/meta-llama/Llama-3-8b`. */
  model: string;
  apiKey?: string;
  /** The user's own endpoint; overrides the provider table's default base URL. */
  baseUrl?: string;
  /** Most requests in flight at once (openbench `--max-connections`). Default 10. */
  maxConnections?: number;
  /** Retries after the first attempt for retryable errors. Default 6. */
  maxRetries?: number;
  /** Per-request timeout; `GenerateConfig.timeout_ms` overrides it per call. Default 600 000 (10 min). */
  timeoutMs?: number;
  /** First backoff delay; doubles each retry. Default 1000. */
  retryBaseDelayMs?: number;
  /** Cap of the exponential backoff (a server's Retry-After is honoured beyond it). Default 60 000. */
  retryMaxDelayMs?: number;
  /**
   * Stream replies: SSE for OpenAI-compatible, Azure, Anthropic and Google endpoints, ConverseStream (AWS event
   * stream) for Bedrock. Default false.
   */
  stream?: boolean;
  azure?: AzureOptions;
  bedrock?: BedrockOptions;
  /**
   * SSRF guard for endpoints chosen by users: the base URL is checked when the client is created and every
   * connection resolves its host through the guard, which refuses metadata and link-local addresses (and private
   * and loopback ones with `blockPrivate`). Unset: no checks, for trusted configuration such as the CLI's.
   */
  urlPolicy?: BaseUrlPolicy;
  /**
   * Keep-alive pools lent by a long-lived caller (a worker, for all its runs): the client takes its connections from
   * them and leaves them open at `close`. Clients lending the same pools must resolve hosts alike (the same policy
   * `lookup`). Unset: the client keeps pools of its own, closed with it. Bedrock keeps its own in any case.
   */
  pools?: ConnectionPools;
  /** mockllm only: replies in order (an error once used up, like Inspect), or a function of the input. */
  mockOutputs?: MockOutputs;
  /** Called before each retry wait. */
  onRetry?: (info: RetryInfo) => void;
}

export interface ModelClient {
  /** `provider/model` as given. */
  readonly id: string;
  readonly provider: string;
  /** The model part of the id (may contain slashes). */
  readonly model: string;
  /** Current adaptive concurrency limit, between 1 and `maxConnections`. */
  readonly concurrencyLimit: number;
  generate(messages: ChatMessage[], config: GenerateConfig, signal?: AbortSignal): Promise<GenerateResult>;
  listModels(signal?: AbortSignal): Promise<ModelInfo[]>;
  /** Closes pooled connections once in-flight requests finish; later calls are rejected. */
  close(): Promise<void>;
}
