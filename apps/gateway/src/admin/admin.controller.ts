import { Controller, Delete, Get, OperationId, Post, Request, Response, Route, Security, SuccessResponse, Tags } from '@tsoa/runtime';
import type { Request as ExRequest } from 'express';
import type { ErrorBody } from '@studio/contracts';
import type { AppDeps } from '../deps';
import { ADMIN_SCOPE } from '../auth/authentication';
import type { AuthUser } from '../auth/jwt';
import { ADMIN_COOKIE_PATH, endAdminSession, startAdminSession } from './admin-session';
import { listWorkers, type WorkersResponse } from './admin-workers.service';

export interface AdminSession {
  /** When the session cookie expires (ISO-8601); sign in again after that. */
  expires_at: string;
  /** Pages the cookie opens, e.g. the queue dashboard at /admin/queues. */
  path: string;
}

@Route('admin')
@Tags('Administration')
export class AdminController extends Controller {
  constructor(private readonly deps: AppDeps) {
    super();
  }

  /**
   * Exchanges an administrator's bearer token for a short-lived session cookie (HttpOnly, SameSite=Strict,
   * Path=/admin, Secure over https) with which a browser can open the queue dashboard at /admin/queues.
   * Lifetime ADMIN_SESSION_TTL_SECONDS (1 hour by default).
   * @summary Open an admin session in the browser
   */
  @Post('session')
  @Security('jwt', [ADMIN_SCOPE])
  @Response<ErrorBody>(401, 'AUTH_REQUIRED')
  @Response<ErrorBody>(403, 'AUTHZ_FORBIDDEN: not an administrator')
  @OperationId('createAdminSession')
  public async createSession(@Request() req: ExRequest): Promise<AdminSession> {
    const expires = startAdminSession(this.deps.config, req, req.res!, (req.user as AuthUser).user_id);
    return { expires_at: expires.toISOString(), path: ADMIN_COOKIE_PATH };
  }

  /**
   * Ends the browser's admin session (clears the cookie). Needs no token.
   * @summary End the admin session
   */
  @Delete('session')
  @SuccessResponse(204, 'Cookie cleared')
  @OperationId('deleteAdminSession')
  public async deleteSession(@Request() req: ExRequest): Promise<void> {
    endAdminSession(req, req.res!);
    this.setStatus(204);
  }

  /**
   * Live workers (from their heartbeats in Redis) with the runs each holds and their progress, the capacity they
   * offer, and the run queue's depth: whether the workers keep up.
   * @summary List live workers and their runs
   */
  @Get('workers')
  @Security('jwt', [ADMIN_SCOPE])
  @Response<ErrorBody>(401, 'AUTH_REQUIRED')
  @Response<ErrorBody>(403, 'AUTHZ_FORBIDDEN: not an administrator')
  @Response<ErrorBody>(503, 'SERVICE_UNAVAILABLE: Redis is not reachable')
  @OperationId('listWorkers')
  public async workers(): Promise<WorkersResponse> {
    return listWorkers(this.deps);
  }
}
