import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import { Pool, types } from 'pg';
import type { ApiKeyTable } from './api-keys/api-key.table';
import type { ServiceKeyTable } from './api-keys/service-key.table';
import type { DatasetRowTable, DatasetTable } from './datasets/dataset.table';
import type { RunLogTable } from './runs/run-log.table';
import type { RunSampleTable } from './runs/run-sample.table';
import type { RunTable } from './runs/run.table';
import type { AccessTokenTable } from './tokens/access-token.table';
import type { ScheduleTable, ScheduleTickTable } from './schedules/schedule.table';
import type { SuiteTable } from './suites/suite.table';
import type { UserTable } from './users/user.table';
import type { WebhookDeliveryTable, WebhookTable } from './webhooks/webhook.table';

export interface Database {
  users: UserTable;
  api_keys: ApiKeyTable;
  service_keys: ServiceKeyTable;
  runs: RunTable;
  run_samples: RunSampleTable;
  run_logs: RunLogTable;
  datasets: DatasetTable;
  dataset_rows: DatasetRowTable;
  personal_access_tokens: AccessTokenTable;
  webhooks: WebhookTable;
  webhook_deliveries: WebhookDeliveryTable;
  suites: SuiteTable;
  schedules: ScheduleTable;
  schedule_ticks: ScheduleTickTable;
}

// BIGINT (int8) as JS number: counts and token totals stay far below 2^53.
types.setTypeParser(20, (v) => Number(v));

export interface DbOptions {
  /** Pool size per process. */
  max?: number;
  applicationName?: string;
}

export function createDb(connectionString: string, options: DbOptions = {}): Kysely<Database> {
  const pool = new Pool({
    connectionString,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'openbench-studio',
    // Fail fast instead of hanging a request when Postgres is unreachable.
    connectionTimeoutMillis: 5000,
  });
  // An idle client losing its connection (Postgres restart) must not crash the process.
  pool.on('error', () => undefined);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

export type Db = Kysely<Database>;

/** What a repository function runs on: the pool, or a transaction of the caller's. */
export type DbOrTrx = Db | Transaction<Database>;

export async function pingDatabase(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}
