import { type Kysely, sql } from 'kysely';

// Frozen: never edit a landed migration; add a new one instead.
export async function up(db: Kysely<any>): Promise<void> {
  // A user's private dataset, run as the benchmark `custom/<slug>` of its owner: the slug is unique per user.
  await db.schema
    .createTable('datasets')
    .addColumn('dataset_id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.user_id').onDelete('cascade'))
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('columns', 'jsonb', (c) => c.notNull())
    .addColumn('grader_model', 'text')
    .addColumn('rubric', 'text')
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('has_groups', 'boolean', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('datasets_user_slug_key', ['user_id', 'slug'])
    .execute();
  // Rows in upload order (idx from 0); `line` is where the row starts in the uploaded file.
  await db.schema
    .createTable('dataset_rows')
    .addColumn('dataset_id', 'uuid', (c) => c.notNull().references('datasets.dataset_id').onDelete('cascade'))
    .addColumn('idx', 'integer', (c) => c.notNull())
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('dataset_rows_pkey', ['dataset_id', 'idx'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('dataset_rows').execute();
  await db.schema.dropTable('datasets').execute();
}
