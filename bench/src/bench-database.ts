/** A fresh, migrated database per bench run (TEST_DATABASE_ADMIN_URL names the server), dropped at the end. */
import { randomBytes } from 'node:crypto';
import { cpus, loadavg, totalmem } from 'node:os';
import { createDb, migrateToLatest } from '@studio/db';
import { sql } from 'kysely';

export async function createBenchDatabase(prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const adminDb = createDb(admin, { max: 1 });
  await sql.raw(`create database "${name}"`).execute(adminDb);
  const u = new URL(admin);
  u.pathname = `/${name}`;
  const db = createDb(u.toString(), { max: 2 });
  await migrateToLatest(db);
  await db.destroy();
  return {
    url: u.toString(),
    async drop() {
      await sql.raw(`drop database if exists "${name}" with (force)`).execute(adminDb);
      await adminDb.destroy();
    },
  };
}

/** The machine as a bench saw it, for docs/performance.md: CPUs, their model, memory, load average, node. */
export function machineLine(): string {
  return `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}, ${Math.round(totalmem() / 2 ** 30)} GB, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}, node ${process.version}`;
}
