import { type Kysely, sql } from 'kysely';

// Frozen: never edit a landed migration; add a new one instead.
export async function up(db: Kysely<any>): Promise<void> {
  // Keys of outside scoring services (Perspective), apart from provider keys so that a user's own provider named like
  // a service cannot clash and the provider key list stays what it was. Encrypted like api_keys (key-cipher.ts).
  await db.schema
    .createTable('service_keys')
    .addColumn('key_id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.user_id').onDelete('cascade'))
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('encrypted_key', 'text', (c) => c.notNull())
    .addColumn('key_version', 'integer', (c) => c.notNull())
    .addColumn('key_preview', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('service_keys_user_service_key', ['user_id', 'service'])
    .execute();
  await db.schema.createIndex('service_keys_key_version_idx').on('service_keys').column('key_version').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('service_keys').execute();
}
