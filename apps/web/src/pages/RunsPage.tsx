import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import * as Tooltip from '@radix-ui/react-tooltip';
import { useQueries } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useMemo, useRef, useState } from 'react';
import { api, call } from '../api/client';
import { errorMessage } from '../api/errors';
import { keys, useBulkDeleteRuns, useRunTags, useRuns } from '../api/queries';
import { isActive, RUN_STATUSES, type RunStatus, type RunSummary } from '../api/types';
import { ConfirmDialog } from '../components/confirm';
import { usePageShortcuts } from '../components/shortcuts-context';
import { toast, toastError } from '../components/toast';
import { DateText, EmptyState, ErrorBox, Field, PageHeader, ProgressBar, Skeleton, StatusBadge } from '../components/ui';
import { downloadText, exportFilename, runsToCsv, runsToJson } from '../lib/export';
import { formatDuration, formatInterval, formatNumber, formatPercent, formatWithStderr, metricLabel, runDurationMs } from '../lib/format';
import { activeFilterCount, DEFAULT_PER_PAGE, PER_PAGE_CHOICES, toggleSort, toListQuery, type RunsSearch, type SortField } from '../lib/runs-search';
import { useDebounced, useNow } from '../lib/use-now';

const MAX_COMPARE = 8;
/** Detail requests for live progress bars: at most this many running rows at once. */
const LIVE_ROWS = 10;

export function RunsPage() {
  const search = useSearch({ from: '/_app/runs' });
  const navigate = useNavigate({ from: '/runs' });
  const query = useMemo(() => toListQuery(search), [search]);
  const runs = useRuns(query);
  const [selected, setSelected] = useState<Map<string, RunSummary>>(new Map());
  const [cursor, setCursor] = useState(-1);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const bulkDelete = useBulkDeleteRuns();
  const tableRef = useRef<HTMLTableElement>(null);

  const setSearch = (next: RunsSearch) => void navigate({ search: next, replace: false });
  const patch = (p: Partial<RunsSearch>) => setSearch({ ...search, ...p, page: undefined });

  const rows = runs.data?.runs ?? [];
  const total = runs.data?.total ?? 0;
  const page = search.page ?? 1;
  const perPage = search.per_page ?? DEFAULT_PER_PAGE;
  const pages = Math.max(1, Math.ceil(total / perPage));
  const anyActive = rows.some((r) => isActive(r.status));
  const now = useNow(anyActive);

  const live = useQueries({
    queries: rows
      .filter((r) => r.status === 'running')
      .slice(0, LIVE_ROWS)
      .map((r) => ({
        queryKey: [...keys.run(r.run_id), 'progress'],
        queryFn: () => call(api.GET('/runs/{run_id}', { params: { path: { run_id: r.run_id }, query: { log_lines: 0 } } })),
        refetchInterval: 2000,
      })),
  });
  const progressOf = new Map(live.flatMap((q) => (q.data ? [[q.data.run_id, q.data.progress] as const] : [])));

  useEffect(() => setCursor((c) => Math.min(c, rows.length - 1)), [rows.length]);

  const toggle = (run: RunSummary) =>
    setSelected((prev) => {
      const next = new Map(prev);
      if (next.has(run.run_id)) next.delete(run.run_id);
      else next.set(run.run_id, run);
      return next;
    });
  const allOnPage = rows.length > 0 && rows.every((r) => selected.has(r.run_id));
  const toggleAll = () =>
    setSelected((prev) => {
      const next = new Map(prev);
      if (allOnPage) rows.forEach((r) => next.delete(r.run_id));
      else rows.forEach((r) => next.set(r.run_id, r));
      return next;
    });

  const selectedRuns = [...selected.values()];
  const compare = () => void navigate({ to: '/compare', search: { ids: selectedRuns.map((r) => r.run_id).join(',') } });

  const focusRow = (i: number) => {
    setCursor(i);
    tableRef.current?.querySelectorAll<HTMLElement>('tbody tr')[i]?.querySelector<HTMLElement>('a')?.focus();
  };
  usePageShortcuts([
    { keys: 'j', description: 'Next run', run: () => focusRow(Math.min(rows.length - 1, cursor + 1)) },
    { keys: 'k', description: 'Previous run', run: () => focusRow(Math.max(0, cursor - 1)) },
    { keys: 'x', description: 'Select or unselect the current run', run: () => (rows[cursor] ? toggle(rows[cursor]) : false) },
    { keys: 'mod+a', description: 'Select every run on the page', run: () => toggleAll() },
    {
      keys: 'd',
      description: 'Delete the selected runs (or the current one)',
      run: () => {
        if (!selected.size && rows[cursor]) setSelected(new Map([[rows[cursor].run_id, rows[cursor]]]));
        if (!selected.size && !rows[cursor]) return false;
        setConfirmDelete(true);
      },
    },
    { keys: 'Delete', description: 'Delete the selected runs', run: () => (selected.size ? setConfirmDelete(true) : false) },
    { keys: 'Backspace', description: 'Delete the selected runs', run: () => (selected.size ? setConfirmDelete(true) : false) },
    { keys: 'c', description: 'Compare the selected runs', run: () => (selected.size >= 2 && selected.size <= MAX_COMPARE ? compare() : false) },
    { keys: 'Escape', description: 'Clear the selection', run: () => (selected.size ? setSelected(new Map()) : false) },
    { keys: 'ArrowRight', description: 'Next page', run: () => (page < pages ? setSearch({ ...search, page: page + 1 }) : false) },
    { keys: 'ArrowLeft', description: 'Previous page', run: () => (page > 1 ? setSearch({ ...search, page: page - 1 }) : false) },
  ]);

  const doDelete = () => {
    const ids = selectedRuns.map((r) => r.run_id);
    bulkDelete.mutate(ids, {
      onSuccess: ({ summary, details }) => {
        const notes = [
          summary.running ? `${summary.running} still running (cancel them first)` : '',
          summary.not_found ? `${summary.not_found} not found` : '',
          summary.forbidden ? `${summary.forbidden} not yours` : '',
          summary.failed ? `${summary.failed} failed` : '',
        ].filter(Boolean);
        toast(`Deleted ${summary.deleted} of ${summary.total} runs`, notes.join('; ') || undefined, notes.length ? 'error' : 'ok');
        setSelected((prev) => {
          const next = new Map(prev);
          details.deleted.forEach((id) => next.delete(id));
          details.not_found.forEach((id) => next.delete(id));
          return next;
        });
        setConfirmDelete(false);
      },
      onError: (e) => toastError('Could not delete the runs', errorMessage(e)),
    });
  };

  const filters = activeFilterCount(search);
  return (
    <>
      <PageHeader
        title="Runs"
        subtitle={runs.data ? `${total.toLocaleString('en-US')} run${total === 1 ? '' : 's'}${filters ? ` match${total === 1 ? 'es' : ''} these filters` : ''}` : 'Your benchmark runs'}
        actions={
          <>
            <ExportMenu query={search} selected={selectedRuns} total={total} />
            <Link to="/new" className="btn btn-primary">
              New run
            </Link>
          </>
        }
      />
      <Filters search={search} onChange={patch} onClear={() => setSearch({ per_page: search.per_page, sort_by: search.sort_by, sort_order: search.sort_order })} />

      <div className="mt-4" aria-live="polite">
        {selected.size > 0 && (
          <div role="region" aria-label="Selection" className="mb-3 flex flex-wrap items-center gap-2 rounded-md border border-accent/40 bg-accent-soft px-3 py-2 text-sm">
            <span className="font-medium">{selected.size} selected</span>
            <button type="button" className="btn btn-sm btn-primary" onClick={compare} disabled={selected.size < 2 || selected.size > MAX_COMPARE} title={selected.size > MAX_COMPARE ? `At most ${MAX_COMPARE} runs` : undefined}>
              Compare{selected.size < 2 ? ' (pick 2–8)' : ''}
            </button>
            <button type="button" className="btn btn-sm" onClick={() => setConfirmDelete(true)}>
              Delete…
            </button>
            <button type="button" className="btn btn-sm btn-ghost" onClick={() => setSelected(new Map())}>
              Clear selection
            </button>
          </div>
        )}
      </div>

      {runs.isError ? (
        <ErrorBox error={runs.error} title="Could not load runs" onRetry={() => void runs.refetch()} />
      ) : runs.isPending ? (
        <TableSkeleton />
      ) : rows.length === 0 ? (
        filters ? (
          <EmptyState title="No runs match these filters">
            <button type="button" className="link" onClick={() => setSearch({})}>
              Clear the filters
            </button>{' '}
            to see every run.
          </EmptyState>
        ) : (
          <EmptyState title="No runs yet">
            <Link to="/new" className="link">
              Start your first run
            </Link>
            : pick a benchmark and a model.
          </EmptyState>
        )
      ) : (
        <div className={`card overflow-x-auto ${runs.isPlaceholderData ? 'opacity-60' : ''}`} aria-busy={runs.isFetching && runs.isPlaceholderData}>
          <table ref={tableRef} className="w-full text-sm">
            <caption className="sr-only">Runs, page {page} of {pages}</caption>
            <thead className="border-b border-border text-left text-xs text-muted">
              <tr>
                <th scope="col" className="w-10 px-3 py-2">
                  <input type="checkbox" aria-label="Select every run on this page" checked={allOnPage} onChange={toggleAll} />
                </th>
                <SortHeader field="status" label="Status" search={search} onSort={setSearch} />
                <SortHeader field="benchmark" label="Benchmark" search={search} onSort={setSearch} />
                <SortHeader field="model" label="Model" search={search} onSort={setSearch} />
                <SortHeader field="primary_metric" label="Primary metric" search={search} onSort={setSearch} />
                <th scope="col" className="px-3 py-2 font-semibold">Duration</th>
                <th scope="col" className="px-3 py-2 font-semibold">Tags</th>
                <SortHeader field="created_at" label="Created" search={search} onSort={setSearch} />
                <SortHeader field="finished_at" label="Finished" search={search} onSort={setSearch} className="hidden xl:table-cell" />
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => {
                const progress = progressOf.get(r.run_id);
                return (
                  <tr key={r.run_id} className={`border-b border-border last:border-0 hover:bg-surface-2 ${i === cursor ? 'bg-surface-2' : ''} ${selected.has(r.run_id) ? 'bg-accent-soft/60' : ''}`} onFocus={() => setCursor(i)}>
                    <td className="px-3 py-2">
                      <input type="checkbox" aria-label={`Select run ${r.benchmark} on ${r.model}`} checked={selected.has(r.run_id)} onChange={() => toggle(r)} />
                    </td>
                    <td className="px-3 py-2">
                      <StatusBadge status={r.status} />
                      {progress && r.status === 'running' && (
                        <div className="mt-1 w-24">
                          <ProgressBar percentage={progress.percentage} label={`Progress of ${r.benchmark} on ${r.model}`} />
                          <div className="tabular mt-0.5 text-[11px] text-muted">
                            {progress.current}/{progress.total} · {formatPercent(progress.percentage / 100, 0)}
                          </div>
                        </div>
                      )}
                    </td>
                    <td className="px-3 py-2">
                      <Link to="/runs/$runId" params={{ runId: r.run_id }} className="link font-medium">
                        {r.benchmark}
                      </Link>
                    </td>
                    <td className="max-w-64 truncate px-3 py-2 font-mono text-xs" title={r.model}>
                      {r.model}
                    </td>
                    <td className="px-3 py-2">
                      {r.primary_metric === null ? <span className="text-muted">—</span> : <PrimaryMetric run={r} />}
                    </td>
                    <td className="tabular px-3 py-2 whitespace-nowrap">{formatDuration(runDurationMs(r, now))}</td>
                    <td className="px-3 py-2">
                      <div className="flex max-w-56 flex-wrap gap-1">
                        {r.tags.map((t) => (
                          <button key={t} type="button" className="chip hover:border-accent" onClick={() => patch({ tag: t })} aria-label={`Show runs tagged ${t}`}>
                            {t}
                          </button>
                        ))}
                      </div>
                    </td>
                    <td className="px-3 py-2">
                      <DateText iso={r.created_at} />
                    </td>
                    <td className="hidden px-3 py-2 xl:table-cell">
                      <DateText iso={r.finished_at} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      {runs.data && total > 0 && <Pagination page={page} pages={pages} perPage={perPage} total={total} onChange={(p) => setSearch({ ...search, ...p })} />}

      <ConfirmDialog
        open={confirmDelete}
        onOpenChange={setConfirmDelete}
        title={`Delete ${selected.size} run${selected.size === 1 ? '' : 's'}?`}
        description="Their results, samples and logs are removed for good. Running runs are skipped: cancel them first."
        confirmLabel="Delete"
        busy={bulkDelete.isPending}
        onConfirm={doDelete}
      />
    </>
  );
}

/** The primary metric with its 95% interval (both in the list's rows), its stderr in a tooltip. */
function PrimaryMetric({ run }: { run: RunSummary }) {
  const interval = formatInterval(run.primary_metric_ci_lower, run.primary_metric_ci_upper);
  return (
    <Tooltip.Root>
      <Tooltip.Trigger asChild>
        <button type="button" className="tabular cursor-help rounded text-left">
          {formatNumber(run.primary_metric)}{' '}
          {run.primary_metric_name && <span className="text-xs text-muted">{run.primary_metric_name}</span>}
          {interval && <span className="block text-xs text-muted">{interval}</span>}
        </button>
      </Tooltip.Trigger>
      <Tooltip.Portal>
        <Tooltip.Content sideOffset={4} className="card z-50 px-2.5 py-1.5 text-xs shadow-lg">
          <span className="tabular">
            {metricLabel(run.primary_metric_name ?? '')} {formatWithStderr(run.primary_metric, run.primary_metric_stderr)}
            <span className="block text-muted">{interval ? `95% CI ${interval}` : 'No interval for this metric'}</span>
          </span>
        </Tooltip.Content>
      </Tooltip.Portal>
    </Tooltip.Root>
  );
}

function SortHeader({ field, label, search, onSort, className = '' }: { field: SortField; label: string; search: RunsSearch; onSort: (s: RunsSearch) => void; className?: string }) {
  const active = (search.sort_by ?? 'created_at') === field;
  const order = search.sort_order ?? 'desc';
  return (
    <th scope="col" className={`px-3 py-2 font-semibold whitespace-nowrap ${className}`} aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="inline-flex items-center gap-1 hover:text-fg" onClick={() => onSort(toggleSort(search, field))}>
        {label}
        <span aria-hidden="true" className={active ? 'text-fg' : 'opacity-30'}>
          {active && order === 'asc' ? '▲' : '▼'}
        </span>
      </button>
    </th>
  );
}

function Filters({ search, onChange, onClear }: { search: RunsSearch; onChange: (p: Partial<RunsSearch>) => void; onClear: () => void }) {
  const tags = useRunTags();
  const [text, setText] = useState(search.search ?? '');
  const debounced = useDebounced(text, 300);
  const lastSent = useRef(search.search ?? '');
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  // The box sends its text once typing pauses; the URL stays the source of truth (back/forward update the box).
  useEffect(() => {
    if (debounced.trim() !== lastSent.current) {
      lastSent.current = debounced.trim();
      onChangeRef.current({ search: debounced.trim() || undefined });
    }
  }, [debounced]);
  useEffect(() => {
    if ((search.search ?? '') !== lastSent.current) {
      lastSent.current = search.search ?? '';
      setText(search.search ?? '');
    }
  }, [search.search]);

  const count = activeFilterCount(search);
  return (
    <div role="search" aria-label="Filter runs" className="card grid grid-cols-2 gap-3 p-3 md:grid-cols-4 xl:grid-cols-8">
      <Field label="Search" htmlFor="runs-search" className="col-span-2">
        <input id="runs-search" data-search type="search" className="input" placeholder="Benchmark, model, tag or notes  ( / )" value={text} onChange={(e) => setText(e.target.value)} />
      </Field>
      <Field label="Status" htmlFor="runs-status">
        <select id="runs-status" className="input" value={search.status ?? ''} onChange={(e) => onChange({ status: (e.target.value || undefined) as RunStatus | undefined })}>
          <option value="">Any</option>
          {RUN_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </Field>
      <TextFilter id="runs-benchmark" label="Benchmark" value={search.benchmark} placeholder="e.g. mmlu" onChange={(v) => onChange({ benchmark: v })} />
      <TextFilter id="runs-model" label="Model" value={search.model} placeholder="e.g. openai/gpt-4o" onChange={(v) => onChange({ model: v })} />
      <Field label="Tag" htmlFor="runs-tag">
        <select id="runs-tag" className="input" value={search.tag ?? ''} onChange={(e) => onChange({ tag: e.target.value || undefined })}>
          <option value="">Any</option>
          {search.tag && !tags.data?.includes(search.tag) && <option value={search.tag}>{search.tag}</option>}
          {tags.data?.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Created from" htmlFor="runs-from">
        <input id="runs-from" type="date" className="input" value={search.from ?? ''} max={search.to} onChange={(e) => onChange({ from: e.target.value || undefined })} />
      </Field>
      <Field label="Created to" htmlFor="runs-to">
        <input id="runs-to" type="date" className="input" value={search.to ?? ''} min={search.from} onChange={(e) => onChange({ to: e.target.value || undefined })} />
      </Field>
      {count > 0 && (
        <div className="col-span-2 flex items-center md:col-span-4 xl:col-span-8">
          <button type="button" className="btn btn-sm btn-ghost" onClick={onClear}>
            Clear {count} filter{count === 1 ? '' : 's'}
          </button>
        </div>
      )}
    </div>
  );
}

/** A text filter applied on Enter or when the field loses focus (not on every key: each change is a request). */
function TextFilter({ id, label, value, placeholder, onChange }: { id: string; label: string; value?: string; placeholder: string; onChange: (v: string | undefined) => void }) {
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  const apply = () => {
    if (text.trim() !== (value ?? '')) onChange(text.trim() || undefined);
  };
  return (
    <div>
      <label htmlFor={id} className="label">
        {label}
      </label>
      <input
        id={id}
        className="input"
        value={text}
        placeholder={placeholder}
        onChange={(e) => setText(e.target.value)}
        onBlur={apply}
        onKeyDown={(e) => e.key === 'Enter' && apply()}
      />
    </div>
  );
}

function Pagination({ page, pages, perPage, total, onChange }: { page: number; pages: number; perPage: number; total: number; onChange: (p: Partial<RunsSearch>) => void }) {
  const first = (page - 1) * perPage + 1;
  const last = Math.min(total, page * perPage);
  const go = (p: number) => onChange({ page: p > 1 ? p : undefined });
  return (
    <nav aria-label="Pages" className="mt-3 flex flex-wrap items-center justify-between gap-3 text-sm">
      <div className="tabular text-muted">
        {first.toLocaleString('en-US')}–{last.toLocaleString('en-US')} of {total.toLocaleString('en-US')}
      </div>
      <div className="flex items-center gap-2">
        <label htmlFor="runs-per-page" className="text-muted">
          Per page
        </label>
        <select id="runs-per-page" className="input w-20" value={perPage} onChange={(e) => onChange({ per_page: Number(e.target.value) === DEFAULT_PER_PAGE ? undefined : Number(e.target.value), page: undefined })}>
          {PER_PAGE_CHOICES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
        <button type="button" className="btn btn-sm" onClick={() => go(1)} disabled={page <= 1} aria-label="First page">
          «
        </button>
        <button type="button" className="btn btn-sm" onClick={() => go(page - 1)} disabled={page <= 1}>
          Previous
        </button>
        <span className="tabular" aria-current="page">
          Page {page} of {pages.toLocaleString('en-US')}
        </span>
        <button type="button" className="btn btn-sm" onClick={() => go(page + 1)} disabled={page >= pages}>
          Next
        </button>
        <button type="button" className="btn btn-sm" onClick={() => go(pages)} disabled={page >= pages} aria-label="Last page">
          »
        </button>
      </div>
    </nav>
  );
}

function TableSkeleton() {
  return (
    <div role="status" aria-live="polite" className="card p-3">
      <span className="sr-only">Loading runs</span>
      {Array.from({ length: 8 }, (_, i) => (
        <div key={i} className="flex items-center gap-4 border-b border-border py-2.5 last:border-0">
          <Skeleton className="h-4 w-4" />
          <Skeleton className="h-5 w-20 rounded-full" />
          <Skeleton className="h-4 w-28" />
          <Skeleton className="h-4 w-40" />
          <Skeleton className="h-4 w-16" />
          <Skeleton className="h-4 w-14" />
          <Skeleton className="h-4 flex-1" />
          <Skeleton className="h-4 w-28" />
        </div>
      ))}
    </div>
  );
}

/** Export of the selected runs, or of every run matching the filters (fetched page by page). */
function ExportMenu({ query, selected, total }: { query: RunsSearch; selected: RunSummary[]; total: number }) {
  const [busy, setBusy] = useState<string | null>(null);
  const run = async (format: 'csv' | 'json') => {
    let list = selected;
    if (!list.length) {
      list = [];
      const base = toListQuery({ ...query, page: undefined, per_page: 100 });
      for (let page = 1; ; page++) {
        setBusy(`Fetching ${Math.min(total, (page - 1) * 100).toLocaleString('en-US')} of ${total.toLocaleString('en-US')}…`);
        const res = await call(api.GET('/runs', { params: { query: { ...base, page } } }));
        list.push(...res.runs);
        if (!res.has_more) break;
      }
    }
    if (format === 'csv') downloadText(exportFilename('runs', 'csv'), runsToCsv(list), 'text/csv');
    else downloadText(exportFilename('runs', 'json'), runsToJson(list), 'application/json');
    toast(`Exported ${list.length} run${list.length === 1 ? '' : 's'}`, format.toUpperCase());
  };
  const start = (format: 'csv' | 'json') => {
    setBusy('Exporting…');
    run(format)
      .catch((e) => toastError('Export failed', errorMessage(e)))
      .finally(() => setBusy(null));
  };
  const what = selected.length ? `${selected.length} selected` : 'all matching';
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger className="btn" disabled={busy !== null || (!selected.length && total === 0)}>
        {busy ?? 'Export'}
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={6} className="card z-50 min-w-52 p-1 shadow-lg">
          <DropdownMenu.Label className="px-2 py-1 text-xs text-muted">Export {what}</DropdownMenu.Label>
          {(['csv', 'json'] as const).map((f) => (
            <DropdownMenu.Item
              key={f}
              className="cursor-default rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-accent-soft data-[highlighted]:text-accent"
              onSelect={() => start(f)}
            >
              {f === 'csv' ? 'CSV (spreadsheet)' : 'JSON'}
            </DropdownMenu.Item>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
