/** `npm run rotate-keys` as an operator runs it: the compiled CLI in its own process, reading only its environment. */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { decryptApiKey, type KeyRing } from '@studio/db';
import { builtEntry } from '../../../../infra/test/build-on-demand';
import { createTestApp, testEnv, type TestApp } from '../../test/test-app';
import { registerUser, saveKey } from '../../test/test-user.helper';

const k1 = randomBytes(32).toString('base64');
const k2 = randomBytes(32).toString('hex');
const plaintexts = new Map<string, string>();
let t: TestApp;

interface Exit {
  code: number;
  stdout: string;
  stderr: string;
}

function rotateKeys(env: Record<string, string>): Promise<Exit> {
  const cli = builtEntry('apps/gateway/dist/src/api-keys/rotate-keys.cli.js');
  return new Promise((resolve) => {
    execFile(process.execPath, [cli], { env: { PATH: process.env.PATH ?? '', DATABASE_URL: t.database.url, LOG_LEVEL: 'error', ...env } }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const rows = () => t.deps.db.selectFrom('api_keys').selectAll().orderBy('key_id').execute();

beforeAll(async () => {
  t = await createTestApp(testEnv({ ENCRYPTION_KEY: k1 }));
  const user = await registerUser(t.app, 'rotate');
  for (const provider of ['openai', 'anthropic']) {
    const key = `sk-${provider}-${randomBytes(12).toString('hex')}`;
    plaintexts.set(await saveKey(t.app, user, provider, key), key);
  }
});
afterAll(async () => {
  await t.close();
});

test('without the old key among ENCRYPTION_PREVIOUS_KEYS it exits 1 with a message and changes nothing', async () => {
  const before = await rows();
  const run = await rotateKeys({ ENCRYPTION_KEY: k2, ENCRYPTION_KEY_VERSION: '2', JWT_SECRET: 'x'.repeat(32) });
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/version 1/);
  expect(run.stderr).not.toContain(k1);
  expect(await rows()).toEqual(before);
});

test('re-encrypts every key under the new master key, then finds nothing left to do', async () => {
  const env = { ENCRYPTION_KEY: k2, ENCRYPTION_KEY_VERSION: '2', ENCRYPTION_PREVIOUS_KEYS: `1:${k1}`, JWT_SECRET: 'x'.repeat(32) };
  const first = await rotateKeys(env);
  expect(first).toMatchObject({ code: 0, stdout: 'Re-encrypted 2 API key(s) and webhook secret(s) under master key version 2.\n' });
  const onlyNew: KeyRing = { currentVersion: 2, keys: new Map([[2, Buffer.from(k2, 'hex')]]) };
  for (const row of await rows()) {
    expect(row.key_version).toBe(2);
    expect(decryptApiKey(row.encrypted_key, onlyNew, row)).toBe(plaintexts.get(row.key_id));
  }
  expect(await rotateKeys(env)).toMatchObject({ code: 0, stdout: 'Re-encrypted 0 API key(s) and webhook secret(s) under master key version 2.\n' });
});

test('a bad configuration is named and nothing is touched', async () => {
  const run = await rotateKeys({ ENCRYPTION_KEY: 'short', JWT_SECRET: 'x'.repeat(32) });
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/ENCRYPTION_KEY/);
});
