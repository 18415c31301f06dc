import { type Kysely, sql } from 'kysely';

// Frozen: never edit a landed migration; add a new one instead.
export async function up(db: Kysely<any>): Promise<void> {
  // A suite is many runs (benchmarks × models) submitted as one; its runs are ordinary runs that point at it.
  await db.schema
    .createTable('suites')
    .addColumn('suite_id', 'uuid', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.user_id').onDelete('cascade'))
    .addColumn('name', 'text')
    .addColumn('benchmarks', sql`text[]`, (c) => c.notNull())
    .addColumn('models', sql`text[]`, (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('suites_user_created_idx').on('suites').columns(['user_id', 'created_at desc']).execute();
  // Deleting a suite deletes its runs first (never a running one), so the reference never dangles. NO ACTION (checked
  // at the end of the statement) rather than RESTRICT, so deleting a user cascades to both its runs and its suites.
  await db.schema.alterTable('runs').addColumn('suite_id', 'uuid', (c) => c.references('suites.suite_id').onDelete('no action')).execute();
  await db.schema.createIndex('runs_suite_idx').on('runs').column('suite_id').where(sql.ref('suite_id'), 'is not', null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('runs').dropColumn('suite_id').execute();
  await db.schema.dropTable('suites').execute();
}
