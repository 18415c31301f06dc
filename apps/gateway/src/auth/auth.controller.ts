import { Body, Controller, Get, Post, Request, Response, Route, Security, Tags, OperationId } from '@tsoa/runtime';
import type { Request as ExRequest } from 'express';
import { findUserById } from '@studio/db';
import type { ErrorBody } from '@studio/contracts';
import type { AppDeps } from '../deps';
import { AppError } from '../errors/app-error';
import { AuthService, type TokenResponse, type UserPublic } from './auth.service';
import type { AuthUser } from './jwt';
import { READ } from './token-scopes';

export interface Credentials {
  /** Trimmed and lower-cased before use. @example "user@example.com" */
  email: string;
  /** At least 8 characters. @example "securepassword" */
  password: string;
}

@Route('auth')
@Tags('Authentication')
export class AuthController extends Controller {
  private readonly service: AuthService;
  constructor(private readonly deps: AppDeps) {
    super();
    this.service = new AuthService(deps);
  }

  /**
   * Create an account and receive a JWT valid for 7 days. Rate limited per IP and per email.
   * @summary Create an account
   */
  @Post('register')
  @Response<ErrorBody>(400, 'AUTH_EMAIL_EXISTS')
  @Response<ErrorBody>(422, 'VALIDATION_ERROR')
  @Response<ErrorBody>(429, 'RATE_LIMITED (see Retry-After)')
  @OperationId('register')
  public async register(@Body() body: Credentials, @Request() req: ExRequest): Promise<TokenResponse> {
    return this.service.register(body.email, body.password, req.ip ?? 'unknown');
  }

  /**
   * Exchange email and password for a JWT valid for 7 days. Rate limited per IP (every attempt) and per email (failed logins).
   * @summary Sign in
   */
  @Post('login')
  @Response<ErrorBody>(401, 'AUTH_INVALID_CREDENTIALS')
  @Response<ErrorBody>(422, 'VALIDATION_ERROR')
  @Response<ErrorBody>(429, 'RATE_LIMITED (see Retry-After)')
  @OperationId('login')
  public async login(@Body() body: Credentials, @Request() req: ExRequest): Promise<TokenResponse> {
    return this.service.login(body.email, body.password, req.ip ?? 'unknown');
  }

  /**
   * The authenticated user's profile.
   * @summary Get your profile
   */
  @Get('me')
  @Security('jwt', [READ])
  @Response<ErrorBody>(401, 'AUTH_REQUIRED')
  @OperationId('getProfile')
  public async me(@Request() req: ExRequest): Promise<UserPublic> {
    const user = await findUserById(this.deps.db, (req.user as AuthUser).user_id);
    if (!user) throw new AppError('AUTH_REQUIRED', 'User not found');
    return AuthService.toPublic(user);
  }
}
