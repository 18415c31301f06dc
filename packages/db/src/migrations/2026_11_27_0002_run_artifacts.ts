import { type Kysely, sql } from 'kysely';

// Frozen: never edit a landed migration; add a new one instead.
export async function up(db: Kysely<any>): Promise<void> {
  // A finished run's artifacts, built once and shared by every gateway. `fingerprint` is the run state the
  // bytes were built from: a request that sees another state rebuilds them (never serves a stale artifact).
  await db.schema
    .createTable('run_artifacts')
    .addColumn('artifact_id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('run_id', 'uuid', (c) => c.notNull().references('runs.run_id').onDelete('cascade'))
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('etag', 'text', (c) => c.notNull())
    .addColumn('chunk_size', 'integer', (c) => c.notNull())
    .addColumn('built_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('run_artifacts_run_path_key', ['run_id', 'path'])
    .execute();
  // The bytes in fixed-size chunks: a build is written as it is produced, and a range reads only the chunks it
  // covers. Chunks belong to one build (artifact_id), so a reader never mixes two builds.
  await db.schema
    .createTable('run_artifact_chunks')
    .addColumn('artifact_id', 'uuid', (c) => c.notNull().references('run_artifacts.artifact_id').onDelete('cascade'))
    .addColumn('idx', 'integer', (c) => c.notNull())
    .addColumn('data', 'bytea', (c) => c.notNull())
    .addPrimaryKeyConstraint('run_artifact_chunks_pkey', ['artifact_id', 'idx'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('run_artifact_chunks').execute();
  await db.schema.dropTable('run_artifacts').execute();
}
