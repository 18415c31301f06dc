import { Controller, Get, Response, Route, Tags, OperationId } from '@tsoa/runtime';
import { pingDatabase } from '@studio/db';
import type { Redis } from '@studio/runtime';
import type { AppDeps } from '../deps';
import { API_VERSION, OPENBENCH_COMPAT_VERSION, STUDIO_VERSION } from '../version';

export interface HealthResponse {
  status: 'healthy' | 'unhealthy';
  database: 'connected' | 'error';
  redis: 'connected' | 'error';
  version: string;
  /** Seconds since this gateway process started. */
  uptime: number;
}

export interface ReadinessResponse {
  /** `ready` to take traffic; `draining` after SIGTERM (shutting down); `unavailable` when a dependency is down. */
  status: 'ready' | 'draining' | 'unavailable';
  database: 'connected' | 'error';
  redis: 'connected' | 'error';
}

export interface VersionResponse {
  web_ui: string;
  api: string;
  /** The openbench release whose prompts, extraction and metrics the engine reproduces. */
  openbench: string | null;
  openbench_available: boolean;
  engine: string;
}

const CHECK_TIMEOUT_MS = 2000;

/**
 * A reconnecting client means Redis is down now: a queued PING would only fail after the command
 * timeout. A client still making its first connection gets the check's time to finish it.
 */
async function pingRedis(redis: Redis): Promise<unknown> {
  if (redis.status === 'connecting' || redis.status === 'connect' || redis.status === 'wait') {
    await new Promise<void>((resolve, reject) => {
      const onReady = () => {
        clearTimeout(timer);
        resolve();
      };
      // The connection is shared by every request: a listener left behind on each timed-out check would pile up.
      const timer = setTimeout(() => {
        redis.off('ready', onReady);
        reject(new Error('redis not ready'));
      }, CHECK_TIMEOUT_MS);
      redis.once('ready', onReady);
    });
  }
  if (redis.status !== 'ready') throw new Error(`redis ${redis.status}`);
  return redis.ping();
}

async function check(probe: () => Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([probe().then(() => true, () => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

@Route('')
@Tags('Health & Status')
export class HealthController extends Controller {
  constructor(private readonly deps: AppDeps) {
    super();
  }

  /**
   * Liveness and dependency state; 503 when PostgreSQL or Redis is unreachable.
   * @summary Check health
   */
  @Get('health')
  @Response<HealthResponse>(503, 'A dependency is down')
  @OperationId('getHealth')
  public async health(): Promise<HealthResponse> {
    const [dbOk, redisOk] = await this.dependencies();
    if (!dbOk || !redisOk) this.setStatus(503);
    return {
      status: dbOk && redisOk ? 'healthy' : 'unhealthy',
      database: dbOk ? 'connected' : 'error',
      redis: redisOk ? 'connected' : 'error',
      version: STUDIO_VERSION,
      uptime: Math.round((Date.now() - this.deps.startedAt) / 100) / 10,
    };
  }

  /**
   * Whether this gateway should receive traffic (load balancer and Kubernetes readiness): 503 while it drains after
   * SIGTERM, before it stops listening, and while PostgreSQL or Redis is unreachable.
   * @summary Check readiness for traffic
   */
  @Get('ready')
  @Response<ReadinessResponse>(503, 'Draining, or a dependency is down')
  @OperationId('getReadiness')
  public async ready(): Promise<ReadinessResponse> {
    const [dbOk, redisOk] = await this.dependencies();
    const draining = this.deps.lifecycle.draining;
    const status = draining ? 'draining' : dbOk && redisOk ? 'ready' : 'unavailable';
    if (status !== 'ready') this.setStatus(503);
    return { status, database: dbOk ? 'connected' : 'error', redis: redisOk ? 'connected' : 'error' };
  }

  private dependencies(): Promise<[boolean, boolean]> {
    return Promise.all([check(() => pingDatabase(this.deps.db)), check(() => pingRedis(this.deps.redis))]);
  }

  /**
   * Versions of the Studio, the API contract and the benchmark engine.
   * @summary Get versions
   */
  @Get('version')
  @OperationId('getVersion')
  public version(): VersionResponse {
    return {
      web_ui: STUDIO_VERSION,
      api: API_VERSION,
      openbench: OPENBENCH_COMPAT_VERSION,
      openbench_available: true,
      engine: 'openbench-studio-ts',
    };
  }
}
