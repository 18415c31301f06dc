import { AppError } from '../errors/app-error';
import { parseDateParam, runListQuery } from './run-list.params';

describe('parseDateParam', () => {
  test.each([
    ['2026-01-31', '2026-01-31T00:00:00.000Z'],
    ['2026-01-31T12:30', '2026-01-31T12:30:00.000Z'],
    ['2026-01-31T12:30:15.5Z', '2026-01-31T12:30:15.500Z'],
    ['2026-01-31T13:30:00+01:00', '2026-01-31T12:30:00.000Z'],
    // `+01:00` sent unencoded arrives as a space.
    ['2026-01-31T13:30:00 01:00', '2026-01-31T12:30:00.000Z'],
    ['0060-06-01', '0060-06-01T00:00:00.000Z'],
  ])('%s is %s', (text, iso) => {
    expect(parseDateParam('started_after', text)?.toISOString()).toBe(iso);
  });

  test('absent or empty is no bound', () => {
    expect(parseDateParam('started_after', undefined)).toBeUndefined();
    expect(parseDateParam('started_after', '')).toBeUndefined();
  });

  test.each(['yesterday', '2026-02-30', '2026-01-01T25:00:00Z', '01/02/2026', '2026-01-01T12:60'])('%s is a 422 naming the field', (text) => {
    let error: unknown;
    try {
      parseDateParam('started_before', text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('VALIDATION_ERROR');
    expect((error as AppError).message).toMatch(/^started_before: must be an ISO-8601 date or datetime/);
  });
});

describe('runListQuery', () => {
  test('defaults: first page of 50, newest first, no filters', () => {
    expect(runListQuery(null, {})).toEqual({
      viewerId: null,
      page: 1,
      perPage: 50,
      search: undefined,
      status: undefined,
      benchmark: undefined,
      model: undefined,
      tag: undefined,
      startedAfter: undefined,
      startedBefore: undefined,
      sortBy: 'created_at',
      sortOrder: 'desc',
    });
  });

  test('pages are clamped, blanks mean any, tags are lower-cased, an unknown sort falls back', () => {
    expect(runListQuery('u1', { page: 0, per_page: 500, search: '  ', benchmark: '', tag: ' Nightly ', sort_by: 'user_id', sort_order: 'ASC' })).toMatchObject({
      viewerId: 'u1',
      page: 1,
      perPage: 100,
      search: undefined,
      benchmark: undefined,
      tag: 'nightly',
      sortBy: 'created_at',
      sortOrder: 'asc',
    });
    expect(runListQuery('u1', { sort_by: 'primary_metric', sort_order: 'sideways' })).toMatchObject({ sortBy: 'primary_metric', sortOrder: 'desc' });
  });
});
