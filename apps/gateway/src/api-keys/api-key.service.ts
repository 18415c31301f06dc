import { findProvider } from '@studio/contracts';
import { parseBedrockCredentials } from '@studio/providers';
import { deleteApiKey, listApiKeys, upsertApiKeyWithinLimit, type ApiKeyRow } from '@studio/db';
import type { AppDeps } from '../deps';
import { AppError, validationError } from '../errors/app-error';
import { ModelListCache } from '../models/model-list.cache';
import { validateBaseUrl } from '../providers/base-url.validator';
import { encryptApiKey } from '@studio/db';

/** A stored key as the API shows it: never the key itself, only its preview. */
export interface ApiKeyPublic {
  key_id: string;
  provider: string;
  /** `...` + the last 4 characters; `****` for keys shorter than 12 characters. @example "...x7Qa" */
  key_preview: string;
  /** The user's own endpoint, or the override of the provider's default. */
  base_url: string | null;
  custom_env_var: string | null;
  /** ISO-8601 with offset. */
  created_at: string;
  /** ISO-8601 with offset. */
  updated_at: string;
}

export interface ApiKeyCreate {
  /**
   * A provider of `GET /api/api-keys/providers`, or a name of your own for an OpenAI-compatible endpoint
   * (then `base_url` is required).
   * @minLength 1
   * @maxLength 100
   * @pattern ^[a-z0-9_-]+$
   * @example "openai"
   */
  provider: string;
  /**
   * The provider API key. Leading and trailing whitespace is removed.
   * @minLength 1
   * @maxLength 4096
   * @example "sk-..."
   */
  key: string;
  /**
   * http(s) base URL of the endpoint, e.g. `http://vllm.internal:8000/v1`. Required for a provider that is not
   * predefined; overrides the default of a predefined one. Cloud metadata and link-local addresses are refused.
   * @maxLength 2048
   */
  base_url?: string | null;
  /**
   * Environment variable the key is exposed as in runs, instead of the provider's default.
   * @maxLength 100
   * @pattern ^[A-Z_][A-Z0-9_]*$
   * @example "MY_GATEWAY_API_KEY"
   */
  custom_env_var?: string | null;
}

export interface DeletedResponse {
  status: 'deleted';
}

/** Below this length the last 4 characters would give away too much of the key. */
const MIN_LENGTH_FOR_PREVIEW = 12;

export function maskKey(key: string): string {
  return key.length >= MIN_LENGTH_FOR_PREVIEW ? `...${key.slice(-4)}` : '****';
}

// Runs expose keys as environment variables; these names would change how a process loads code, where it
// connects or which certificates it trusts, instead of carrying a key.
const RESERVED_ENV = new Set([
  'PATH', 'HOME', 'SHELL', 'ENV', 'IFS', 'PS4', 'TMPDIR', 'HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'NO_PROXY',
  'SSL_CERT_FILE', 'SSL_CERT_DIR', 'REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE',
]);
const RESERVED_ENV_PREFIXES = ['LD_', 'DYLD_', 'NODE_', 'PYTHON', 'BASH_'];

function checkEnvVar(name: string): void {
  if (RESERVED_ENV.has(name) || RESERVED_ENV_PREFIXES.some((p) => name.startsWith(p)))
    throw validationError('custom_env_var', `"${name}" is reserved (it controls the process, not a provider key)`);
}

export class ApiKeyService {
  private readonly modelCache: ModelListCache;
  constructor(private readonly deps: AppDeps) {
    this.modelCache = new ModelListCache(deps.redis, deps.config.redisPrefix, deps.config.modelsCacheTtlSeconds, deps.logger);
  }

  static toPublic(row: ApiKeyRow): ApiKeyPublic {
    return {
      key_id: row.key_id,
      provider: row.provider,
      key_preview: row.key_preview,
      base_url: row.base_url,
      custom_env_var: row.custom_env_var,
      created_at: row.created_at.toISOString(),
      updated_at: row.updated_at.toISOString(),
    };
  }

  async list(userId: string): Promise<ApiKeyPublic[]> {
    return (await listApiKeys(this.deps.db, userId)).map(ApiKeyService.toPublic);
  }

  /** Insert or replace the user's key for the provider; the user's cached model lists are dropped. */
  async save(userId: string, body: ApiKeyCreate): Promise<ApiKeyPublic> {
    const { provider } = body;
    const info = findProvider(provider);
    if (info?.api_style === 'mock') throw validationError('provider', `"${provider}" is built in and needs no key`);
    const key = body.key.trim();
    if (!key) throw validationError('key', 'must not be blank');
    const rawBaseUrl = body.base_url?.trim() || null;
    if (!info && !rawBaseUrl)
      throw validationError(
        'base_url',
        `required for "${provider}", which is not a predefined provider: give the URL of your OpenAI-compatible endpoint (e.g. http://vllm.internal:8000/v1)`,
      );
    const baseUrl = rawBaseUrl && (await validateBaseUrl(rawBaseUrl, { blockPrivate: this.deps.config.blockPrivateBaseUrls }));
    if (info?.api_style === 'bedrock') {
      try {
        parseBedrockCredentials(key, baseUrl);
      } catch (err) {
        throw validationError('key', `AWS Bedrock credentials: ${(err as Error).message}`);
      }
    }
    const customEnvVar = body.custom_env_var ?? null;
    if (customEnvVar) checkEnvVar(customEnvVar);

    const { encrypted, version } = encryptApiKey(key, this.deps.config.encryption, { user_id: userId, provider });
    const maxKeys = this.deps.config.maxApiKeysPerUser;
    const row = await upsertApiKeyWithinLimit(
      this.deps.db,
      {
        user_id: userId,
        provider,
        encrypted_key: encrypted,
        key_version: version,
        key_preview: maskKey(key),
        base_url: baseUrl,
        custom_env_var: customEnvVar,
      },
      maxKeys,
    );
    if (!row)
      throw validationError(
        'provider',
        `you already store ${maxKeys} API keys, the most allowed; replace the key of one of those providers or delete one (DELETE /api/api-keys/{provider})`,
      );
    await this.modelCache.invalidate(userId);
    this.deps.logger.info('api key saved', { user_id: userId, provider, custom_endpoint: baseUrl !== null });
    return ApiKeyService.toPublic(row);
  }

  async remove(userId: string, provider: string): Promise<DeletedResponse> {
    if (!(await deleteApiKey(this.deps.db, userId, provider)))
      throw new AppError('APIKEY_NOT_FOUND', `No API key stored for provider "${provider}"`);
    await this.modelCache.invalidate(userId);
    this.deps.logger.info('api key deleted', { user_id: userId, provider });
    return { status: 'deleted' };
  }
}
