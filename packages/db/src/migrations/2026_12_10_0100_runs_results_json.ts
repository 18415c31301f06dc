import { type Kysely, sql } from 'kysely';

// Frozen: never edit a landed migration; add a new one instead.
export async function up(db: Kysely<any>): Promise<void> {
  // `json` keeps the text as written, so the .eval log gets the metrics in the scorer's order and the model usage in
  // order of first use, as Inspect writes them; `jsonb` sorted their keys (shortest first). Nothing queries inside them.
  await sql`alter table runs alter column results type json using results::json, alter column model_usage type json using model_usage::json`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table runs alter column results type jsonb using results::jsonb, alter column model_usage type jsonb using model_usage::jsonb`.execute(db);
}
