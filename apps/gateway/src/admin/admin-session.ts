/**
 * The browser session for the pages under /admin (the queue dashboard). A browser navigation cannot send the API's
 * bearer token, so an administrator exchanges it (`POST /api/admin/session`, bearer token required) for a
 * short-lived cookie that only /admin pages receive:
 * - HttpOnly (scripts cannot read it), SameSite=Strict (no other site's page, link or form sends it, which is the
 *   CSRF defence), Path=/admin (the API never receives it, so it cannot stand in for a bearer token there),
 *   Secure when the request came over https;
 * - its value is a JWT signed with a key derived from JWT_SECRET for this purpose alone, so an API token is no
 *   session and a session is no API token;
 * - every /admin request reads the user again: a revoked or disabled administrator is out at the next request.
 */
import { createHmac } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import jwt from 'jsonwebtoken';
import { findUserById } from '@studio/db';
import type { AppDeps } from '../deps';
import type { GatewayConfig } from '../config';
import { AppError } from '../errors/app-error';
import { JWT_CLOCK_SKEW_SECONDS } from '../auth/jwt';
import { adminsOnly } from '../auth/authentication';
import { adminLoginPage } from './admin-login.page';

export const ADMIN_COOKIE = 'openbench_admin';
export const ADMIN_COOKIE_PATH = '/admin';
const AUDIENCE = 'openbench-admin-session';

function sessionKey(config: GatewayConfig): Buffer {
  return createHmac('sha256', config.jwtSecret).update('openbench admin session cookie v1').digest();
}

function cookieOptions(req: Request) {
  return { httpOnly: true, sameSite: 'strict' as const, secure: req.secure, path: ADMIN_COOKIE_PATH };
}

/** Sets the session cookie for an administrator; returns when it expires. */
export function startAdminSession(config: GatewayConfig, req: Request, res: Response, userId: string): Date {
  const ttl = config.adminSessionTtlSeconds;
  const value = jwt.sign({}, sessionKey(config), { algorithm: 'HS256', subject: userId, audience: AUDIENCE, expiresIn: ttl });
  res.cookie(ADMIN_COOKIE, value, { ...cookieOptions(req), maxAge: ttl * 1000 });
  return new Date(Date.now() + ttl * 1000);
}

export function endAdminSession(req: Request, res: Response): void {
  res.clearCookie(ADMIN_COOKIE, cookieOptions(req));
}

/** The session cookie's value from the Cookie header, if any. */
function sessionCookie(req: Request): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === ADMIN_COOKIE) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** The user id of a valid, unexpired session cookie; null otherwise. */
function sessionUserId(config: GatewayConfig, req: Request): string | null {
  const value = sessionCookie(req);
  if (!value) return null;
  try {
    const payload = jwt.verify(value, sessionKey(config), { algorithms: ['HS256'], audience: AUDIENCE, clockTolerance: JWT_CLOCK_SKEW_SECONDS });
    return typeof payload === 'object' && typeof payload.sub === 'string' ? payload.sub : null;
  } catch {
    return null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A request that changes something must come from our own pages: SameSite=Strict already keeps the cookie off
 * cross-site requests; this also refuses them when a browser says where they come from.
 */
function crossSite(req: Request): boolean {
  if (SAFE_METHODS.has(req.method)) return false;
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined) return site !== 'same-origin' && site !== 'none';
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  try {
    return new URL(origin).host !== req.headers.host;
  } catch {
    return true;
  }
}

/**
 * Guards everything under /admin/queues: anonymous (no or an invalid session) 401, with the sign-in page for a
 * browser; a session whose user is no longer an active administrator 403 (or 401 when the user is gone).
 */
export function requireAdminSession(deps: AppDeps): RequestHandler {
  return (req, res, next) => {
    void (async () => {
      if (crossSite(req)) throw new AppError('AUTHZ_FORBIDDEN', 'Cross-site requests to admin pages are refused');
      const userId = sessionUserId(deps.config, req);
      const user = userId
        ? await findUserById(deps.db, userId).catch((error: unknown) => {
            deps.logger.error('admin session lookup failed', { error });
            throw new AppError('SERVICE_UNAVAILABLE', 'The database is unavailable, so the session could not be checked; try again shortly');
          })
        : undefined;
      if (!user || !user.is_active) {
        if (req.accepts(['json', 'html']) === 'html') {
          res.status(401).type('html').setHeader('Cache-Control', 'no-store').send(adminLoginPage(req.originalUrl));
          return;
        }
        throw new AppError('AUTH_REQUIRED', 'Sign in as an administrator: POST /api/admin/session with your bearer token sets the session cookie');
      }
      if (!user.is_admin) throw adminsOnly();
      res.setHeader('Cache-Control', 'no-store');
      next();
    })().catch(next);
  };
}
