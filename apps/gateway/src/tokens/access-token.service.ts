import { countAccessTokens, deleteAccessToken, insertAccessToken, listAccessTokens, type AccessTokenRow } from '@studio/db';
import type { AppDeps } from '../deps';
import { AppError, validationError } from '../errors/app-error';
import { TOKEN_SCOPES, isTokenScope, type TokenScope } from '../auth/token-scopes';
import type { DeletedResponse } from '../api-keys/api-key.service';
import { newAccessTokenSecret } from './access-token.secret';

/** A user may hold this many tokens; revoke one to make room. */
export const MAX_ACCESS_TOKENS_PER_USER = 100;
const MAX_EXPIRY_DAYS = 3650;

export interface AccessTokenCreate {
  /**
   * What the token is for, e.g. the CI job that uses it.
   * @minLength 1
   * @maxLength 100
   * @example "nightly CI"
   */
  name: string;
  /**
   * What the token may do: `read` (runs, statistics, profile, models, webhooks, schedules), `run` (start, cancel,
   * delete and annotate runs; manage webhooks and schedules), `admin-keys` (see and change provider keys).
   * @minItems 1
   * @example ["read", "run"]
   */
  scopes: TokenScope[];
  /**
   * Days until the token expires (1..3650); omitted or null: it never expires.
   * @isInt
   * @minimum 1
   * @maximum 3650
   */
  expires_in_days?: number | null;
}

export interface AccessTokenPublic {
  token_id: string;
  name: string;
  /** The first characters of the secret, to tell tokens apart. @example "obs_pat_Xy3k9Q" */
  prefix: string;
  scopes: TokenScope[];
  /** ISO-8601 with offset. */
  created_at: string;
  /** ISO-8601 with offset, to the minute; null if never used. */
  last_used_at: string | null;
  /** ISO-8601 with offset; null: never expires. */
  expires_at: string | null;
}

export interface AccessTokenCreated extends AccessTokenPublic {
  /** The secret, shown this once: send it as `Authorization: Bearer <token>`. Only its hash is stored. */
  token: string;
}

const toPublic = (row: AccessTokenRow): AccessTokenPublic => ({
  token_id: row.token_id,
  name: row.name,
  prefix: row.token_prefix,
  scopes: row.scopes.filter(isTokenScope),
  created_at: row.created_at.toISOString(),
  last_used_at: row.last_used_at?.toISOString() ?? null,
  expires_at: row.expires_at?.toISOString() ?? null,
});

export class AccessTokenService {
  constructor(private readonly deps: AppDeps) {}

  async create(userId: string, body: AccessTokenCreate): Promise<AccessTokenCreated> {
    const name = body.name.trim();
    if (!name) throw validationError('name', 'must not be blank');
    const scopes = [...new Set(body.scopes)].sort((a, b) => TOKEN_SCOPES.indexOf(a) - TOKEN_SCOPES.indexOf(b));
    const days = body.expires_in_days ?? null;
    if (days !== null && !(Number.isInteger(days) && days >= 1 && days <= MAX_EXPIRY_DAYS))
      throw validationError('expires_in_days', `must be an integer from 1 to ${MAX_EXPIRY_DAYS}`);
    // Counted outside a lock: two creations at once may pass the limit by one, which bounds nothing that matters.
    if ((await countAccessTokens(this.deps.db, userId)) >= MAX_ACCESS_TOKENS_PER_USER)
      throw validationError('name', `you have ${MAX_ACCESS_TOKENS_PER_USER} tokens already; revoke one first`);
    const { secret, prefix, hash } = newAccessTokenSecret();
    const row = await insertAccessToken(this.deps.db, {
      user_id: userId,
      name,
      token_prefix: prefix,
      token_hash: hash,
      scopes,
      last_used_at: null,
      expires_at: days === null ? null : new Date(Date.now() + days * 86_400_000),
    });
    this.deps.logger.info('access token created', { user_id: userId, token_id: row.token_id, scopes });
    return { ...toPublic(row), token: secret };
  }

  async list(userId: string): Promise<AccessTokenPublic[]> {
    return (await listAccessTokens(this.deps.db, userId)).map(toPublic);
  }

  async revoke(userId: string, tokenId: string): Promise<DeletedResponse> {
    if (!(await deleteAccessToken(this.deps.db, userId, tokenId))) throw new AppError('RESOURCE_NOT_FOUND', 'Access token not found');
    this.deps.logger.info('access token revoked', { user_id: userId, token_id: tokenId });
    return { status: 'deleted' };
  }
}
