import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@studio/runtime';
import { loadConfig } from './config';

const dir = mkdtempSync(join(tmpdir(), 'gw-config-'));

test('local start needs no configuration: secrets are generated once into a private file', () => {
  const file = join(dir, 'secrets.json');
  const a = loadConfig({ LOCAL_SECRETS_FILE: file });
  const b = loadConfig({ LOCAL_SECRETS_FILE: file });
  expect(a.jwtSecret).toBe(b.jwtSecret);
  expect(a.encryption.keys.get(1)).toHaveLength(32);
  expect(statSync(file).mode & 0o777).toBe(0o600);
  expect(JSON.parse(readFileSync(file, 'utf8'))).toHaveProperty('ENCRYPTION_KEY');
  expect(a.port).toBe(8000);
});

test('production requires JWT_SECRET and ENCRYPTION_KEY and names them, generating nothing', () => {
  const file = join(dir, 'p.json');
  const error = (() => {
    try {
      loadConfig({ NODE_ENV: 'production', LOCAL_SECRETS_FILE: file });
    } catch (e) {
      return e;
    }
    return undefined;
  })();
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as Error).message).toMatch(/JWT_SECRET/);
  expect((error as Error).message).toMatch(/ENCRYPTION_KEY/);
  expect(existsSync(file)).toBe(false);
});

describe('TRUST_PROXY', () => {
  const trust = (value?: string) => loadConfig({ LOCAL_SECRETS_FILE: join(dir, 't.json'), ...(value === undefined ? {} : { TRUST_PROXY: value }) }).trustProxy;

  test('trusts no proxy by default, so per-IP limits count the real peer', () => {
    expect(trust()).toBe(false);
    expect(['', 'none', 'false', '0'].map(trust)).toEqual([false, false, false, false]);
  });

  test('a hop count, or addresses, subnets and named ranges', () => {
    expect(trust('1')).toBe(1);
    expect(trust('loopback, 10.0.0.0/8,fd00::/8, 192.168.1.5')).toEqual(['loopback', '10.0.0.0/8', 'fd00::/8', '192.168.1.5']);
    expect(trust('10.0.0.0/255.0.0.0')).toEqual(['10.0.0.0/255.0.0.0']);
  });

  test.each(['true', 'TRUE', 'loopbak', '10.0.0.0/33', '300.1.1.1', 'example.com'])('%s is refused at start-up with a message naming TRUST_PROXY', (value) => {
    expect(() => trust(value)).toThrow(/TRUST_PROXY/);
  });
});

test('a bad variable is named in the error', () => {
  expect(() => loadConfig({ LOCAL_SECRETS_FILE: join(dir, 's.json'), PORT: 'eighty' })).toThrow(/PORT/);
  expect(() => loadConfig({ LOCAL_SECRETS_FILE: join(dir, 's.json'), ENCRYPTION_KEY: 'short' })).toThrow(/ENCRYPTION_KEY: must be 32 bytes/);
  expect(() => loadConfig({ LOCAL_SECRETS_FILE: join(dir, 's.json'), ENCRYPTION_PREVIOUS_KEYS: 'x' })).toThrow(/ENCRYPTION_PREVIOUS_KEYS/);
});

test('previous encryption keys are kept by version for rotation', () => {
  const old = Buffer.alloc(32, 7).toString('base64');
  const cfg = loadConfig({
    LOCAL_SECRETS_FILE: join(dir, 'r.json'),
    ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('hex'),
    ENCRYPTION_KEY_VERSION: '2',
    ENCRYPTION_PREVIOUS_KEYS: `1:${old}`,
  });
  expect(cfg.encryption.currentVersion).toBe(2);
  expect([...cfg.encryption.keys.keys()].sort()).toEqual([1, 2]);
});

test('artifact builds: a bounded number per process, which must leave database connections for other requests', () => {
  const base = { LOCAL_SECRETS_FILE: join(dir, 'a.json') };
  expect(loadConfig(base).artifactBuilds).toEqual({ concurrency: 2, queue: 32 });
  expect(loadConfig({ ...base, ARTIFACT_BUILD_CONCURRENCY: '4', ARTIFACT_BUILD_QUEUE: '0', DATABASE_POOL_SIZE: '20' }).artifactBuilds).toEqual({ concurrency: 4, queue: 0 });
  expect(() => loadConfig({ ...base, ARTIFACT_BUILD_CONCURRENCY: '5' })).toThrow(/ARTIFACT_BUILD_CONCURRENCY: must be below half of DATABASE_POOL_SIZE/);
  expect(() => loadConfig({ ...base, ARTIFACT_BUILD_CONCURRENCY: '0' })).toThrow(/ARTIFACT_BUILD_CONCURRENCY/);
});

describe('metrics, admin session and shutdown settings', () => {
  const load = (env: Record<string, string> = {}) => loadConfig({ LOCAL_SECRETS_FILE: join(dir, 'm.json'), ...env });

  test('metrics listen on loopback port 9464 by default, apart from the API; off turns them off', () => {
    expect(load().metrics).toEqual({ port: 9464, host: '127.0.0.1' });
    expect(load({ METRICS_PORT: 'off' }).metrics).toBeNull();
    expect(load({ METRICS_PORT: '9100', METRICS_HOST: '0.0.0.0', METRICS_TOKEN: 'a-long-enough-token' }).metrics).toEqual({
      port: 9100,
      host: '0.0.0.0',
      token: 'a-long-enough-token',
    });
  });

  test.each([['METRICS_PORT', 'abc'], ['METRICS_PORT', '0'], ['METRICS_TOKEN', 'short'], ['SHUTDOWN_DRAIN_MS', '-1'], ['ADMIN_SESSION_TTL_SECONDS', '5']])(
    '%s=%s is refused, naming it',
    (name, value) => {
      expect(() => load({ [name]: value })).toThrow(new RegExp(name));
    },
  );

  test('defaults: an admin session lasts an hour; SIGTERM drains 5 s, then waits up to 10 s for requests', () => {
    const c = load();
    expect(c.adminSessionTtlSeconds).toBe(3600);
    expect(c.shutdown).toEqual({ drainMs: 5000, timeoutMs: 10_000 });
  });
});

test('an empty METRICS_TOKEN is no token (compose passes unset variables through as empty)', () => {
  expect(loadConfig({ LOCAL_SECRETS_FILE: join(dir, 'e.json'), METRICS_TOKEN: '' }).metrics).toEqual({ port: 9464, host: '127.0.0.1' });
});
