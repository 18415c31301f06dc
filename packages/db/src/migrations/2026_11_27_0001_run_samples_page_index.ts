import { type Kysely, sql } from 'kysely';

// Frozen: never edit a landed migration; add a new one instead.
export async function up(db: Kysely<any>): Promise<void> {
  // Reading a run's samples by people (pages filtered by verdict, verdict counts, comparisons) needs only
  // (seq, epoch, score, sample_id): covering them lets Postgres count and align a 14,042-sample run from the
  // index, without reading the records. It replaces the plain unique (run_id, seq) index, keeping its uniqueness.
  await sql`create unique index run_samples_seq_cover_idx on run_samples (run_id, seq) include (epoch, score, sample_id)`.execute(db);
  await db.schema.dropIndex('run_samples_seq_idx').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('run_samples_seq_idx').on('run_samples').columns(['run_id', 'seq']).unique().execute();
  await db.schema.dropIndex('run_samples_seq_cover_idx').execute();
}
