import { OPERATOR_FILE_NAMES, OPERATOR_FILES, SCORING_SERVICE_NAMES, SCORING_SERVICES, type OperatorFile, type OperatorFilePaths, type ScoringService } from '@studio/contracts';
import { z } from 'zod';
import { loadOrCreateLocalSecrets } from './local-secrets';

/** Decodes a 32-byte key given as base64 or hex. */
export function decodeKey32(value: string): Buffer | null {
  const candidates = [/^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : null, Buffer.from(value, 'base64')];
  return candidates.find((b) => b && b.length === 32) ?? null;
}

/** A string variable with a plain "is required" message when unset. */
export const requiredString = () =>
  z.string({ error: (iss) => (iss.input === undefined ? 'is required' : 'must be a string') });

export const key32Schema = requiredString().refine((v) => decodeKey32(v) !== null, 'must be 32 bytes, base64 or hex encoded');
const key32 = key32Schema;

/** `1:<key>,2:<key>` → Map(version → key). */
const previousKeys = z
  .string()
  .default('')
  .transform((v, ctx) => {
    const out = new Map<number, Buffer>();
    for (const part of v.split(',').map((s) => s.trim()).filter(Boolean)) {
      const [ver, key] = [part.slice(0, part.indexOf(':')), part.slice(part.indexOf(':') + 1)];
      const decoded = decodeKey32(key);
      if (!/^\d+$/.test(ver) || !decoded) {
        ctx.addIssue({ code: 'custom', message: 'expected comma-separated <version>:<32-byte key>' });
        return z.NEVER;
      }
      out.set(Number(ver), decoded);
    }
    return out;
  });

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Environment shared by gateway and worker. */
export const sharedEnvShape = {
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['error', 'warn', 'info', 'http', 'debug']).default('info'),
  DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/openbench'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  /** Namespaces every Redis key, channel and BullMQ queue of this deployment. */
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_.-]+$/).default('obs'),
  ENCRYPTION_KEY: key32.optional(),
  ENCRYPTION_KEY_VERSION: z.coerce.number().int().min(1).default(1),
  ENCRYPTION_PREVIOUS_KEYS: previousKeys,
  DATA_DIR: z.string().default('./data'),
  DATASETS_OFFLINE: bool.default(false),
  HF_TOKEN: z.string().optional(),
  LOCAL_SECRETS_FILE: z.string().default('./.local/secrets.json'),
};

export const boolEnv = bool;

type ScoringServiceUrlVar = (typeof SCORING_SERVICES)[ScoringService]['url_env_var'];

/**
 * Where the outside scoring services are called (worker and `studio eval`): each service's `url_env_var`
 * (`PERSPECTIVE_API_URL`, `JINA_API_URL`), else its default endpoint.
 */
export const scoringServicesEnvShape = Object.fromEntries(
  SCORING_SERVICE_NAMES.map((service) => [SCORING_SERVICES[service].url_env_var, z.string().url().default(SCORING_SERVICES[service].default_url)]),
) as Record<ScoringServiceUrlVar, z.ZodDefault<z.ZodString>>;

/** Each scoring service's endpoint, from the parsed `scoringServicesEnvShape` variables. */
export function scoringServiceUrls(e: Record<ScoringServiceUrlVar, string>): Record<ScoringService, string> {
  return Object.fromEntries(SCORING_SERVICE_NAMES.map((service) => [service, e[SCORING_SERVICES[service].url_env_var]])) as Record<ScoringService, string>;
}

/**
 * The operator's files (`OPERATOR_FILES`: FActScore's knowledge base, SciCode's test data, docs/deployment.md): where
 * workers and `studio eval` read them. Unset, the runs that need one are refused; the gateway's value only says
 * whether one is configured, so it must match the workers'.
 */
export const operatorFilesEnvShape = Object.fromEntries(
  OPERATOR_FILE_NAMES.map((file) => [OPERATOR_FILES[file].env_var, z.string().min(1).optional()]),
) as Record<(typeof OPERATOR_FILES)[OperatorFile]['env_var'], z.ZodOptional<z.ZodString>>;

/** The configured paths by file, from the parsed variables. */
export function operatorFilePaths(e: Partial<Record<string, unknown>>): OperatorFilePaths {
  const paths: OperatorFilePaths = {};
  for (const file of OPERATOR_FILE_NAMES) {
    const value = e[OPERATOR_FILES[file].env_var];
    if (typeof value === 'string' && value !== '') paths[file] = value;
  }
  return paths;
}

/**
 * What bounds a run submission, read by the gateway (`POST /api/runs`, suites) and the worker (a schedule's tick
 * creates runs too): the runs a user may create per window, the window of every rate limit, the highest
 * `max_connections` a run may ask for.
 */
export const runSubmissionEnvShape = {
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
  RATE_LIMIT_RUNS_PER_USER: z.coerce.number().int().min(1).default(30),
  /** Upper bound for a run's `max_connections` (concurrent model calls of one run). */
  MAX_CONNECTIONS_LIMIT: z.coerce.number().int().min(1).default(500),
  ...operatorFilesEnvShape,
};

/** The parsed run submission limits, as both apps' configs carry them. */
export interface RunSubmissionLimits {
  runsPerUser: number;
  windowSeconds: number;
  maxConnectionsLimit: number;
  /** The operator files configured (`FACTSCORE_DB_PATH`, `SCICODE_H5_PATH`): runs needing one are accepted only then. */
  operatorFiles: OperatorFilePaths;
}

export function runSubmissionLimits(e: {
  RATE_LIMIT_RUNS_PER_USER: number;
  RATE_LIMIT_WINDOW_SECONDS: number;
  MAX_CONNECTIONS_LIMIT: number;
  FACTSCORE_DB_PATH?: string;
  SCICODE_H5_PATH?: string;
}): RunSubmissionLimits {
  return {
    runsPerUser: e.RATE_LIMIT_RUNS_PER_USER,
    windowSeconds: e.RATE_LIMIT_WINDOW_SECONDS,
    maxConnectionsLimit: e.MAX_CONNECTIONS_LIMIT,
    operatorFiles: operatorFilePaths(e),
  };
}

/**
 * The Prometheus metrics listener of an app: a port of its own, apart from the API, so that exposing the API never
 * exposes metrics. `METRICS_PORT=off` turns it off; `METRICS_HOST` is loopback by default (containers set 0.0.0.0
 * and rely on the port not being published); `METRICS_TOKEN`, when set, must come as a bearer token.
 */
export function metricsEnvShape(defaultPort: number) {
  return {
    METRICS_PORT: z.union([z.literal('off'), z.coerce.number().int().min(1).max(65535)]).default(defaultPort),
    METRICS_HOST: z.string().min(1).default('127.0.0.1'),
    // Empty means unset, so that compose can pass `${METRICS_TOKEN:-}` through.
    METRICS_TOKEN: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(16, 'must be at least 16 characters').optional()),
  };
}

/** Formats zod issues as `VAR: message` lines naming the bad variable. */
export function describeEnvIssues(error: z.ZodError): string {
  return error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`).join('\n');
}

/**
 * Fills JWT_SECRET / ENCRYPTION_KEY from the local secrets file outside production; in production
 * they are required and a missing one is an error naming the variable.
 */
export function withLocalSecrets(
  env: NodeJS.ProcessEnv,
  needed: readonly ('JWT_SECRET' | 'ENCRYPTION_KEY')[],
): NodeJS.ProcessEnv {
  const missing = needed.filter((k) => !env[k]);
  if (missing.length === 0 || env.NODE_ENV === 'production') return env;
  const secrets = loadOrCreateLocalSecrets(env.LOCAL_SECRETS_FILE ?? './.local/secrets.json');
  const filled = { ...env };
  for (const k of missing) filled[k] = secrets[k];
  return filled;
}

/** An environment the process cannot start with; the message names every bad variable. */
export class ConfigError extends Error {}

/**
 * Parses an app's environment with its schema, after filling the `secrets` the local secrets file provides outside
 * production; throws ConfigError naming every bad variable.
 */
export function parseAppEnv<S extends z.ZodType>(
  app: string,
  schema: S,
  env: NodeJS.ProcessEnv,
  secrets: readonly ('JWT_SECRET' | 'ENCRYPTION_KEY')[],
): z.output<S> {
  const parsed = schema.safeParse(withLocalSecrets(env, secrets));
  if (!parsed.success) throw new ConfigError(`Invalid ${app} configuration:\n${describeEnvIssues(parsed.error)}`);
  return parsed.data;
}

/** The API-key encryption ring: ENCRYPTION_KEY under ENCRYPTION_KEY_VERSION, plus the ENCRYPTION_PREVIOUS_KEYS. */
export function encryptionKeyRing(env: {
  ENCRYPTION_KEY: string;
  ENCRYPTION_KEY_VERSION: number;
  ENCRYPTION_PREVIOUS_KEYS: Map<number, Buffer>;
}): { currentVersion: number; keys: Map<number, Buffer> } {
  const keys = new Map(env.ENCRYPTION_PREVIOUS_KEYS);
  keys.set(env.ENCRYPTION_KEY_VERSION, decodeKey32(env.ENCRYPTION_KEY)!);
  return { currentVersion: env.ENCRYPTION_KEY_VERSION, keys };
}

/** `load()`, or on a ConfigError its message and exit code 1, so a misconfigured process stops before starting anything. */
export function loadConfigOrExit<T>(load: () => T): T {
  try {
    return load();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}
