import type { Request } from 'express';
import { findLiveAccessToken, findUserById, touchAccessToken, type UserRow } from '@studio/db';
import { AppError } from '../errors/app-error';
import type { AppDeps } from '../deps';
import { hashAccessTokenSecret, isAccessTokenSecret } from '../tokens/access-token.secret';
import type { AuthUser } from './jwt';
import { isTokenScope } from './token-scopes';

const unauthorized = (detail: string) =>
  new AppError('AUTH_REQUIRED', detail, { headers: { 'WWW-Authenticate': 'Bearer' } });

function verify(req: Request, deps: AppDeps): Promise<AuthUser | null> {
  return new Promise((resolve, reject) => {
    deps.auth.authenticate('jwt', { session: false }, (err: unknown, user: AuthUser | false) => {
      if (err) reject(err);
      else resolve(user || null);
    })(req, req.res, () => undefined);
  });
}

/** The scope of `@Security('jwt', [ADMIN_SCOPE])`: the user must be an administrator (403 otherwise). */
export const ADMIN_SCOPE = 'admin';

export const adminsOnly = () => new AppError('AUTHZ_FORBIDDEN', 'Administrators only: ask an administrator to run `studio admin grant <your email>`');

const unavailable = (deps: AppDeps) => (error: unknown) => {
  deps.logger.error('credential lookup failed', { error });
  throw new AppError('SERVICE_UNAVAILABLE', 'The database is unavailable, so the token could not be checked; try again shortly');
};

/**
 * A personal access token: its user, if the token exists, has not expired and holds the scope the operation names.
 * An operation naming no token scope (managing tokens, administration) is for browser sessions only.
 */
async function tokenUser(deps: AppDeps, secret: string, scopes: string[]): Promise<string> {
  const token = await findLiveAccessToken(deps.db, hashAccessTokenSecret(secret)).catch(unavailable(deps));
  if (!token) throw unauthorized('Invalid, revoked or expired access token');
  const needed = scopes.filter(isTokenScope);
  if (needed.length === 0 || scopes.includes(ADMIN_SCOPE))
    throw new AppError('TOKEN_SCOPE_INSUFFICIENT', 'Access tokens cannot do this; sign in to the Studio instead');
  const missing = needed.filter((s) => !token.scopes.includes(s));
  if (missing.length > 0) throw new AppError('TOKEN_SCOPE_INSUFFICIENT', `This access token lacks the scope ${missing.map((s) => `'${s}'`).join(', ')}`);
  touchAccessToken(deps.db, token.token_id).catch((error: unknown) => deps.logger.warn('access token use not recorded', { error }));
  return token.user_id;
}

async function jwtUser(req: Request, deps: AppDeps): Promise<string> {
  const user = await verify(req, deps);
  if (!user) throw unauthorized('Invalid or expired token');
  return user.user_id;
}

/**
 * tsoa security hook, the one authentication path of the API. The bearer credential is a JWT (a browser session,
 * from login) or a personal access token (`obs_pat_…`). `jwt`: a valid credential of an active user is required;
 * with the `admin` scope the user must also be an administrator (read from the database on every such request, so a
 * revocation takes effect at once) and the credential a JWT. Other operations take the user's row from
 * `deps.authUsers`: a user disabled or deleted is refused at most `AUTH_USER_CACHE_MS` (1 s) later. `jwt_optional`: no Authorization header means an
 * anonymous caller (null); a credential that is present must be valid. The token scopes an operation names
 * (`read`, `run`, `admin-keys`) bind access tokens only: a JWT may do all its user may.
 */
export async function expressAuthentication(req: Request, securityName: string, scopes: string[] = []): Promise<AuthUser | null> {
  const deps = req.app.locals.deps as AppDeps;
  const header = req.headers.authorization;
  if (securityName === 'jwt_optional' && !header) return null;
  if (!header) throw unauthorized('Authentication required');
  const bearer = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  const userId = bearer && isAccessTokenSecret(bearer) ? await tokenUser(deps, bearer, scopes) : await jwtUser(req, deps);
  // Administration is decided on the row as it is now; anything else may use one read up to AUTH_USER_CACHE_MS ago.
  const admin = scopes.includes(ADMIN_SCOPE);
  const read = (id: string) => findUserById(deps.db, id);
  const lookup = admin ? read(userId) : deps.authUsers.get(userId, read);
  // Only a missing user is a 401: clients log out on it, which a database outage must not cause.
  const row: UserRow | undefined = await lookup.catch(unavailable(deps));
  if (!row) throw unauthorized('User not found');
  if (!row.is_active) throw unauthorized('User account is disabled');
  if (admin && !row.is_admin) throw adminsOnly();
  return { user_id: row.user_id, email: row.email };
}
