import { Client } from 'undici';
import type { Dispatcher } from 'undici';
import type { IncomingHttpHeaders } from 'node:http';
import type { LookupFunction } from 'node:net';
import { ProviderError, errorFromStatus, redirectError } from './provider.error';
import type { AttemptSignal } from './attempt.signal';
import { ConnectionPool, type ConnectionPools } from './connection.pool';
import { dispatchBuffered } from './response-buffer.handler';
import type { BufferedResponse } from './response-buffer.handler';
import { parseRetryAfter } from './retry.policy';
import { createRedactor, type Redactor } from './secret.redactor';

/** A request target split once at client creation, so calls do no URL parsing. */
export interface Endpoint {
  origin: string;
  /** Path plus query string. */
  path: string;
}

/** `base` may carry its own path (`https://api.groq.com/openai/v1`); `suffix` is appended to it. */
export function endpoint(base: string, suffix: string): Endpoint {
  const url = new URL(base.replace(/\/+$/, '') + suffix);
  return { origin: url.origin, path: url.pathname + url.search };
}

const MAX_DETAIL_CHARS = 500;

export interface ErrorDetail {
  message: string;
  code?: string;
  /** Google's `google.rpc.RetryInfo` detail: its 429s carry the wait in the body rather than in Retry-After. */
  retryAfterMs?: number;
}

/** The human message (and code) from the error bodies of OpenAI, Anthropic, Google and most compatible servers. */
export function extractErrorDetail(text: string): ErrorDetail {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { message: text.trim() };
  }
  const root = (Array.isArray(json) ? json[0] : json) as Record<string, unknown> | null;
  const error = root?.error ?? root;
  if (typeof error === 'string') return { message: error };
  const e = (error ?? {}) as Record<string, unknown>;
  const message = e.message ?? root?.message ?? root?.detail;
  const code = [e.code, e.type, e.status].find((c): c is string => typeof c === 'string');
  const detail: ErrorDetail = { message: typeof message === 'string' ? message : text.trim(), code };
  const retryAfterMs = Array.isArray(e.details) ? googleRetryDelayMs(e.details) : undefined;
  if (retryAfterMs !== undefined) detail.retryAfterMs = retryAfterMs;
  return detail;
}

/** `retryDelay` is a protobuf Duration in JSON form: seconds with an `s` suffix, e.g. "34s" or "0.250s". */
function googleRetryDelayMs(details: unknown[]): number | undefined {
  for (const d of details) {
    const delay = (d as { retryDelay?: unknown } | null)?.retryDelay;
    const match = typeof delay === 'string' ? /^(\d+(?:\.\d+)?)s$/.exec(delay) : null;
    if (match) return Math.ceil(Number(match[1]) * 1000);
  }
  return undefined;
}

export interface TransportOptions {
  provider: string;
  model: string;
  maxConnections: number;
  /** Values that must never appear in error messages (API keys). */
  secrets: readonly string[];
  /** Resolver of every new connection (the SSRF guard's pinned lookup). */
  lookup?: LookupFunction;
  /**
   * Pools lent by the caller, used instead of pools of the transport's own and left open by `close`. `scope` is
   * prefixed to the origin as their key: it must tell apart whatever makes connections differ (their resolver).
   */
  shared?: { pools: ConnectionPools; scope: string };
}

/**
 * JSON-over-HTTP over keep-alive connections, one pool per origin (the transport's own, or lent). Request timeouts are the caller's signal (a total
 * deadline), so undici's own header/body inactivity timeouts are switched off.
 */
export class HttpTransport {
  private readonly pools = new Map<string, ConnectionPool>();
  private readonly provider: string;
  private readonly model: string;
  private readonly redactor: Redactor;
  private readonly maxConnections: number;
  private readonly clientOptions: Client.Options;
  private readonly shared: TransportOptions['shared'];

  constructor(opts: TransportOptions) {
    this.shared = opts.shared;
    this.provider = opts.provider;
    this.model = opts.model;
    this.redactor = createRedactor(opts.secrets);
    this.maxConnections = opts.maxConnections;
    this.clientOptions = {
      keepAliveTimeout: 30_000,
      headersTimeout: 0,
      bodyTimeout: 0,
      ...(opts.lookup ? { connect: { lookup: opts.lookup } } : {}),
    };
  }

  async json<T>(method: 'GET' | 'POST', target: Endpoint, headers: Record<string, string>, body: string | undefined, signal: AttemptSignal): Promise<T> {
    const pool = this.poolFor(target.origin);
    const connection = pool.take();
    let res: BufferedResponse;
    try {
      res = await dispatchBuffered(connection.client, { path: target.path, method, headers, body }, signal);
    } finally {
      pool.release(connection);
    }
    if (res.status >= 300) throw this.statusError(res.status, res.text, res.headers);
    try {
      return JSON.parse(res.text) as T;
    } catch {
      throw new ProviderError({ kind: 'server', provider: this.provider, status: res.status, message: `${this.provider}: response body is not valid JSON (HTTP ${res.status})` });
    }
  }

  /** The raw body of a successful response, for SSE; its connection is released when the caller stops reading. */
  async stream(target: Endpoint, headers: Record<string, string>, body: string, signal: AttemptSignal): Promise<AsyncIterable<Uint8Array>> {
    const pool = this.poolFor(target.origin);
    const connection = pool.take();
    let res: Dispatcher.ResponseData;
    try {
      res = await connection.client.request({ path: target.path, method: 'POST', headers, body, signal: signal.toAbortSignal() });
      if (res.statusCode >= 300) throw this.statusError(res.statusCode, await res.body.text(), res.headers);
    } catch (e) {
      pool.release(connection);
      throw e;
    }
    return releasedAfter(res.body, () => pool.release(connection));
  }

  redact(text: string): string {
    return this.redactor(text);
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((pool) => pool.close()));
  }

  private poolFor(origin: string): ConnectionPool {
    if (this.shared) return this.shared.pools.pool(`${this.shared.scope} ${origin}`, () => new ConnectionPool(origin, Infinity, this.clientOptions));
    let pool = this.pools.get(origin);
    if (!pool) {
      pool = new ConnectionPool(origin, this.maxConnections, this.clientOptions);
      this.pools.set(origin, pool);
    }
    return pool;
  }

  private statusError(status: number, text: string, headers: IncomingHttpHeaders): ProviderError {
    if (status < 400) {
      const location = typeof headers.location === 'string' ? this.redact(headers.location).slice(0, MAX_DETAIL_CHARS) : undefined;
      return redirectError(this.provider, status, location);
    }
    const detail = extractErrorDetail(text);
    return errorFromStatus({
      provider: this.provider,
      model: this.model,
      status,
      detail: this.redact(detail.message).slice(0, MAX_DETAIL_CHARS),
      code: detail.code,
      retryAfterMs: parseRetryAfter(headers) ?? detail.retryAfterMs,
    });
  }
}

/** Yields the body and runs `release` when the consumer is done with it: at its end, on `break`, or on an error. */
async function* releasedAfter(body: AsyncIterable<Uint8Array>, release: () => void): AsyncGenerator<Uint8Array> {
  try {
    yield* body;
  } finally {
    release();
  }
}
