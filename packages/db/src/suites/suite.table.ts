import type { Generated, Insertable, Selectable } from 'kysely';

/** A suite: benchmarks × models submitted as one; each pair is a run whose `suite_id` points here. */
export interface SuiteTable {
  suite_id: string;
  user_id: string;
  name: string | null;
  /** In the order submitted: the matrix's columns. */
  benchmarks: string[];
  /** In the order submitted: the matrix's rows. */
  models: string[];
  /** The openbench eval group whose members are `benchmarks` (the suite reports its group summary); null otherwise. */
  eval_group: Generated<string | null>;
  created_at: Generated<Date>;
}

export type SuiteRow = Selectable<SuiteTable>;
export type NewSuite = Insertable<SuiteTable>;
