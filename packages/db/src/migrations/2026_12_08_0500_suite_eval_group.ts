import type { Kysely } from 'kysely';

// Frozen: never edit a landed migration; add a new one instead.
export async function up(db: Kysely<any>): Promise<void> {
  // The openbench eval group a suite runs (its members are the suite's benchmarks); null for a suite of listed benchmarks.
  await db.schema.alterTable('suites').addColumn('eval_group', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('suites').dropColumn('eval_group').execute();
}
