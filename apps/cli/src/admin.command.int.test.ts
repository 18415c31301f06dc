/** `studio admin ...` as an operator runs it: a child process pointed at a database with DATABASE_URL. */
import { join, resolve } from 'node:path';
import { findUserByEmail, insertUser } from '@studio/db';
import { createTestDatabase, type TestDatabase } from '@studio/db/testing';
import { spawnApp } from '../../../infra/test/app-process';

const ROOT = resolve(__dirname, '../../..');

/** Runs `studio <args>` from source (the CLI tests' swc hook); stdout and stderr together. */
async function studio(args: string[], env: Record<string, string>): Promise<{ code: number | string; output: string }> {
  const cli = spawnApp('studio', ['node', '--require', join(__dirname, 'ts-source.hook.cjs'), join(__dirname, 'main.ts'), ...args], { PATH: process.env.PATH ?? '', ...env }, ROOT);
  const code = await cli.exited;
  return { code, output: cli.output() };
}

let t: TestDatabase;
let env: Record<string, string>;
beforeAll(async () => {
  t = await createTestDatabase();
  env = { DATABASE_URL: t.url };
  await insertUser(t.db, { email: 'founder@example.com', hashed_password: 'h' });
  await insertUser(t.db, { email: 'ops@example.com', hashed_password: 'h' });
});
afterAll(async () => {
  await t.destroy();
});

test('grant makes an account an administrator (email matched as stored: trimmed, lower-cased), list shows it', async () => {
  const granted = await studio(['admin', 'grant', '  Ops@Example.com '], env);
  expect(granted).toEqual({ code: 0, output: 'ops@example.com is now an administrator.\n' });
  expect((await findUserByEmail(t.db, 'ops@example.com'))?.is_admin).toBe(true);
  const listed = await studio(['admin', 'list'], env);
  expect(listed).toEqual({ code: 0, output: 'founder@example.com\nops@example.com\n' });
});

test('revoke takes it away and says when no administrator is left', async () => {
  expect((await studio(['admin', 'revoke', 'ops@example.com'], env)).code).toBe(0);
  expect((await findUserByEmail(t.db, 'ops@example.com'))?.is_admin).toBe(false);
  const last = await studio(['admin', 'revoke', 'founder@example.com'], env);
  expect(last.code).toBe(0);
  expect(last.output).toContain('No administrators are left');
  expect(await studio(['admin', 'list'], env)).toEqual({ code: 0, output: 'No administrators.\n' });
});

test('an unknown email is exit 1 naming it; bad usage is exit 2', async () => {
  const unknown = await studio(['admin', 'grant', 'nobody@example.com'], env);
  expect(unknown.code).toBe(1);
  expect(unknown.output).toContain('No account with the email nobody@example.com');
  for (const args of [['admin'], ['admin', 'grant'], ['admin', 'promote', 'x@example.com'], ['admin', 'grant', 'a@example.com', 'b@example.com']]) {
    const res = await studio(args, env);
    expect(res.code).toBe(2);
  }
  const help = await studio(['admin', '--help'], env);
  expect(help).toMatchObject({ code: 0 });
  expect(help.output).toContain('studio admin grant <email>');
});

test('a malformed DATABASE_URL is exit 2 naming the variable', async () => {
  const res = await studio(['admin', 'list'], { DATABASE_URL: 'not a url' });
  expect(res.code).toBe(2);
  expect(res.output).toContain('DATABASE_URL');
});
