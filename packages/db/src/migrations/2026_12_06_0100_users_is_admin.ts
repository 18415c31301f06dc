import type { Kysely } from 'kysely';

// Frozen: never edit a landed migration; add a new one instead.
export async function up(db: Kysely<any>): Promise<void> {
  // Administrators see the queue dashboard and the workers. Existing users are not: grant with `studio admin grant`.
  await db.schema.alterTable('users').addColumn('is_admin', 'boolean', (c) => c.notNull().defaultTo(false)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('is_admin').execute();
}
