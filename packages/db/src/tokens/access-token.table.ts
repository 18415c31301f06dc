import type { Generated, Insertable, Selectable } from 'kysely';

/** A personal access token: a long-lived credential for scripts and CI, bounded by its scopes. */
export interface AccessTokenTable {
  token_id: Generated<string>;
  user_id: string;
  name: string;
  /** The first characters of the secret, shown in lists so a user can tell tokens apart. */
  token_prefix: string;
  /** Hex SHA-256 of the secret; unique, the lookup key on every request. */
  token_hash: string;
  scopes: string[];
  created_at: Generated<Date>;
  last_used_at: Date | null;
  expires_at: Date | null;
}

export type AccessTokenRow = Selectable<AccessTokenTable>;
export type NewAccessToken = Insertable<AccessTokenTable>;
