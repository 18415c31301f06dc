/**
 * The runs list's state in the URL (shareable, survives reload): every filter of GET /api/runs, sorting and the
 * page. Unknown or malformed values are dropped rather than sent.
 */
import { RUN_STATUSES, type ListRunsQuery } from '../api/types';

export const SORT_FIELDS = ['created_at', 'benchmark', 'model', 'status', 'primary_metric', 'finished_at'] as const;
export type SortField = (typeof SORT_FIELDS)[number];
export const PER_PAGE_CHOICES = [25, 50, 100] as const;
export const DEFAULT_PER_PAGE = 50;

/**
 * The URL state: the list query's filters as they are (search, status, benchmark, model, tag, page, per_page),
 * creation days instead of timestamps, and the sort as the known choices.
 */
export type RunsSearch = Pick<ListRunsQuery, 'page' | 'per_page' | 'search' | 'status' | 'benchmark' | 'model' | 'tag'> & {
  /** `YYYY-MM-DD`, inclusive */
  from?: string;
  /** `YYYY-MM-DD`, inclusive */
  to?: string;
  sort_by?: SortField;
  sort_order?: 'asc' | 'desc';
};

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : undefined);
const positiveInt = (v: unknown) => {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  return Number.isInteger(n) && n >= 1 ? n : undefined;
};
const day = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);

export function parseRunsSearch(raw: Record<string, unknown>): RunsSearch {
  const page = positiveInt(raw.page);
  const perPage = positiveInt(raw.per_page);
  const status = RUN_STATUSES.find((s) => s === raw.status);
  const sortBy = SORT_FIELDS.find((s) => s === raw.sort_by);
  const out: RunsSearch = {
    page: page && page > 1 ? page : undefined,
    per_page: perPage && perPage !== DEFAULT_PER_PAGE ? Math.min(perPage, 100) : undefined,
    search: text(raw.search),
    status,
    benchmark: text(raw.benchmark),
    model: text(raw.model),
    tag: text(raw.tag),
    from: day(raw.from),
    to: day(raw.to),
    sort_by: sortBy && sortBy !== 'created_at' ? sortBy : undefined,
    sort_order: raw.sort_order === 'asc' ? 'asc' : undefined,
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as RunsSearch;
}

/** The query of GET /api/runs for a URL state. `to` is inclusive: the whole day. */
export function toListQuery(s: RunsSearch): ListRunsQuery {
  return {
    page: s.page ?? 1,
    per_page: s.per_page ?? DEFAULT_PER_PAGE,
    search: s.search,
    status: s.status,
    benchmark: s.benchmark,
    model: s.model,
    tag: s.tag,
    started_after: s.from,
    started_before: s.to ? `${s.to}T23:59:59.999` : undefined,
    sort_by: s.sort_by ?? 'created_at',
    sort_order: s.sort_order ?? 'desc',
  };
}

/** The URL state after clicking a column header: a new column sorts descending, the same one flips. */
export function toggleSort(s: RunsSearch, field: SortField): RunsSearch {
  const current = s.sort_by ?? 'created_at';
  const order = s.sort_order ?? 'desc';
  const next: RunsSearch = { ...s, page: undefined, sort_by: field, sort_order: current === field && order === 'desc' ? 'asc' : 'desc' };
  return parseRunsSearch(next as Record<string, unknown>);
}

export const activeFilterCount = (s: RunsSearch) =>
  [s.search, s.status, s.benchmark, s.model, s.tag, s.from, s.to].filter((v) => v !== undefined).length;
