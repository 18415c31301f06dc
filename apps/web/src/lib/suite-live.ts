/** A suite's live events (GET /api/suites/{id}/events) folded into its detail as the page holds it. */
import type { SuiteDetail } from '../api/types';
import type { StreamEvent } from './event-stream';

/** The suite's own events carry the whole suite; a run's status and progress change its cell. */
export function applySuiteEvent(suite: SuiteDetail | undefined, event: StreamEvent): SuiteDetail | undefined {
  if (event.event === 'suite_status' || event.event === 'suite_finished') return JSON.parse(event.data) as SuiteDetail;
  if (!suite || (event.event !== 'run_status' && event.event !== 'run_progress')) return suite;
  const data = JSON.parse(event.data) as { run_id: string; status?: SuiteDetail['matrix'][number]['cells'][number]['status']; current?: number; total?: number };
  return {
    ...suite,
    matrix: suite.matrix.map((row) => ({
      ...row,
      cells: row.cells.map((c) =>
        c.run_id !== data.run_id
          ? c
          : event.event === 'run_status'
            ? { ...c, status: data.status ?? c.status }
            : { ...c, progress_current: data.current ?? c.progress_current, progress_total: data.total ?? c.progress_total },
      ),
    })),
  };
}

/** A run's end changes its metric and the suite's progress: the page reads the suite again. */
export const isRunEnd = (event: StreamEvent) => event.event === 'run_completed' || event.event === 'run_failed' || event.event === 'run_canceled';
export const isSuiteEnd = (event: StreamEvent) => event.event === 'suite_finished';
