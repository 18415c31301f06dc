import { type Kysely, sql } from 'kysely';

// Frozen: never edit a landed migration; add a new one instead.
export async function up(db: Kysely<any>): Promise<void> {
  // A schedule is a run template fired on a cron expression by BullMQ's job schedulers; this row is the truth, the
  // scheduler in Redis is rebuilt from it (the worker's reconciler).
  await db.schema
    .createTable('schedules')
    .addColumn('schedule_id', 'uuid', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.user_id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('cron', 'text', (c) => c.notNull())
    .addColumn('timezone', 'text', (c) => c.notNull().defaultTo('UTC'))
    .addColumn('template', 'jsonb', (c) => c.notNull())
    .addColumn('paused', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_tick_at', 'timestamptz')
    .addColumn('last_run_at', 'timestamptz')
    // No reference: runs already reference schedules, and a cycle of references could not be dropped table by table.
    // The ticks keep each run referenced; this is the last one made, which may have been deleted since.
    .addColumn('last_run_id', 'uuid')
    .addColumn('last_error', 'text')
    .execute();
  await db.schema.createIndex('schedules_user_created_idx').on('schedules').columns(['user_id', 'created_at desc']).execute();
  // One row per tick handled: its primary key makes a tick's run idempotent (a retried or duplicated tick job finds
  // its tick taken and creates nothing).
  await db.schema
    .createTable('schedule_ticks')
    .addColumn('schedule_id', 'uuid', (c) => c.notNull().references('schedules.schedule_id').onDelete('cascade'))
    .addColumn('tick_at', 'timestamptz', (c) => c.notNull())
    .addColumn('run_id', 'uuid', (c) => c.references('runs.run_id').onDelete('set null'))
    .addColumn('error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('schedule_ticks_pkey', ['schedule_id', 'tick_at'])
    .execute();
  // Deleting a schedule keeps its runs, unlinked.
  await db.schema.alterTable('runs').addColumn('schedule_id', 'uuid', (c) => c.references('schedules.schedule_id').onDelete('set null')).execute();
  await db.schema.createIndex('runs_schedule_idx').on('runs').columns(['schedule_id', 'created_at desc']).where(sql.ref('schedule_id'), 'is not', null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('runs').dropColumn('schedule_id').execute();
  await db.schema.dropTable('schedule_ticks').execute();
  await db.schema.dropTable('schedules').execute();
}
