import { hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { ScoringService } from '@studio/contracts';
import { boolEnv, encryptionKeyRing, key32Schema, metricsEnvShape, parseAppEnv, runSubmissionEnvShape, runSubmissionLimits, scoringServiceUrls, scoringServicesEnvShape, sharedEnvShape, type RunSubmissionLimits } from '@studio/runtime';
import { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS } from '@studio/providers';

const positiveInt = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

/** `https://huggingface.co=http://mirror:8080,https://other=...` → origin → base URL. */
const mirrors = z
  .string()
  .default('')
  .transform((value, ctx) => {
    const out: Record<string, string> = {};
    for (const part of value.split(',').map((s) => s.trim()).filter(Boolean)) {
      const eq = part.indexOf('=');
      const [origin, base] = [part.slice(0, eq), part.slice(eq + 1)];
      if (eq < 1 || !URL.canParse(origin) || !URL.canParse(base)) {
        ctx.addIssue({ code: 'custom', message: 'expected comma-separated <origin URL>=<base URL> pairs' });
        return z.NEVER;
      }
      out[origin] = base;
    }
    return out;
  });

const schema = z.object({
  ...sharedEnvShape,
  // A schedule's tick creates a run here, bounded as the gateway bounds POST /api/runs.
  ...runSubmissionEnvShape,
  ...scoringServicesEnvShape,
  ENCRYPTION_KEY: key32Schema,
  WORKER_CONCURRENCY: positiveInt(2),
  WORKER_ID: z.string().min(1).optional(),
  WORKER_STALLED_INTERVAL_MS: positiveInt(30_000),
  WORKER_LOCK_DURATION_MS: positiveInt(30_000),
  WORKER_MAX_STALLED_COUNT: z.coerce.number().int().min(0).default(2),
  SAMPLE_BATCH_SIZE: positiveInt(50),
  SAMPLE_FLUSH_MS: positiveInt(500),
  PROGRESS_INTERVAL_MS: positiveInt(500),
  PROVIDER_MAX_RETRIES: z.coerce.number().int().min(0).default(DEFAULT_MAX_RETRIES),
  PROVIDER_TIMEOUT_S: positiveInt(DEFAULT_TIMEOUT_MS / 1000),
  BLOCK_PRIVATE_BASE_URLS: boolEnv.default(false),
  RECONCILE_INTERVAL_MS: positiveInt(30_000),
  /** First retry delay of a webhook delivery, doubled after each failed attempt. */
  WEBHOOK_RETRY_DELAY_MS: positiveInt(2_000),
  /** How long a webhook receiver has to answer. */
  WEBHOOK_TIMEOUT_MS: positiveInt(10_000),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(20_000),
  DATASET_MIRRORS: mirrors,
  HF_TOKEN_TO_MIRRORS: boolEnv.default(false),
  // 9465, not the gateway's 9464, so a gateway and a worker can share a host.
  ...metricsEnvShape(9465),
  /** Sandboxed code executions (humaneval, mbpp) running at once in this process; default one per CPU. */
  SANDBOX_MAX_CONCURRENCY: z.coerce.number().int().min(1).optional(),
  /** Run model code with rlimits only when no isolation works (bubblewrap, or root with a dedicated uid). */
  SANDBOX_ALLOW_UNISOLATED: boolEnv.default(false),
  /** The Python interpreter for code benchmarks. */
  SANDBOX_PYTHON: z.string().min(1).optional(),
});

export type WorkerEnv = z.infer<typeof schema>;

export interface WorkerConfig {
  env: WorkerEnv['NODE_ENV'];
  logLevel: WorkerEnv['LOG_LEVEL'];
  databaseUrl: string;
  databasePoolSize: number;
  redisUrl: string;
  redisPrefix: string;
  encryption: { currentVersion: number; keys: Map<number, Buffer> };
  workerId: string;
  concurrency: number;
  stalledIntervalMs: number;
  lockDurationMs: number;
  maxStalledCount: number;
  sampleBatchSize: number;
  sampleFlushMs: number;
  progressIntervalMs: number;
  providerMaxRetries: number;
  /** Per-request timeout when the run's config sets none. */
  providerTimeoutMs: number;
  /** Model endpoints on private networks or loopback are refused too (metadata and link-local always are). */
  blockPrivateBaseUrls: boolean;
  /** Each outside scoring service's endpoint (`PERSPECTIVE_API_URL`, `JINA_API_URL`); runs call it with the owner's saved key. */
  scoringServiceUrls: Record<ScoringService, string>;
  reconcileIntervalMs: number;
  webhookRetryDelayMs: number;
  webhookTimeoutMs: number;
  shutdownGraceMs: number;
  /** What bounds the runs a schedule's tick creates: the same settings as the gateway's. */
  runLimits: RunSubmissionLimits;
  datasets: { cacheDir: string; offline: boolean; hfToken?: string; mirrors: Record<string, string>; hfTokenToMirrors: boolean };
  /** Prometheus metrics listener, null when METRICS_PORT=off. */
  metrics: { port: number; host: string; token?: string } | null;
  sandbox: { maxConcurrent?: number; allowUnisolated: boolean; python?: string };
}

/** Parses the environment once; throws ConfigError naming every bad variable. */
export function loadConfig(raw: NodeJS.ProcessEnv = process.env): WorkerConfig {
  // Same secrets file as the gateway outside production, so a local start decrypts the keys the gateway saved.
  const e = parseAppEnv('worker', schema, raw, ['ENCRYPTION_KEY']);
  return {
    env: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    encryption: encryptionKeyRing(e),
    workerId: e.WORKER_ID ?? `${hostname()}-${process.pid}`,
    concurrency: e.WORKER_CONCURRENCY,
    stalledIntervalMs: e.WORKER_STALLED_INTERVAL_MS,
    lockDurationMs: e.WORKER_LOCK_DURATION_MS,
    maxStalledCount: e.WORKER_MAX_STALLED_COUNT,
    sampleBatchSize: e.SAMPLE_BATCH_SIZE,
    sampleFlushMs: e.SAMPLE_FLUSH_MS,
    progressIntervalMs: e.PROGRESS_INTERVAL_MS,
    providerMaxRetries: e.PROVIDER_MAX_RETRIES,
    providerTimeoutMs: e.PROVIDER_TIMEOUT_S * 1000,
    blockPrivateBaseUrls: e.BLOCK_PRIVATE_BASE_URLS,
    scoringServiceUrls: scoringServiceUrls(e),
    reconcileIntervalMs: e.RECONCILE_INTERVAL_MS,
    webhookRetryDelayMs: e.WEBHOOK_RETRY_DELAY_MS,
    webhookTimeoutMs: e.WEBHOOK_TIMEOUT_MS,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    runLimits: runSubmissionLimits(e),
    datasets: {
      cacheDir: join(e.DATA_DIR, 'datasets'),
      offline: e.DATASETS_OFFLINE,
      ...(e.HF_TOKEN ? { hfToken: e.HF_TOKEN } : {}),
      mirrors: e.DATASET_MIRRORS,
      hfTokenToMirrors: e.HF_TOKEN_TO_MIRRORS,
    },
    metrics: e.METRICS_PORT === 'off' ? null : { port: e.METRICS_PORT, host: e.METRICS_HOST, ...(e.METRICS_TOKEN ? { token: e.METRICS_TOKEN } : {}) },
    sandbox: {
      ...(e.SANDBOX_MAX_CONCURRENCY ? { maxConcurrent: e.SANDBOX_MAX_CONCURRENCY } : {}),
      allowUnisolated: e.SANDBOX_ALLOW_UNISOLATED,
      ...(e.SANDBOX_PYTHON ? { python: e.SANDBOX_PYTHON } : {}),
    },
  };
}
