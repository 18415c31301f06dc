import type { Generated, Selectable } from 'kysely';

/** A run's log lines, as the worker wrote them (`run.log`, `log_line` events). */
export interface RunLogTable {
  id: Generated<number>;
  run_id: string;
  stream: 'stdout' | 'stderr';
  line: string;
  created_at: Generated<Date>;
}

export type RunLogRow = Selectable<RunLogTable>;
