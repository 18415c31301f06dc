import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from './testing';
import { insertUser, findUserByEmail } from './users/user.repository';
import { upsertApiKey, listApiKeys, deleteApiKey } from './api-keys/api-key.repository';
import { migrateToLatest, migrationNames } from './migrator';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.destroy();
});

test('a fresh test database is fully migrated and a re-run applies nothing', async () => {
  const { applied } = await migrateToLatest(t.db);
  expect(applied).toEqual([]);
  const tables = await sql<{ tablename: string }>`select tablename from pg_tables where schemaname = 'public'`.execute(t.db);
  expect(tables.rows.map((r) => r.tablename)).toEqual(expect.arrayContaining(['users', 'api_keys']));
});

test('concurrent migrators on an empty schema apply each migration once', async () => {
  for (const table of ['schedule_ticks', 'webhook_deliveries', 'webhooks', 'personal_access_tokens', 'dataset_rows', 'datasets', 'run_artifact_chunks', 'run_artifacts', 'run_logs', 'run_samples', 'runs', 'schedules', 'suites', 'service_keys', 'api_keys', 'users']) await sql`drop table ${sql.table(table)}`.execute(t.db);
  await sql`delete from kysely_migration`.execute(t.db);
  const results = await Promise.all([migrateToLatest(t.db), migrateToLatest(t.db), migrateToLatest(t.db)]);
  expect(results.flatMap((r) => r.applied).sort()).toEqual(migrationNames());
});

test('users are unique by email and api keys upsert per provider', async () => {
  const u = await insertUser(t.db, { email: 'a@example.com', hashed_password: 'h' });
  expect(u?.user_id).toMatch(/^[0-9a-f-]{36}$/);
  expect(await insertUser(t.db, { email: 'a@example.com', hashed_password: 'x' })).toBeUndefined();
  expect((await findUserByEmail(t.db, 'a@example.com'))?.created_at).toBeInstanceOf(Date);

  const base = { user_id: u!.user_id, provider: 'openai', key_version: 1, base_url: null, custom_env_var: null };
  const first = await upsertApiKey(t.db, { ...base, encrypted_key: 'e1', key_preview: '...1111' });
  const second = await upsertApiKey(t.db, { ...base, encrypted_key: 'e2', key_preview: '...2222' });
  expect(second.key_id).toBe(first.key_id);
  expect((await listApiKeys(t.db, u!.user_id)).map((k) => k.key_preview)).toEqual(['...2222']);
  expect(await deleteApiKey(t.db, u!.user_id, 'openai')).toBe(true);
  expect(await deleteApiKey(t.db, u!.user_id, 'openai')).toBe(false);
});
