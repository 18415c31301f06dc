import { Authenticator } from 'passport';
import { createDb, findRun, findSuite, listSuiteRuns, type Db } from '@studio/db';
import {
  RunProtocol,
  createFailFastRedis,
  createLogger,
  createRedis,
  createRunQueue,
  createScheduleQueue,
  createWebhookQueue,
  type Logger,
  type Redis,
  type RunEventHub,
  type RunQueue,
  type ScheduleQueue,
  type WebhookQueue,
} from '@studio/runtime';
import type { GatewayConfig } from './config';
import { AuthUserCache } from './auth/auth-user.cache';
import { createJwtAuthenticator } from './auth/jwt';
import { GatewayLifecycle } from './health/lifecycle';
import { StreamMemoryScheduler, exposedGc } from './health/stream-memory.scheduler';
import { GatewayMetrics } from './metrics/gateway-metrics';
import { RunWatches } from './runs/run-watches';
import { SuiteWatches } from './suites/suite-watches';

/** Everything a controller needs; built once per app instance and handed to controllers by the IoC factory. */
export interface AppDeps {
  config: GatewayConfig;
  db: Db;
  /** Fail-fast connection for request paths: rate limits, caches, health, event publishing. */
  redis: Redis;
  /** BullMQ producer for run jobs, on its own connection (`queueRedis`). */
  runQueue: RunQueue;
  queueRedis: Redis;
  /** BullMQ producer for webhook deliveries (a queued run canceled here); workers send them. */
  webhookQueue: WebhookQueue;
  /** The schedules' job schedulers (`schedule-ticks`): upserted and removed as schedules change; workers run the ticks. */
  scheduleQueue: ScheduleQueue;
  /** Run events and cancel requests over `redis`: status changes the gateway makes, SSE replays, cancels, stream removal. */
  runProtocol: RunProtocol;
  /** One Redis subscription per process, fanned out to SSE clients. */
  eventHub: RunEventHub;
  /** The SSE connections by run, with one heartbeat per run. */
  runWatches: RunWatches;
  /** The suites' SSE connections, with one subscription, heartbeat and pass per suite. */
  suiteWatches: SuiteWatches;
  logger: Logger;
  auth: Authenticator;
  /** The user rows of recent requests, for `AUTH_USER_CACHE_MS` (authentication.ts). */
  authUsers: AuthUserCache;
  startedAt: number;
  /** Draining after SIGTERM (readiness fails), and the open event streams ended at shutdown. */
  lifecycle: GatewayLifecycle;
  /** One garbage collection after a wave of event streams closed, so that RSS goes back down. */
  streamMemory: StreamMemoryScheduler;
  /** Prometheus metrics of this process (served on METRICS_PORT by server.ts). */
  metrics: GatewayMetrics;
}

export function createDeps(config: GatewayConfig, overrides: Partial<Pick<AppDeps, 'db' | 'logger'>> = {}): AppDeps {
  const logger =
    overrides.logger ??
    createLogger({ level: config.logLevel, json: config.env === 'production', service: 'gateway', silent: config.env === 'test' });
  const redis = createFailFastRedis(config.redisUrl);
  const queueRedis = createRedis(config.redisUrl);
  const runQueue = createRunQueue(queueRedis, config.redisPrefix);
  // Without a listener BullMQ prints connection errors to stderr; health reports Redis state instead.
  runQueue.on('error', (err) => logger.debug('run queue connection error', { error: err.message }));
  const webhookQueue = createWebhookQueue(queueRedis, config.redisPrefix);
  webhookQueue.on('error', (err) => logger.debug('webhook queue connection error', { error: err.message }));
  const scheduleQueue = createScheduleQueue(queueRedis, config.redisPrefix);
  scheduleQueue.on('error', (err) => logger.debug('schedule queue connection error', { error: err.message }));
  const runProtocol = new RunProtocol(redis, config.redisPrefix);
  const db = overrides.db ?? createDb(config.databaseUrl, { max: config.databasePoolSize, applicationName: 'openbench-gateway' });
  const eventHub = runProtocol.createEventHub();
  const streamMemory = new StreamMemoryScheduler({ ...config.sseGc, collect: exposedGc(), logger });
  return {
    config,
    logger,
    db,
    redis,
    runQueue,
    queueRedis,
    webhookQueue,
    scheduleQueue,
    runProtocol,
    eventHub,
    runWatches: new RunWatches({
      heartbeatMs: config.sseHeartbeatMs,
      readEvents: (runId, afterId) => runProtocol.readEvents(runId, afterId),
      loadRun: (runId) => findRun(db, runId),
      onResync: (listener) => eventHub.onResync(listener),
    }),
    suiteWatches: new SuiteWatches({
      heartbeatMs: config.sseHeartbeatMs,
      readEvents: (cursors) => runProtocol.readEventsOfRuns(cursors),
      loadRuns: async (suiteId) => {
        const runs = await listSuiteRuns(db, suiteId);
        return runs.length > 0 && (await findSuite(db, suiteId)) ? runs : null;
      },
      hasFinalEvent: async (runId) => (await runProtocol.lastFinalEvent(runId)) !== null,
      subscribe: (runId, listener) => eventHub.subscribe(runId, () => listener()),
      onResync: (listener) => eventHub.onResync(listener),
      logger,
    }),
    auth: createJwtAuthenticator(config),
    authUsers: new AuthUserCache(config.authUserCacheMs),
    startedAt: Date.now(),
    lifecycle: new GatewayLifecycle((open) => streamMemory.streamsChanged(open)),
    streamMemory,
    metrics: new GatewayMetrics({ runQueue, db, sseSubscribers: () => eventHub.listenerCount() }),
  };
}

export async function closeDeps(deps: AppDeps): Promise<void> {
  deps.runWatches.close();
  deps.suiteWatches.close();
  deps.streamMemory.close();
  await Promise.allSettled([deps.eventHub.close(), deps.runQueue.close(), deps.webhookQueue.close(), deps.scheduleQueue.close()]);
  await Promise.allSettled([deps.db.destroy(), deps.redis.quit(), deps.queueRedis.quit()]);
}
