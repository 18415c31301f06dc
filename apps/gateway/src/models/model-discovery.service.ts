import { createHash } from 'node:crypto';
import { findProvider, type ErrorCode } from '@studio/contracts';
import { createModelClient, isProviderError, parseModelId, type ModelInfo } from '@studio/providers';
import { decryptApiKey, findApiKey, KeyCipherError, listApiKeys, type ApiKeyRow } from '@studio/db';
import { RateLimiter } from '../auth/rate-limiter';
import type { AppDeps } from '../deps';
import { AppError } from '../errors/app-error';
import { validateBaseUrl } from '../providers/base-url.validator';
import { ModelListCache, type DiscoveredModel } from './model-list.cache';

export interface ProviderListError {
  code: ErrorCode;
  /** Starts with the provider, e.g. `openai: invalid API key (HTTP 401)`. */
  detail: string;
}

export interface ProviderModels {
  provider: string;
  display_name: string;
  /** Empty when `error` is set. */
  models: DiscoveredModel[];
  /** Why this provider's models could not be listed; null on success. */
  error: ProviderListError | null;
}

export interface AvailableModelsResponse {
  /** One entry per stored key, ordered by provider. */
  providers: ProviderModels[];
}

type Outcome = { models: DiscoveredModel[]; error?: undefined } | { error: ProviderListError; models?: undefined };

// One quick retry for a 429 or 5xx; anything longer would not fit the request's deadline anyway.
const LIST_RETRIES = 1;
const RETRY_DELAY_MS = 500;
/** Providers asked at once; a user may store up to MAX_API_KEYS_PER_USER keys. */
const LISTING_CONCURRENCY = 8;

/** Identifies a key row's content: every save re-encrypts with a fresh IV, so a replaced key gets a new one. */
function fingerprint(row: ApiKeyRow): string {
  return createHash('sha256').update(row.encrypted_key).digest('base64url');
}

function toModel(provider: string, m: ModelInfo): DiscoveredModel {
  // Always prefixed, also ids that contain `/` themselves (Together, OpenRouter): runs need `provider/<id>`.
  return { id: `${provider}/${m.id}`, name: m.name ?? m.id, description: m.description ?? null, context_length: m.context_length ?? null };
}

/** `fn` over `items` with at most `limit` calls in flight; results in the order of `items`. */
async function mapConcurrent<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

function rejectOnAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
}

/** Lists the models of every provider the user has a key for, from the providers' own model endpoints. */
export class ModelDiscoveryService {
  private readonly cache: ModelListCache;
  private readonly limiter: RateLimiter;
  constructor(private readonly deps: AppDeps) {
    this.cache = new ModelListCache(deps.redis, deps.config.redisPrefix, deps.config.modelsCacheTtlSeconds, deps.logger);
    this.limiter = new RateLimiter(deps.redis, deps.config.redisPrefix);
  }

  /** Rate limited per user: every call may send a request to each provider the user has a key for. */
  async available(userId: string, forceRefresh: boolean): Promise<AvailableModelsResponse> {
    const rl = this.deps.config.rateLimits;
    await this.limiter.hit([{ key: `models:user:${userId}`, limit: rl.modelsPerUser, windowSeconds: rl.windowSeconds, what: 'model listings' }]);
    const rows = await listApiKeys(this.deps.db, userId);
    if (rows.length === 0) return { providers: [] };
    const cached = forceRefresh ? new Map<string, DiscoveredModel[]>() : await this.cache.read(userId, new Map(rows.map((r) => [r.provider, fingerprint(r)])));

    const outcomes = await mapConcurrent(rows, LISTING_CONCURRENCY, async (row): Promise<Outcome> => {
      const hit = cached.get(row.provider);
      return hit ? { models: hit } : this.fetch(row);
    });

    const fresh = new Map<string, { fingerprint: string; models: DiscoveredModel[] }>();
    const failed: string[] = [];
    rows.forEach((row, i) => {
      const o = outcomes[i];
      if (o.error) failed.push(row.provider);
      else if (!cached.has(row.provider)) fresh.set(row.provider, { fingerprint: fingerprint(row), models: o.models });
    });
    await this.cache.update(userId, fresh, failed);

    if (failed.length === rows.length) {
      throw new AppError('EXTERNAL_SERVICE_ERROR', `No provider could list its models: ${outcomes.map((o) => o.error!.detail).join('; ')}`);
    }
    return {
      providers: rows.map((row, i) => ({
        provider: row.provider,
        display_name: findProvider(row.provider)?.display_name ?? row.provider,
        models: outcomes[i].models ?? [],
        error: outcomes[i].error ?? null,
      })),
    };
  }

  /**
   * The context window of `model` (`provider/id`) as its provider's listing reported it, from the user's cached
   * listing only (no provider is asked): null when the listing is not cached or gives no window.
   */
  async cachedContextLength(userId: string, model: string): Promise<number | null> {
    const { provider } = parseModelId(model);
    const row = await findApiKey(this.deps.db, userId, provider);
    if (!row) return null;
    const lists = await this.cache.read(userId, new Map([[provider, fingerprint(row)]]));
    return lists.get(provider)?.find((m) => m.id === model)?.context_length ?? null;
  }

  /** One provider's listing under the request deadline; every failure becomes that provider's error. */
  private async fetch(row: ApiKeyRow): Promise<Outcome> {
    const timeoutMs = this.deps.config.providerHttpTimeoutMs;
    const deadline = AbortSignal.timeout(timeoutMs);
    let key: string | undefined;
    try {
      key = decryptApiKey(row.encrypted_key, this.deps.config.encryption, row);
      const models = await Promise.race([this.listModels(row, key, deadline), rejectOnAbort(deadline)]);
      return { models: models.map((m) => toModel(row.provider, m)) };
    } catch (err) {
      const error = this.describe(err, row.provider, key, deadline.aborted);
      this.deps.logger.warn('model listing failed', { provider: row.provider, code: error.code, detail: error.detail });
      return { error };
    }
  }

  private async listModels(row: ApiKeyRow, key: string, deadline: AbortSignal): Promise<ModelInfo[]> {
    const base = row.base_url ?? findProvider(row.provider)?.base_url ?? null;
    const urlPolicy = { blockPrivate: this.deps.config.blockPrivateBaseUrls };
    // Checked again right before the request: the host may resolve differently than when the key was saved. The
    // client then resolves every connection through the same guard, so a second, different DNS answer is refused too.
    const baseUrl = base === null ? undefined : await validateBaseUrl(base, urlPolicy);
    const client = createModelClient({
      model: `${row.provider}/models`,
      apiKey: key,
      baseUrl,
      urlPolicy,
      maxConnections: 1,
      maxRetries: LIST_RETRIES,
      retryBaseDelayMs: RETRY_DELAY_MS,
      timeoutMs: this.deps.config.providerHttpTimeoutMs,
    });
    try {
      return await client.listModels(deadline);
    } finally {
      await client.close().catch(() => undefined);
    }
  }

  private describe(err: unknown, provider: string, key: string | undefined, timedOut: boolean): ProviderListError {
    // Providers may echo the key in error bodies; the transport redacts it, this is the last line of defence.
    const scrub = (text: string) => (key ? text.split(key).join('[redacted]') : text);
    if (timedOut) return { code: 'EXTERNAL_SERVICE_ERROR', detail: `${provider}: no answer within ${this.deps.config.providerHttpTimeoutMs} ms` };
    if (err instanceof AppError) return { code: err.code, detail: `${provider}: ${scrub(err.detail)}` };
    if (err instanceof KeyCipherError) return { code: 'SERVER_ERROR', detail: `${provider}: ${err.message}` };
    if (isProviderError(err)) {
      const detail = err.kind === 'not_found' ? `${provider}: the models endpoint was not found (HTTP 404)` : err.message;
      return { code: 'EXTERNAL_SERVICE_ERROR', detail: scrub(detail) };
    }
    this.deps.logger.error('unexpected model listing error', { provider, error: err instanceof Error ? scrub(err.message) : 'unknown' });
    return { code: 'EXTERNAL_SERVICE_ERROR', detail: `${provider}: model listing failed` };
  }
}
