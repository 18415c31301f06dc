import type { RunStatus } from '@studio/contracts';
import type { RunListQuery, RunSortField } from '@studio/db';
import { validationError } from '../errors/app-error';
import { clampPage } from './run.mapper';

/** The query parameters of `GET /api/runs`, as tsoa hands them over. */
export interface RunListParams {
  page?: number;
  per_page?: number;
  search?: string;
  status?: RunStatus;
  benchmark?: string;
  model?: string;
  tag?: string;
  started_after?: string;
  started_before?: string;
  sort_by?: string;
  sort_order?: string;
}

const SORT_FIELDS: ReadonlySet<string> = new Set<RunSortField>(['created_at', 'benchmark', 'model', 'status', 'primary_metric', 'finished_at']);

const DATE_PARAM = /^(\d{4})-(\d\d)-(\d\d)(?:T(\d\d):(\d\d)(?::(\d\d)(?:\.\d{1,9})?)?(Z|[+-]\d\d:\d\d)?)?$/;

/**
 * An ISO-8601 date or datetime; without an offset it is UTC, as the original API stored times. A `+`
 * offset that arrived unencoded (a space after query-string decoding) is read as `+`.
 */
export function parseDateParam(field: string, value: string | undefined): Date | undefined {
  if (value === undefined || value === '') return undefined;
  const text = value.trim().replace(/ (\d\d:\d\d)$/, '+$1');
  const m = DATE_PARAM.exec(text);
  if (m) {
    const [year, month, day, hour = '0', minute = '0', second = '0'] = m.slice(1, 7);
    // Not Date.UTC, which reads years 0..99 as 1900..1999.
    const midnight = new Date(0);
    midnight.setUTCFullYear(+year, +month - 1, +day);
    // Date rolls 2025-02-30 over into March; a date that does not exist is an error instead.
    const exists = midnight.getUTCMonth() === +month - 1 && midnight.getUTCDate() === +day && +hour < 24 && +minute < 60 && +second < 60;
    const date = m[4] === undefined ? midnight : new Date(m[7] ? text : `${text}Z`);
    if (exists && !Number.isNaN(date.getTime())) return date;
  }
  throw validationError(field, 'must be an ISO-8601 date or datetime, e.g. 2025-01-31 or 2025-01-31T12:00:00Z');
}

/**
 * The repository's query for the parameters: the page clamped, blanks meaning "any", dates parsed (422 when
 * they do not parse), and an unknown sort field or order falling back to newest first rather than failing.
 */
export function runListQuery(viewerId: string | null, p: RunListParams): RunListQuery {
  const { page, perPage } = clampPage(p.page, p.per_page, 50, 100);
  return {
    viewerId,
    page,
    perPage,
    search: p.search?.trim() || undefined,
    status: p.status,
    benchmark: p.benchmark || undefined,
    model: p.model || undefined,
    tag: p.tag?.trim().toLowerCase() || undefined,
    startedAfter: parseDateParam('started_after', p.started_after),
    startedBefore: parseDateParam('started_before', p.started_before),
    sortBy: p.sort_by && SORT_FIELDS.has(p.sort_by) ? (p.sort_by as RunSortField) : 'created_at',
    sortOrder: p.sort_order?.toLowerCase() === 'asc' ? 'asc' : 'desc',
  };
}
