import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../testing';
import { countRunsByStatus, insertRun } from '../runs/run.repository';
import { findUserByEmail, insertUser, listAdmins, setUserAdmin } from './user.repository';

let t: TestDatabase;
beforeEach(async () => {
  t = await createTestDatabase();
});
afterEach(async () => {
  await t.destroy();
});

const user = (email: string) => ({ email, hashed_password: 'h' });

test('the first account of an empty database is an administrator; later ones are not', async () => {
  const first = await insertUser(t.db, user('first@example.com'));
  const second = await insertUser(t.db, user('second@example.com'));
  expect(first?.is_admin).toBe(true);
  expect(second?.is_admin).toBe(false);
  expect((await listAdmins(t.db)).map((u) => u.email)).toEqual(['first@example.com']);
});

test('first registrations racing each other give exactly one administrator', async () => {
  const emails = Array.from({ length: 12 }, (_, i) => `racer-${i}@example.com`);
  const rows = await Promise.all(emails.map((email) => insertUser(t.db, user(email))));
  expect(rows.every((r) => r !== undefined)).toBe(true);
  expect(rows.filter((r) => r!.is_admin)).toHaveLength(1);
  expect(await listAdmins(t.db)).toHaveLength(1);
});

test('an email taken by the first account is still refused, and makes nobody else an administrator', async () => {
  await insertUser(t.db, user('only@example.com'));
  expect(await insertUser(t.db, user('only@example.com'))).toBeUndefined();
  expect((await insertUser(t.db, user('next@example.com')))?.is_admin).toBe(false);
});

test('a database that already has users gets no administrator by registration (an upgrade grants with the CLI)', async () => {
  await insertUser(t.db, user('old@example.com'));
  await setUserAdmin(t.db, 'old@example.com', false);
  expect((await insertUser(t.db, user('new@example.com')))?.is_admin).toBe(false);
  expect(await listAdmins(t.db)).toEqual([]);
});

test('grant and revoke by email; an unknown email changes nothing', async () => {
  await insertUser(t.db, user('a@example.com'));
  await insertUser(t.db, user('b@example.com'));
  expect((await setUserAdmin(t.db, 'b@example.com', true))?.is_admin).toBe(true);
  expect((await listAdmins(t.db)).map((u) => u.email)).toEqual(['a@example.com', 'b@example.com']);
  expect((await setUserAdmin(t.db, 'a@example.com', false))?.is_admin).toBe(false);
  expect((await findUserByEmail(t.db, 'a@example.com'))?.is_admin).toBe(false);
  expect(await setUserAdmin(t.db, 'nobody@example.com', true)).toBeUndefined();
});

test('the column is not null with default false', async () => {
  await sql`insert into users (email, hashed_password) values ('raw@example.com', 'h')`.execute(t.db);
  expect((await findUserByEmail(t.db, 'raw@example.com'))?.is_admin).toBe(false);
});

test('runs are counted by status', async () => {
  expect(await countRunsByStatus(t.db)).toEqual({});
  const base = { user_id: null, benchmark: 'mmlu', model: 'openai/gpt-4o', config: {}, eval_id: 'e', task_id: 't' };
  await insertRun(t.db, { ...base, run_id: crypto.randomUUID() });
  await insertRun(t.db, { ...base, run_id: crypto.randomUUID() });
  await insertRun(t.db, { ...base, run_id: crypto.randomUUID(), status: 'failed' });
  expect(await countRunsByStatus(t.db)).toEqual({ queued: 2, failed: 1 });
});
