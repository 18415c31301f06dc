import { offAbort, onAbort } from './abort.fanout';
import { AdaptiveLimiter } from './adaptive.limiter';
import { AttemptSignal } from './attempt.signal';
import type { LimiterOutcome } from './adaptive.limiter';
import { parseModelId } from './model-id.parser';
import { createProtocol } from './protocol.factory';
import { ProviderError, isProviderError, networkError } from './provider.error';
import { retryDelayMs, sleep } from './retry.policy';
import type { BackoffOptions } from './retry.policy';
import type { ChatMessage, GenerateConfig, GenerateResult, ModelClient, ModelClientOptions, ModelInfo, RetryInfo } from './types';
import type { WireProtocol } from './wire.protocol';

export const DEFAULT_MAX_CONNECTIONS = 10;
export const DEFAULT_MAX_RETRIES = 6;
/** The OpenAI SDK's default request timeout. */
export const DEFAULT_TIMEOUT_MS = 600_000;
export const DEFAULT_RETRY_BASE_DELAY_MS = 1_000;
export const DEFAULT_RETRY_MAX_DELAY_MS = 60_000;

/**
 * A client for one `provider/model`: picks the wire protocol from the provider table, then adds per-request
 * timeouts, retries with backoff and adaptive concurrency on top of it.
 */
export function createModelClient(options: ModelClientOptions): ModelClient {
  const { provider, model } = parseModelId(options.model);
  const maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isInteger(maxRetries) || maxRetries < 0) throw new Error(`maxRetries must be a non-negative integer, got ${maxRetries}`);
  if (!(timeoutMs > 0)) throw new Error(`timeoutMs must be positive, got ${timeoutMs}`);
  const protocol = createProtocol(provider, model, options, maxConnections);
  return new RetryingModelClient(options.model, provider, model, protocol, {
    maxConnections,
    maxRetries,
    timeoutMs,
    backoff: { baseDelayMs: options.retryBaseDelayMs ?? DEFAULT_RETRY_BASE_DELAY_MS, maxDelayMs: options.retryMaxDelayMs ?? DEFAULT_RETRY_MAX_DELAY_MS },
    onRetry: options.onRetry,
  });
}

interface ClientSettings {
  maxConnections: number;
  maxRetries: number;
  timeoutMs: number;
  backoff: BackoffOptions;
  onRetry?: (info: RetryInfo) => void;
}

interface Attempted<T> {
  value: T;
  timeMs: number;
  retries: number;
}

class RetryingModelClient implements ModelClient {
  private readonly limiter: AdaptiveLimiter;
  private readonly abortedError = (): ProviderError =>
    new ProviderError({ kind: 'aborted', provider: this.provider, message: `${this.provider}: request aborted` });
  private closed = false;

  constructor(
    readonly id: string,
    readonly provider: string,
    readonly model: string,
    private readonly protocol: WireProtocol,
    private readonly settings: ClientSettings,
  ) {
    this.limiter = new AdaptiveLimiter(settings.maxConnections, this.abortedError);
  }

  get concurrencyLimit(): number {
    return this.limiter.limit;
  }

  async generate(messages: ChatMessage[], config: GenerateConfig, signal?: AbortSignal): Promise<GenerateResult> {
    const { value, timeMs, retries } = await this.run(
      (s) => this.protocol.generate(messages, config, s),
      signal,
      config.timeout_ms ?? this.settings.timeoutMs,
    );
    return {
      completion: value.completion,
      stop_reason: value.stop_reason,
      usage: value.usage,
      model: value.model,
      time_ms: timeMs,
      retries,
      ...(value.logprobs === undefined ? {} : { logprobs: value.logprobs }),
    };
  }

  async listModels(signal?: AbortSignal): Promise<ModelInfo[]> {
    return (await this.run((s) => this.protocol.listModels(s), signal, this.settings.timeoutMs)).value;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.limiter.rejectAll(this.closedError());
    await this.protocol.close();
  }

  /** Admission, one attempt, and backoff until success, a non-retryable error or the retry budget runs out. */
  private async run<T>(op: (signal: AttemptSignal) => Promise<T>, signal: AbortSignal | undefined, timeoutMs: number): Promise<Attempted<T>> {
    for (let retries = 0; ; retries++) {
      if (this.closed) throw this.closedError();
      const token = await this.limiter.acquire(signal);
      let outcome: LimiterOutcome = 'failure';
      let error: unknown;
      const started = performance.now();
      try {
        const value = await this.attempt(op, signal, timeoutMs);
        outcome = 'success';
        return { value, timeMs: performance.now() - started, retries };
      } catch (e) {
        error = e;
        if (isProviderError(e) && e.kind === 'rate_limit') outcome = 'rate_limited';
      } finally {
        this.limiter.release(token, outcome);
      }
      if (!isProviderError(error) || !error.retryable || retries >= this.settings.maxRetries) throw error;
      const delayMs = retryDelayMs(retries + 1, error.retryAfterMs, this.settings.backoff);
      this.settings.onRetry?.({ attempt: retries + 1, delayMs, error });
      await sleep(delayMs, signal, this.abortedError);
    }
  }

  /** One request under a deadline; the caller's abort and the deadline both cancel the in-flight request. */
  private async attempt<T>(op: (signal: AttemptSignal) => Promise<T>, caller: AbortSignal | undefined, timeoutMs: number): Promise<T> {
    if (caller?.aborted) throw this.abortedError();
    const signal = new AttemptSignal();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      signal.abort(new DOMException('The request timed out', 'TimeoutError'));
    }, timeoutMs);
    const cancel = (): void => signal.abort(caller?.reason);
    if (caller) onAbort(caller, cancel);
    try {
      return await op(signal);
    } catch (e) {
      if (caller?.aborted) throw this.abortedError();
      if (timedOut) {
        throw new ProviderError({ kind: 'timeout', provider: this.provider, message: `${this.provider}: request timed out after ${timeoutMs} ms` });
      }
      if (isProviderError(e)) throw e;
      throw networkError(this.provider, e) ?? e;
    } finally {
      clearTimeout(timer);
      if (caller) offAbort(caller, cancel);
    }
  }

  private closedError(): ProviderError {
    return new ProviderError({ kind: 'aborted', provider: this.provider, message: `${this.provider}: model client is closed` });
  }
}
