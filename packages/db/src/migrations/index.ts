import type { Migration } from 'kysely';
import * as m0001 from './2026_11_26_0001_users_api_keys';
import * as m0002 from './2026_11_26_0002_runs';
import * as m0003 from './2026_11_26_0003_run_requeues';
import * as m0004 from './2026_11_26_0004_run_dataset_fingerprint';
import * as m0005 from './2026_11_27_0001_run_samples_page_index';
import * as m0006 from './2026_11_27_0002_run_artifacts';
import * as m0007 from './2026_12_06_0050_run_sample_error_usage';
import * as m20261206_0100 from './2026_12_06_0100_users_is_admin';
import * as m20261207_0100 from './2026_12_07_0100_personal_access_tokens';
import * as m20261207_0110 from './2026_12_07_0110_webhooks';
import * as m20261207_0300 from './2026_12_07_0300_suites';
import * as m20261207_0401 from './2026_12_07_0401_datasets';
import * as m20261208_0100 from './2026_12_08_0100_schedules';
import * as m20261208_0500 from './2026_12_08_0500_suite_eval_group';
import * as m20261209_0100 from './2026_12_09_0100_service_keys';
import * as m20261210_0100 from './2026_12_10_0100_runs_results_json';

/** Every migration, keyed by its timestamped name; the Migrator applies them in name order. */
export const migrations: Record<string, Migration> = {
  '2026_11_26_0001_users_api_keys': m0001,
  '2026_11_26_0002_runs': m0002,
  '2026_11_26_0003_run_requeues': m0003,
  '2026_11_26_0004_run_dataset_fingerprint': m0004,
  '2026_11_27_0001_run_samples_page_index': m0005,
  '2026_11_27_0002_run_artifacts': m0006,
  '2026_12_06_0050_run_sample_error_usage': m0007,
  '2026_12_06_0100_users_is_admin': m20261206_0100,
  '2026_12_07_0100_personal_access_tokens': m20261207_0100,
  '2026_12_07_0110_webhooks': m20261207_0110,
  '2026_12_07_0300_suites': m20261207_0300,
  '2026_12_07_0401_datasets': m20261207_0401,
  '2026_12_08_0100_schedules': m20261208_0100,
  '2026_12_08_0500_suite_eval_group': m20261208_0500,
  '2026_12_09_0100_service_keys': m20261209_0100,
  '2026_12_10_0100_runs_results_json': m20261210_0100,
};
