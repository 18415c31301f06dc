import { randomBytes } from 'node:crypto';
import { updateEncryptedKey, type ApiKeyRow } from '@studio/db';
import { createTestApp, testEnv, type TestApp } from '../../test/test-app';
import { registerUser, saveKey } from '../../test/test-user.helper';
import request from 'supertest';
import { decryptApiKey, findServiceKey, serviceKeyOwner, webhookSecretOwner, type KeyRing } from '@studio/db';
import { reencryptApiKeys } from './key-rotation.service';

const k1 = randomBytes(32).toString('base64');
const k2 = randomBytes(32).toString('base64');
const k3 = randomBytes(32).toString('base64');
const plaintexts = new Map<string, string>();

let v1: TestApp;
let v2: TestApp;

const rows = (t: TestApp): Promise<ApiKeyRow[]> => t.deps.db.selectFrom('api_keys').selectAll().orderBy('key_id').execute();

async function saveKeys(t: TestApp, name: string, providers: string[]): Promise<void> {
  const user = await registerUser(t.app, name);
  for (const provider of providers) {
    const key = `sk-${provider}-${name}-${randomBytes(12).toString('hex')}`;
    plaintexts.set(await saveKey(t.app, user, provider, key), key);
  }
}

beforeAll(async () => {
  v1 = await createTestApp(testEnv({ ENCRYPTION_KEY: k1 }));
  // The same database after the master key was rotated to version 2, with version 1 kept as a previous key.
  v2 = await createTestApp(testEnv({ ENCRYPTION_KEY: k2, ENCRYPTION_KEY_VERSION: '2', ENCRYPTION_PREVIOUS_KEYS: `1:${k1}` }), { database: v1.database });
  await saveKeys(v1, 'alice', ['openai', 'anthropic', 'groq']);
  await saveKeys(v1, 'bob', ['openai', 'mistral']);
});
afterAll(async () => {
  await v2.close();
  await v1.close();
});

test('rotation: keys under version 1 stay readable after switching to 2, then move to 2', async () => {
  const before = await rows(v1);
  expect(before.map((r) => r.key_version)).toEqual([1, 1, 1, 1, 1]);
  for (const r of before) expect(decryptApiKey(r.encrypted_key, v2.config.encryption, r)).toBe(plaintexts.get(r.key_id));

  // A key saved after the switch is already under version 2 and is not touched.
  await saveKeys(v2, 'carol', ['together']);

  expect(await reencryptApiKeys(v2.deps.db, v2.config.encryption, 2)).toEqual({ reencrypted: 5 });
  const after = await rows(v2);
  expect(after).toHaveLength(6);
  const onlyV2: KeyRing = { currentVersion: 2, keys: new Map([[2, v2.config.encryption.keys.get(2)!]]) };
  // Re-encryption changes nothing the user sees: preview and updated_at stay.
  const visible = new Map(before.map((r) => [r.key_id, [r.key_preview, r.updated_at.getTime()]]));
  for (const r of after) {
    expect(r.key_version).toBe(2);
    expect(r.encrypted_key.startsWith('v2:')).toBe(true);
    expect(decryptApiKey(r.encrypted_key, onlyV2, r)).toBe(plaintexts.get(r.key_id));
    if (visible.has(r.key_id)) expect([r.key_preview, r.updated_at.getTime()]).toEqual(visible.get(r.key_id));
  }

  expect(await reencryptApiKeys(v2.deps.db, v2.config.encryption)).toEqual({ reencrypted: 0 });
});

test('webhook signing secrets move to the new master key too', async () => {
  const user = await registerUser(v1.app, 'hooks');
  const created = await request(v1.app).post('/api/webhooks').set('Authorization', `Bearer ${user.token}`).send({ url: 'http://127.0.0.1:9/hook', events: ['run.completed'] });
  expect(await reencryptApiKeys(v2.deps.db, v2.config.encryption)).toEqual({ reencrypted: 1 });
  const row = await v2.deps.db.selectFrom('webhooks').selectAll().where('webhook_id', '=', created.body.webhook_id).executeTakeFirstOrThrow();
  expect(row.key_version).toBe(2);
  const onlyV2: KeyRing = { currentVersion: 2, keys: new Map([[2, v2.config.encryption.keys.get(2)!]]) };
  expect(decryptApiKey(row.encrypted_secret, onlyV2, webhookSecretOwner(row))).toBe(created.body.secret);
});

test('scoring-service keys (Perspective) move to the new master key too', async () => {
  const user = await registerUser(v1.app, 'service-keys');
  await request(v1.app).put('/api/service-keys/perspective').set('Authorization', `Bearer ${user.token}`).send({ key: 'AIza-rotation-0123456789' }).expect(200);
  expect(await reencryptApiKeys(v2.deps.db, v2.config.encryption)).toEqual({ reencrypted: 1 });
  const row = (await findServiceKey(v2.deps.db, user.userId, 'perspective'))!;
  expect(row.key_version).toBe(2);
  const onlyV2: KeyRing = { currentVersion: 2, keys: new Map([[2, v2.config.encryption.keys.get(2)!]]) };
  expect(decryptApiKey(row.encrypted_key, onlyV2, serviceKeyOwner(row))).toBe('AIza-rotation-0123456789');
});

test('rotation stops with a clear error when an old version key is not configured', async () => {
  const ring: KeyRing = { currentVersion: 3, keys: new Map([[3, Buffer.from(k3, 'base64')]]) };
  await expect(reencryptApiKeys(v2.deps.db, ring)).rejects.toMatchObject({
    code: 'SERVER_ERROR',
    detail: expect.stringMatching(/^Cannot re-encrypt API key [0-9a-f-]{36} \(0 re-encrypted so far\): .*master key version 2, which is not configured/),
  });
});

test('re-encryption never overwrites a key that changed since it was read', async () => {
  const [row] = await rows(v2);
  expect(await updateEncryptedKey(v2.deps.db, row.key_id, 'v9:AAAA:AAAA:AAAA', 9, 'v1:stale:stale:stale')).toBe(false);
  const [unchanged] = await rows(v2);
  expect(unchanged.encrypted_key).toBe(row.encrypted_key);
});
