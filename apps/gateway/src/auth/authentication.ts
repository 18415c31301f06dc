import type { Request } from 'express';
import { findUserById } from '@studio/db';
import { AppError } from '../errors/app-error';
import type { AppDeps } from '../deps';
import type { AuthUser } from './jwt';

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

/**
 * tsoa security hook. `jwt`: a valid HS256 token of an active user is required; with the `admin` scope the user
 * must also be an administrator (read from the database on every request, so a revocation takes effect at once).
 * `jwt_optional`: no Authorization header means an anonymous caller (null); a token that is present must be valid.
 */
export async function expressAuthentication(req: Request, securityName: string, scopes: string[] = []): Promise<AuthUser | null> {
  const deps = req.app.locals.deps as AppDeps;
  const hasToken = Boolean(req.headers.authorization);
  if (securityName === 'jwt_optional' && !hasToken) return null;
  if (!hasToken) throw unauthorized('Authentication required');
  const user = await verify(req, deps);
  if (!user) throw unauthorized('Invalid or expired token');
  // Only a missing user is a 401: clients log out on it, which a database outage must not cause.
  const row = await findUserById(deps.db, user.user_id).catch((error: unknown) => {
    deps.logger.error('user lookup failed', { error });
    throw new AppError('SERVICE_UNAVAILABLE', 'The database is unavailable, so the token could not be checked; try again shortly');
  });
  if (!row) throw unauthorized('User not found');
  if (!row.is_active) throw unauthorized('User account is disabled');
  if (scopes.includes(ADMIN_SCOPE) && !row.is_admin) throw adminsOnly();
  return { user_id: row.user_id, email: row.email };
}
