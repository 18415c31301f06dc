import { sql } from 'kysely';
import type { Db } from '../database';
import { isUuid } from '../query.util';
import type { AccessTokenRow, NewAccessToken } from './access-token.table';

export async function insertAccessToken(db: Db, token: NewAccessToken): Promise<AccessTokenRow> {
  return db.insertInto('personal_access_tokens').values(token).returningAll().executeTakeFirstOrThrow();
}

/** The user's tokens, newest first (expired ones included: the list shows their expiry). */
export async function listAccessTokens(db: Db, userId: string): Promise<AccessTokenRow[]> {
  return db.selectFrom('personal_access_tokens').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('token_id').execute();
}

export async function countAccessTokens(db: Db, userId: string): Promise<number> {
  const row = await db.selectFrom('personal_access_tokens').where('user_id', '=', userId).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Revocation deletes the row: the secret then matches nothing. False when the user has no such token. */
export async function deleteAccessToken(db: Db, userId: string, tokenId: string): Promise<boolean> {
  if (!isUuid(tokenId)) return false;
  const res = await db.deleteFrom('personal_access_tokens').where('user_id', '=', userId).where('token_id', '=', tokenId).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

/** The token with this hash, unless it has expired. */
export async function findLiveAccessToken(db: Db, tokenHash: string): Promise<AccessTokenRow | undefined> {
  return db
    .selectFrom('personal_access_tokens')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', sql<Date>`now()`)]))
    .executeTakeFirst();
}

/**
 * Records a use. Written at most once a minute per token, so a busy CI token does not turn every read into a write;
 * the list's `last_used_at` is therefore accurate to a minute.
 */
export async function touchAccessToken(db: Db, tokenId: string): Promise<void> {
  await db
    .updateTable('personal_access_tokens')
    .set({ last_used_at: sql`now()` })
    .where('token_id', '=', tokenId)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', sql<Date>`now() - interval '1 minute'`)]))
    .execute();
}
