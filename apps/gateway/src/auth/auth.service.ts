import argon2 from 'argon2';
import { z } from 'zod';
import { findUserByEmail, insertUser, normaliseEmail, type UserRow } from '@studio/db';
import type { AppDeps } from '../deps';
import { AppError } from '../errors/app-error';
import { signAccessToken } from './jwt';
import { RateLimiter } from './rate-limiter';

export interface TokenResponse {
  access_token: string;
  token_type: 'bearer';
}

export interface UserPublic {
  user_id: string;
  email: string;
  /** ISO-8601 with offset. */
  created_at: string;
  is_active: boolean;
  /** May open the queue dashboard (`/admin/queues`) and `GET /api/admin/workers`. */
  is_admin: boolean;
}

const emailSchema = z.string().max(254).email();
const MIN_PASSWORD = 8;
const MAX_PASSWORD = 1024;

// A real argon2 hash to verify against when the email is unknown, so response time does not reveal
// whether an account exists.
let dummyHash: Promise<string> | undefined;

export class AuthService {
  private readonly limiter: RateLimiter;
  constructor(private readonly deps: AppDeps) {
    this.limiter = new RateLimiter(deps.redis, deps.config.redisPrefix);
  }

  async register(rawEmail: string, password: string, ip: string): Promise<TokenResponse> {
    const email = this.validEmail(rawEmail);
    const rl = this.deps.config.rateLimits;
    await this.limiter.hit([
      { key: `register:ip:${ip}`, limit: rl.registerPerIp, windowSeconds: rl.windowSeconds, what: 'registrations from this address' },
      { key: `register:email:${email}`, limit: rl.loginPerEmail, windowSeconds: rl.windowSeconds, what: 'attempts for this email' },
    ]);
    if (password.length < MIN_PASSWORD)
      throw new AppError('VALIDATION_ERROR', `password: must be at least ${MIN_PASSWORD} characters`, {
        fields: [{ field: 'password', message: `must be at least ${MIN_PASSWORD} characters` }],
      });
    if (password.length > MAX_PASSWORD)
      throw new AppError('VALIDATION_ERROR', `password: must be at most ${MAX_PASSWORD} characters`, {
        fields: [{ field: 'password', message: `must be at most ${MAX_PASSWORD} characters` }],
      });
    const hashed = await argon2.hash(password, { type: argon2.argon2id });
    const user = await insertUser(this.deps.db, { email, hashed_password: hashed });
    if (!user)
      throw new AppError('AUTH_EMAIL_EXISTS', 'An account with this email already exists', {
        fields: [{ field: 'email', message: 'already registered' }],
      });
    this.deps.logger.info('user registered', { user_id: user.user_id });
    return this.token(user);
  }

  /**
   * Every attempt counts against the caller's IP. Per email only failures count, and a success clears them, so
   * logging in never uses up an account's budget. Once an email has RATE_LIMIT_LOGIN_PER_EMAIL failures in a
   * window, every attempt for it, the right password too, is refused until the window ends: otherwise the
   * limit would not bound password guessing.
   */
  async login(rawEmail: string, password: string, ip: string): Promise<TokenResponse> {
    const email = normaliseEmail(rawEmail);
    const rl = this.deps.config.rateLimits;
    const failures = { key: `login:failed:${email}`, limit: rl.loginPerEmail, windowSeconds: rl.windowSeconds, what: 'failed logins for this account' };
    await this.limiter.hit([{ key: `login:ip:${ip}`, limit: rl.loginPerIp, windowSeconds: rl.windowSeconds, what: 'login attempts from this address' }]);
    await this.limiter.check([failures]);
    const user = await findUserByEmail(this.deps.db, email);
    dummyHash ??= argon2.hash('not-a-real-password', { type: argon2.argon2id });
    const ok = await argon2.verify(user?.hashed_password ?? (await dummyHash), password).catch(() => false);
    if (!user || !ok || !user.is_active) {
      await this.limiter.record([failures]);
      throw new AppError('AUTH_INVALID_CREDENTIALS', 'The email or password you entered is incorrect');
    }
    // The login succeeded; a count left behind only makes the next failures reach the limit sooner.
    await this.limiter.clear(failures).catch((error: unknown) => this.deps.logger.warn('failed-login count not cleared', { error }));
    return this.token(user);
  }

  static toPublic(user: UserRow): UserPublic {
    return { user_id: user.user_id, email: user.email, created_at: user.created_at.toISOString(), is_active: user.is_active, is_admin: user.is_admin };
  }

  private validEmail(raw: string): string {
    const email = normaliseEmail(raw);
    if (!emailSchema.safeParse(email).success)
      throw new AppError('VALIDATION_ERROR', 'email: not a valid email address', {
        fields: [{ field: 'email', message: 'not a valid email address' }],
      });
    return email;
  }

  private token(user: UserRow): TokenResponse {
    return { access_token: signAccessToken(this.deps.config, { user_id: user.user_id, email: user.email }), token_type: 'bearer' };
  }
}
