/**
 * Per-suite databases for integration tests: each call creates a fresh database cloned from a
 * migrated template (one template per migration set, created once under an advisory lock).
 */
import { createHash, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createDb, type Db } from '../database';
import { migrations } from '../migrations';
import { migrateToLatest } from '../migrator';

export interface TestDatabase {
  url: string;
  name: string;
  db: Db;
  destroy(): Promise<void>;
}

function adminUrl(): string {
  return process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

function urlFor(database: string): string {
  const u = new URL(adminUrl());
  u.pathname = `/${database}`;
  return u.toString();
}

async function withAdmin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function ensureTemplate(): Promise<string> {
  // Keyed by the migrations' code, not just their names, so an edited migration never reuses a stale template.
  const source = Object.entries(migrations)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, m]) => `${name}\n${m.up.toString()}\n${m.down?.toString() ?? ''}`)
    .join('\n');
  const hash = createHash('sha1').update(source).digest('hex').slice(0, 10);
  const template = `studio_tmpl_${hash}`;
  await withAdmin(async (c) => {
    await c.query('SELECT pg_advisory_lock(724001)');
    try {
      const exists = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (exists.rowCount) return;
      await c.query(`CREATE DATABASE "${template}"`);
      const db = createDb(urlFor(template), { max: 1 });
      try {
        await migrateToLatest(db);
      } finally {
        await db.destroy();
      }
    } finally {
      await c.query('SELECT pg_advisory_unlock(724001)');
    }
  });
  return template;
}

/** A fresh database with no tables, for tests that run the migrations themselves (the migrate CLI). */
export async function createEmptyTestDatabase(): Promise<TestDatabase> {
  const name = `studio_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((c) => c.query(`CREATE DATABASE "${name}"`));
  return testDatabase(name);
}

function testDatabase(name: string): TestDatabase {
  const url = urlFor(name);
  const db = createDb(url, { max: 5 });
  return {
    url,
    name,
    db,
    async destroy() {
      await db.destroy();
      await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const template = await ensureTemplate();
  const name = `studio_test_${randomBytes(6).toString('hex')}`;
  // CREATE DATABASE ... TEMPLATE fails while another session is connected to the template.
  await withAdmin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  return testDatabase(name);
}
