import { describe, expect, it } from 'vitest';
import { activeFilterCount, parseRunsSearch, toListQuery, toggleSort } from './runs-search';

describe('runs URL state', () => {
  it('keeps valid filters and drops malformed and default values', () => {
    expect(
      parseRunsSearch({ page: '3', per_page: 50, status: 'running', search: '  mmlu ', tag: '', from: '2026-01-01', to: 'yesterday', sort_by: 'nope', sort_order: 'up' }),
    ).toEqual({ page: 3, status: 'running', search: 'mmlu', from: '2026-01-01' });
    expect(parseRunsSearch({ page: 1, status: 'exploded', per_page: 500 })).toEqual({ per_page: 100 });
  });
  it('maps to the API query with defaults and an inclusive end day', () => {
    expect(toListQuery({ to: '2026-02-01', status: 'failed' })).toEqual({
      page: 1,
      per_page: 50,
      search: undefined,
      status: 'failed',
      benchmark: undefined,
      model: undefined,
      tag: undefined,
      started_after: undefined,
      started_before: '2026-02-01T23:59:59.999',
      sort_by: 'created_at',
      sort_order: 'desc',
    });
  });
  it('sorts a new column descending and flips the same one; sorting goes back to page 1', () => {
    expect(toggleSort({ page: 4 }, 'model')).toEqual({ sort_by: 'model' });
    expect(toggleSort({ sort_by: 'model' }, 'model')).toEqual({ sort_by: 'model', sort_order: 'asc' });
    expect(toggleSort({}, 'created_at')).toEqual({ sort_order: 'asc' });
  });
  it('counts active filters', () => {
    expect(activeFilterCount({ page: 2, status: 'queued', tag: 'a' })).toBe(2);
  });
});
