import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { ConfigError } from '@studio/runtime';
import { loadConfig } from './config';

const key = randomBytes(32);
const base = { NODE_ENV: 'test', ENCRYPTION_KEY: key.toString('base64') };

function configError(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
}

test('defaults', () => {
  const c = loadConfig(base);
  expect(c).toMatchObject({
    workerId: `${hostname()}-${process.pid}`,
    concurrency: 2,
    stalledIntervalMs: 30_000,
    lockDurationMs: 30_000,
    maxStalledCount: 2,
    sampleBatchSize: 50,
    sampleFlushMs: 500,
    progressIntervalMs: 500,
    providerMaxRetries: 6,
    providerTimeoutMs: 600_000,
    reconcileIntervalMs: 30_000,
    shutdownGraceMs: 20_000,
    redisPrefix: 'obs',
    datasets: { cacheDir: 'data/datasets', offline: false, mirrors: {}, hfTokenToMirrors: false },
  });
  expect(c.encryption).toEqual({ currentVersion: 1, keys: new Map([[1, key]]) });
});

test('previous master keys join the ring under their versions', () => {
  const old = randomBytes(32);
  const c = loadConfig({ ...base, ENCRYPTION_KEY_VERSION: '2', ENCRYPTION_PREVIOUS_KEYS: `1:${old.toString('hex')}` });
  expect(c.encryption).toEqual({ currentVersion: 2, keys: new Map([[1, old], [2, key]]) });
});

test('dataset mirrors are origin=base pairs', () => {
  const c = loadConfig({ ...base, DATASET_MIRRORS: 'https://huggingface.co=http://127.0.0.1:8080, https://openaipublic.blob.core.windows.net=http://m/' });
  expect(c.datasets.mirrors).toEqual({ 'https://huggingface.co': 'http://127.0.0.1:8080', 'https://openaipublic.blob.core.windows.net': 'http://m/' });
  expect(configError({ ...base, DATASET_MIRRORS: 'huggingface.co' })).toContain('DATASET_MIRRORS: expected comma-separated <origin URL>=<base URL> pairs');
});

test('a bad variable is named in the error', () => {
  expect(configError({ ...base, WORKER_CONCURRENCY: '0' })).toMatch(/^Invalid worker configuration:\n {2}WORKER_CONCURRENCY: /);
  expect(configError({ ...base, SAMPLE_BATCH_SIZE: 'lots' })).toContain('SAMPLE_BATCH_SIZE:');
  expect(configError({ ...base, ENCRYPTION_KEY: 'short' })).toContain('ENCRYPTION_KEY: must be 32 bytes, base64 or hex encoded');
});

test('production requires the encryption key instead of generating a local one', () => {
  expect(configError({ NODE_ENV: 'production' })).toContain('ENCRYPTION_KEY: is required');
});
