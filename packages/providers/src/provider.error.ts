import type { BaseUrlRefusedError } from './base-url.guard';
import type { ProviderErrorKind } from './types';

const FATAL_KINDS: ReadonlySet<ProviderErrorKind> = new Set(['auth', 'forbidden', 'not_found', 'bad_request']);
const RETRYABLE_KINDS: ReadonlySet<ProviderErrorKind> = new Set(['rate_limit', 'server', 'timeout', 'network']);

export interface ProviderErrorInit {
  kind: ProviderErrorKind;
  provider: string;
  message: string;
  status?: number;
  /** Wait the server asked for (Retry-After), milliseconds. */
  retryAfterMs?: number;
  /** Overrides the kind's default, e.g. a 429 for an exhausted quota is not worth retrying. */
  retryable?: boolean;
  fatal?: boolean;
  cause?: unknown;
}

/**
 * The one error type of model calls. `fatal` means no later call with the same configuration can succeed
 * (bad key, unknown model, invalid request), so a run should stop instead of failing sample after sample.
 */
export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  readonly kind: ProviderErrorKind;
  readonly provider: string;
  readonly status?: number;
  readonly retryable: boolean;
  readonly fatal: boolean;
  readonly retryAfterMs?: number;

  constructor(init: ProviderErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.provider = init.provider;
    this.status = init.status;
    this.retryAfterMs = init.retryAfterMs;
    this.retryable = init.retryable ?? RETRYABLE_KINDS.has(init.kind);
    this.fatal = init.fatal ?? FATAL_KINDS.has(init.kind);
  }
}

/** Structural check (by name, not instanceof) so errors from another copy of this package are recognised. */
export function isProviderError(e: unknown): e is ProviderError {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'ProviderError'
    && typeof (e as { kind?: unknown }).kind === 'string';
}

/** True when retrying or continuing the run is pointless: invalid key, forbidden, unknown model, bad request. */
export function isFatalProviderError(e: unknown): boolean {
  if (!isProviderError(e)) return false;
  return typeof e.fatal === 'boolean' ? e.fatal : FATAL_KINDS.has(e.kind);
}

export interface StatusErrorInit {
  provider: string;
  model: string;
  status: number;
  /** The provider's own error message, already redacted. */
  detail: string;
  /** The provider's error code or type, e.g. `insufficient_quota`. */
  code?: string;
  retryAfterMs?: number;
}

/** Maps an HTTP error status to a ProviderError, following Inspect's retry rules (408, 429 and 5xx retry). */
export function errorFromStatus(init: StatusErrorInit): ProviderError {
  const { provider, model, status, detail, code, retryAfterMs } = init;
  const suffix = detail ? `: ${detail}` : '';
  const base = { provider, status, retryAfterMs };
  if (status === 401) {
    return new ProviderError({ ...base, kind: 'auth', message: `${provider}: invalid API key (HTTP 401)${suffix}` });
  }
  if (status === 403) {
    return new ProviderError({ ...base, kind: 'forbidden', message: `${provider}: access forbidden for model "${model}" (HTTP 403)${suffix}` });
  }
  if (status === 404) {
    return new ProviderError({ ...base, kind: 'not_found', message: `${provider}: model "${model}" or its endpoint was not found (HTTP 404)${suffix}` });
  }
  if (status === 408) {
    return new ProviderError({ ...base, kind: 'timeout', message: `${provider}: the server timed out the request (HTTP 408)${suffix}` });
  }
  if (status === 429) {
    // Inspect does not retry OpenAI's "exceeded your current quota": it is a billing state, not a rate. Google words
    // its per-minute limits the same way (RESOURCE_EXHAUSTED, with a retry delay); Inspect gives up on those only
    // when the quota's limit is 0, i.e. the key has no access to the model at all.
    const quota = code === 'RESOURCE_EXHAUSTED'
      ? /\blimit: 0\b/.test(detail)
      : code === 'insufficient_quota' || /exceeded your current quota/i.test(detail);
    return new ProviderError({
      ...base,
      kind: 'rate_limit',
      message: `${provider}: ${quota ? 'quota exhausted' : 'rate limited'} (HTTP 429)${suffix}`,
      ...(quota ? { retryable: false, fatal: true } : {}),
    });
  }
  if (status >= 500) {
    return new ProviderError({ ...base, kind: 'server', message: `${provider}: server error (HTTP ${status})${suffix}` });
  }
  return new ProviderError({ ...base, kind: 'bad_request', message: `${provider}: request rejected (HTTP ${status})${suffix}` });
}

/**
 * A 3xx answer: model calls never follow redirects (the base URL was vetted, the redirect target was not), and a
 * redirect will not go away on retry. Fatal, naming where the endpoint points so the user can fix the base URL.
 */
export function redirectError(provider: string, status: number, location: string | undefined): ProviderError {
  const target = location ? ` to ${location}` : '';
  return new ProviderError({
    kind: 'bad_request',
    provider,
    status,
    message: `${provider}: the endpoint answered with a redirect (HTTP ${status})${target}; redirects are not followed, so set the base URL to the final address`,
  });
}

const NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH',
  'ENETUNREACH', 'ENETDOWN', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CLOSED',
]);

/** Transport failures below HTTP (reset, refused, DNS, socket timeouts); undefined for anything else. */
export function networkError(provider: string, e: unknown): ProviderError | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !NETWORK_CODES.has(code)) return undefined;
  const message = e instanceof Error ? e.message : String(e);
  return new ProviderError({ kind: 'network', provider, message: `${provider}: network error ${code}: ${message}`, cause: e });
}

/** A base URL the SSRF guard refused: fatal, since the same endpoint will be refused on every call. */
export function refusedBaseUrlError(provider: string, e: BaseUrlRefusedError): ProviderError {
  return new ProviderError({ kind: 'bad_request', provider, message: `${provider}: ${e.message}`, cause: e });
}
