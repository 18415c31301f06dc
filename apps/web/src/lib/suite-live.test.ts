import { expect, test } from 'vitest';
import type { SuiteDetail } from '../api/types';
import { applySuiteEvent, isRunEnd, isSuiteEnd } from './suite-live';

const cell = (run_id: string) => ({ benchmark: 'mmlu', run_id, status: 'queued' as const, progress_current: 0, progress_total: 0, primary_metric: null, error: null });
const suite = { suite_id: 's', matrix: [{ model: 'a/b', cells: [cell('r1'), cell('r2')], mean: null, mean_over: 0 }] } as unknown as SuiteDetail;
const ev = (event: string, data: unknown) => ({ id: '1:', event, data: JSON.stringify(data) });

test('a run status or progress changes its cell only; the suite events replace the suite', () => {
  const running = applySuiteEvent(suite, ev('run_status', { run_id: 'r2', status: 'running' }))!;
  expect(running.matrix[0].cells.map((c) => c.status)).toEqual(['queued', 'running']);
  const progressed = applySuiteEvent(running, ev('run_progress', { run_id: 'r2', current: 3, total: 10, percentage: 30 }))!;
  expect(progressed.matrix[0].cells[1]).toMatchObject({ progress_current: 3, progress_total: 10 });
  expect(applySuiteEvent(progressed, ev('heartbeat', {}))).toBe(progressed);
  expect(applySuiteEvent(undefined, ev('suite_status', { suite_id: 'x' }))).toEqual({ suite_id: 'x' });
  expect(isRunEnd(ev('run_failed', {}))).toBe(true);
  expect(isSuiteEnd(ev('suite_finished', {}))).toBe(true);
  expect(isSuiteEnd(ev('run_completed', {}))).toBe(false);
});
