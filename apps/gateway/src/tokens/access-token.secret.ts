import { createHash, randomBytes } from 'node:crypto';

/** Every secret starts with this, so secret scanners and people recognise a leaked one. */
export const ACCESS_TOKEN_PREFIX = 'obs_pat_';
/** Characters of the secret kept (with the prefix) to tell tokens apart in lists. */
const SHOWN_CHARACTERS = 6;

export const isAccessTokenSecret = (bearer: string) => bearer.startsWith(ACCESS_TOKEN_PREFIX);

/** A new secret: 32 random bytes (256 bits), base64url, behind the prefix. */
export function newAccessTokenSecret(): { secret: string; prefix: string; hash: string } {
  const secret = `${ACCESS_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { secret, prefix: secret.slice(0, ACCESS_TOKEN_PREFIX.length + SHOWN_CHARACTERS), hash: hashAccessTokenSecret(secret) };
}

/**
 * The stored form of a secret. A plain SHA-256 is right here, unlike for passwords: the secret has 256 bits of
 * entropy, so no dictionary or brute force can invert its hash and a slow hash (argon2) would add no protection,
 * only its cost on every API request a token makes. A deterministic hash is also what lets the database find
 * the token by an index lookup.
 */
export function hashAccessTokenSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
