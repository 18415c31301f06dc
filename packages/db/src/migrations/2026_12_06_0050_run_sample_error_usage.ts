import { type Kysely, sql } from 'kysely';

const TOKEN_COLUMNS = ['model_input_tokens', 'model_output_tokens', 'model_total_tokens', 'input_tokens', 'output_tokens', 'total_tokens'];

// Frozen: never edit a landed migration; add a new one instead.
export async function up(db: Kysely<any>): Promise<void> {
  // A sample's error and token usage become columns of their own, written by the worker's sink, instead of paths
  // into the stored record that no type checks. Nullable columns without a default: adding them changes only the
  // catalog, whatever the table's size.
  let add = db.schema.alterTable('run_samples').addColumn('error', 'text');
  for (const column of TOKEN_COLUMNS) add = add.addColumn(column, 'bigint');
  await add.execute();

  // Fills them for the rows already stored, in one statement. Cost: every row gets a new version (the heap grows by
  // about its size until autovacuum reclaims the old ones; records stored out of line, past ~2 kB compressed, are
  // not copied). Kysely runs pending migrations in one transaction, so the exclusive lock of the ALTER above keeps
  // run_samples unreadable until the fill commits: 200,000 rows of 2 kB records took 15 s on a loaded 2-core
  // machine, so a table of tens of millions of samples wants a maintenance window (workers stopped, the gateway
  // started after the migration). Rows with neither an error nor usage are left alone.
  const tokens = (path: string, field: string) => sql`round((record${sql.raw(path)}->>${field})::numeric)::bigint`;
  await sql`
    update run_samples set
      error = record->>'error',
      model_input_tokens = ${tokens(`->'output'->'usage'`, 'input_tokens')},
      model_output_tokens = ${tokens(`->'output'->'usage'`, 'output_tokens')},
      model_total_tokens = ${tokens(`->'output'->'usage'`, 'total_tokens')},
      input_tokens = ${tokens(`->'usage'`, 'input_tokens')},
      output_tokens = ${tokens(`->'usage'`, 'output_tokens')},
      total_tokens = ${tokens(`->'usage'`, 'total_tokens')}
    where record->>'error' is not null
      or jsonb_typeof(record->'usage') = 'object'
      or jsonb_typeof(record->'output'->'usage') = 'object'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  let drop = db.schema.alterTable('run_samples').dropColumn('error');
  for (const column of TOKEN_COLUMNS) drop = drop.dropColumn(column);
  await drop.execute();
}
