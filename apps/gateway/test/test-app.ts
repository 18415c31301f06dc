import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { createTestDatabase, type TestDatabase } from '@studio/db/testing';
import { createApp } from '../src/app';
import { loadConfig, type GatewayConfig } from '../src/config';
import { createDeps, type AppDeps } from '../src/deps';

export interface TestApp {
  app: Express;
  deps: AppDeps;
  config: GatewayConfig;
  database: TestDatabase;
  close(): Promise<void>;
}

/** Environment for a test gateway: its own Redis prefix, generous rate limits unless overridden. */
export function testEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `test-${randomBytes(5).toString('hex')}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    RATE_LIMIT_LOGIN_PER_IP: '10000',
    RATE_LIMIT_LOGIN_PER_EMAIL: '10000',
    RATE_LIMIT_REGISTER_PER_IP: '10000',
    RATE_LIMIT_RUNS_PER_USER: '10000',
    RATE_LIMIT_DATASETS_PER_USER: '10000',
    RATE_LIMIT_MODELS_PER_USER: '10000',
    ...extra,
  };
}

async function deleteKeys(deps: AppDeps): Promise<void> {
  const keys = await deps.redis.keys(`${deps.config.redisPrefix}:*`);
  if (keys.length) await deps.redis.del(...keys);
}

/** A gateway app on a fresh database; pass `database` to share one between two apps. */
export async function createTestApp(
  env: NodeJS.ProcessEnv = testEnv(),
  shared?: { database: TestDatabase },
): Promise<TestApp> {
  const database = shared?.database ?? (await createTestDatabase());
  const config = loadConfig({ ...env, DATABASE_URL: database.url });
  const deps = createDeps(config, { db: database.db });
  return {
    app: createApp(deps),
    deps,
    config,
    database,
    async close() {
      await deleteKeys(deps).catch(() => undefined);
      await Promise.allSettled([deps.eventHub.close(), deps.runQueue.close(), deps.webhookQueue.close(), deps.scheduleQueue.close()]);
      await Promise.allSettled([deps.redis.quit(), deps.queueRedis.quit()]);
      if (!shared) await database.destroy();
    },
  };
}

export interface ListeningApp {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves `app` over real HTTP on a free loopback port, for clients supertest cannot stand in for (EventSource, fetch).
 * `close` drops open connections first: an SSE stream would otherwise keep the server from closing.
 */
export async function listen(app: Express): Promise<ListeningApp> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
