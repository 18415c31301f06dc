import { isIP } from 'node:net';
import { z } from 'zod';
import { boolEnv, encryptionKeyRing, key32Schema, metricsEnvShape, parseAppEnv, requiredString, runSubmissionEnvShape, sharedEnvShape } from '@studio/runtime';

const DEFAULT_CORS = [
  ...Array.from({ length: 6 }, (_, i) => `http://localhost:${5173 + i}`),
  ...Array.from({ length: 6 }, (_, i) => `http://127.0.0.1:${5173 + i}`),
  'http://localhost:3000',
  'http://127.0.0.1:3000',
].join(',');

/** proxy-addr's names for address ranges, usable in TRUST_PROXY beside addresses and subnets. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrSubnet(item: string): boolean {
  const [address, bits, extra] = item.split('/');
  if (extra !== undefined || isIP(address) === 0) return false;
  return bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (isIP(address) === 4 ? 32 : 128)) || isIP(bits) === 4;
}

/**
 * Express `trust proxy`: which peers may report the client's address in X-Forwarded-For. Nothing by default, so
 * every per-IP limit counts the real peer; a hop count, or the proxies' addresses, subnets and ranges. Never
 * `true`: Express would then take the leftmost entry, which the client writes itself.
 */
const trustProxySchema = z
  .string()
  .default('none')
  .transform((raw, ctx): false | number | string[] => {
    const value = raw.trim().toLowerCase();
    if (value === '' || value === 'none' || value === 'false' || value === '0') return false;
    if (/^\d+$/.test(value)) return Number(value);
    if (value === 'true') {
      ctx.addIssue({ code: 'custom', message: 'must not be true (any client could then forge its address); give a hop count such as 1, or the proxies\' addresses or subnets' });
      return z.NEVER;
    }
    const items = value.split(',').map((item) => item.trim()).filter(Boolean);
    const bad = items.filter((item) => !NAMED_RANGES.has(item) && !isAddressOrSubnet(item));
    if (bad.length > 0) {
      ctx.addIssue({ code: 'custom', message: `not an address, subnet or range (loopback, linklocal, uniquelocal): ${bad.join(', ')}` });
      return z.NEVER;
    }
    return items;
  });

const schema = z
  .object({
    ...sharedEnvShape,
    HOST: z.string().default('0.0.0.0'),
    PORT: z.coerce.number().int().min(0).max(65535).default(8000),
    JWT_SECRET: requiredString().min(32, 'must be at least 32 characters'),
    ENCRYPTION_KEY: key32Schema,
    JWT_EXPIRES_IN_SECONDS: z.coerce.number().int().min(60).default(7 * 24 * 3600),
    CORS_ORIGINS: z.string().default(DEFAULT_CORS),
    TRUST_PROXY: trustProxySchema,
    BODY_LIMIT: z.string().default('1mb'),
    BLOCK_PRIVATE_BASE_URLS: boolEnv.default(false),
    RATE_LIMIT_LOGIN_PER_IP: z.coerce.number().int().min(1).default(20),
    RATE_LIMIT_LOGIN_PER_EMAIL: z.coerce.number().int().min(1).default(10),
    RATE_LIMIT_REGISTER_PER_IP: z.coerce.number().int().min(1).default(10),
    ...runSubmissionEnvShape,
    /** Dataset uploads per user and window; each may be 50 MB and holds a database connection while it streams. */
    RATE_LIMIT_DATASETS_PER_USER: z.coerce.number().int().min(1).default(10),
    /** `GET /api/available-models` calls per user and window; each may ask every provider the user has a key for. */
    RATE_LIMIT_MODELS_PER_USER: z.coerce.number().int().min(1).default(30),
    /** Stored provider keys per user, which bounds the providers one model listing asks. */
    MAX_API_KEYS_PER_USER: z.coerce.number().int().min(1).default(100),
    /** The shortest gap between two ticks a schedule's cron expression may have (5-field crons tick at most once a minute). */
    SCHEDULE_MIN_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(60),
    /** How long a request waits on the run queue (its Redis connection retries forever) before giving up. */
    RUN_QUEUE_TIMEOUT_MS: z.coerce.number().int().min(1).default(5000),
    MODELS_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).default(3600),
    PROVIDER_HTTP_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
    MIGRATE_ON_START: boolEnv.default(true),
    SSE_HEARTBEAT_MS: z.coerce.number().int().min(100).default(15_000),
    /** A full garbage collection once this many event streams closed since the most open at once (0: never); needs `node --expose-gc`. */
    SSE_GC_CLOSED_STREAMS: z.coerce.number().int().min(0).default(1_000),
    /** ...and once the number of open event streams then stayed unchanged this long. */
    SSE_GC_QUIET_MS: z.coerce.number().int().min(0).default(5_000),
    /** How long a request may authenticate on a user row read by an earlier one (0: read on every request); see auth-user.cache.ts. */
    AUTH_USER_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(1_000),
    ...metricsEnvShape(9464),
    /** Lifetime of the admin session cookie that lets a browser open /admin/queues. */
    ADMIN_SESSION_TTL_SECONDS: z.coerce.number().int().min(60).max(7 * 24 * 3600).default(3600),
    /** After SIGTERM, how long /api/ready fails while everything else still works, so load balancers move away. */
    SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).default(5000),
    /** Then, how long in-flight requests may finish once the listener closed, before connections are cut. */
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
    /** Artifact builds (a finished run's first download, or any download of a running run) one process runs at once. */
    ARTIFACT_BUILD_CONCURRENCY: z.coerce.number().int().min(1).default(2),
    /** Downloads that may wait for a build slot; more are refused with 503 and Retry-After. */
    ARTIFACT_BUILD_QUEUE: z.coerce.number().int().min(0).default(32),
  })
  // A build holds a connection for its transaction and reads the run with another.
  .refine((e) => e.ARTIFACT_BUILD_CONCURRENCY * 2 < e.DATABASE_POOL_SIZE, {
    path: ['ARTIFACT_BUILD_CONCURRENCY'],
    message: 'must be below half of DATABASE_POOL_SIZE (each build uses two database connections)',
  });

export type GatewayEnv = z.infer<typeof schema>;

export interface GatewayConfig {
  env: GatewayEnv['NODE_ENV'];
  host: string;
  port: number;
  logLevel: GatewayEnv['LOG_LEVEL'];
  databaseUrl: string;
  databasePoolSize: number;
  redisUrl: string;
  redisPrefix: string;
  jwtSecret: string;
  jwtExpiresInSeconds: number;
  encryption: { currentVersion: number; keys: Map<number, Buffer> };
  corsOrigins: string[];
  /** Express `trust proxy`: false (no proxy), a hop count, or the proxies' addresses, subnets and ranges. */
  trustProxy: false | number | string[];
  bodyLimit: string;
  blockPrivateBaseUrls: boolean;
  rateLimits: { loginPerIp: number; loginPerEmail: number; registerPerIp: number; runsPerUser: number; datasetsPerUser: number; modelsPerUser: number; windowSeconds: number };
  maxApiKeysPerUser: number;
  maxConnectionsLimit: number;
  /** `FACTSCORE_DB_PATH` as the workers have it: the gateway refuses factscore runs when it is unset. */
  factscoreDbPath?: string;
  scheduleMinIntervalSeconds: number;
  runQueueTimeoutMs: number;
  modelsCacheTtlSeconds: number;
  providerHttpTimeoutMs: number;
  migrateOnStart: boolean;
  sseHeartbeatMs: number;
  /** The collection after a wave of closed event streams (stream-memory.scheduler.ts). */
  sseGc: { closedStreams: number; quietMs: number };
  authUserCacheMs: number;
  artifactBuilds: { concurrency: number; queue: number };
  dataDir: string;
  /** Prometheus listener; null when METRICS_PORT=off. */
  metrics: { port: number; host: string; token?: string } | null;
  adminSessionTtlSeconds: number;
  shutdown: { drainMs: number; timeoutMs: number };
}

/** Parses the environment once; throws ConfigError naming every bad variable. */
export function loadConfig(raw: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const e = parseAppEnv('gateway', schema, raw, ['JWT_SECRET', 'ENCRYPTION_KEY']);
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    jwtSecret: e.JWT_SECRET,
    jwtExpiresInSeconds: e.JWT_EXPIRES_IN_SECONDS,
    encryption: encryptionKeyRing(e),
    corsOrigins: e.CORS_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean),
    trustProxy: e.TRUST_PROXY,
    bodyLimit: e.BODY_LIMIT,
    blockPrivateBaseUrls: e.BLOCK_PRIVATE_BASE_URLS,
    rateLimits: {
      loginPerIp: e.RATE_LIMIT_LOGIN_PER_IP,
      loginPerEmail: e.RATE_LIMIT_LOGIN_PER_EMAIL,
      registerPerIp: e.RATE_LIMIT_REGISTER_PER_IP,
      runsPerUser: e.RATE_LIMIT_RUNS_PER_USER,
      datasetsPerUser: e.RATE_LIMIT_DATASETS_PER_USER,
      modelsPerUser: e.RATE_LIMIT_MODELS_PER_USER,
      windowSeconds: e.RATE_LIMIT_WINDOW_SECONDS,
    },
    maxApiKeysPerUser: e.MAX_API_KEYS_PER_USER,
    maxConnectionsLimit: e.MAX_CONNECTIONS_LIMIT,
    ...(e.FACTSCORE_DB_PATH ? { factscoreDbPath: e.FACTSCORE_DB_PATH } : {}),
    scheduleMinIntervalSeconds: e.SCHEDULE_MIN_INTERVAL_SECONDS,
    runQueueTimeoutMs: e.RUN_QUEUE_TIMEOUT_MS,
    modelsCacheTtlSeconds: e.MODELS_CACHE_TTL_SECONDS,
    providerHttpTimeoutMs: e.PROVIDER_HTTP_TIMEOUT_MS,
    migrateOnStart: e.MIGRATE_ON_START,
    sseHeartbeatMs: e.SSE_HEARTBEAT_MS,
    sseGc: { closedStreams: e.SSE_GC_CLOSED_STREAMS, quietMs: e.SSE_GC_QUIET_MS },
    authUserCacheMs: e.AUTH_USER_CACHE_MS,
    artifactBuilds: { concurrency: e.ARTIFACT_BUILD_CONCURRENCY, queue: e.ARTIFACT_BUILD_QUEUE },
    dataDir: e.DATA_DIR,
    metrics: e.METRICS_PORT === 'off' ? null : { port: e.METRICS_PORT, host: e.METRICS_HOST, ...(e.METRICS_TOKEN ? { token: e.METRICS_TOKEN } : {}) },
    adminSessionTtlSeconds: e.ADMIN_SESSION_TTL_SECONDS,
    shutdown: { drainMs: e.SHUTDOWN_DRAIN_MS, timeoutMs: e.SHUTDOWN_TIMEOUT_MS },
  };
}
