import { useQueries, useQuery } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Link, useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { RunBreadcrumb } from '../components/RunBreadcrumb';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { fetchSamplesPage, samplesKey, useRun, useSamplesByIds, type SampleFilter } from '../api/queries';
import { isActive, type RunSample, type SampleVerdictFilter } from '../api/types';
import { SampleView, VerdictBadge } from '../components/SampleView';
import { usePageShortcuts } from '../components/shortcuts-context';
import { EmptyState, ErrorBox, Field, LoadingBlock, PageHeader, Skeleton } from '../components/ui';
import { pagesForRange, parseSampleKey, rowLocation, sampleKey, SAMPLES_PER_PAGE, sharedPrefixLength } from '../lib/sample-pages';
import { useDebounced } from '../lib/use-now';

const ROW_HEIGHT = 60;
const CHIPS: { value: SampleVerdictFilter | undefined; label: string; key: 'all' | SampleVerdictFilter }[] = [
  { value: undefined, label: 'All', key: 'all' },
  { value: 'correct', label: 'Correct', key: 'correct' },
  { value: 'incorrect', label: 'Incorrect', key: 'incorrect' },
  { value: 'errored', label: 'Errored', key: 'errored' },
];

export function SamplesPage() {
  const { runId } = useParams({ from: '/_app/runs/$runId/samples' });
  const search = useSearch({ from: '/_app/runs/$runId/samples' });
  const navigate = useNavigate({ from: '/runs/$runId/samples' });
  const run = useRun(runId);
  const active = run.data ? isActive(run.data.status) : false;

  // The search box writes the URL once typing pauses; back/forward (the URL changing) rewrite the box.
  const [text, setText] = useState(search.q ?? '');
  const q = useDebounced(text.trim(), 300);
  const lastSent = useRef(search.q ?? '');
  useEffect(() => {
    if (q !== lastSent.current) {
      lastSent.current = q;
      void navigate({ search: (s) => ({ ...s, q: q || undefined, sample: undefined }), replace: true });
    }
  }, [q, navigate]);
  useEffect(() => {
    if ((search.q ?? '') !== lastSent.current) {
      lastSent.current = search.q ?? '';
      setText(search.q ?? '');
    }
  }, [search.q]);
  const filter: SampleFilter = useMemo(() => ({ verdict: search.verdict, search: search.q }), [search.verdict, search.q]);

  // Page 1 gives the total and the verdict counts; while the run is in flight it refreshes as samples arrive.
  const first = useQuery({
    queryKey: samplesKey(runId, filter, 1),
    queryFn: () => fetchSamplesPage(runId, filter, 1, SAMPLES_PER_PAGE),
    refetchInterval: active ? 3000 : false,
    placeholderData: (prev) => prev,
  });
  const total = first.data?.total ?? 0;

  // The selection is kept in the URL (`sample=<id>:<epoch>`); the list reports the sample it moved to.
  const [picked, setPicked] = useState<RunSample | null>(null);
  const selectedKey = search.sample;
  const onSelect = useCallback(
    (s: RunSample) => {
      setPicked(s);
      if (sampleKey(s) !== selectedKey) void navigate({ search: (prev) => ({ ...prev, sample: sampleKey(s) }), replace: true });
    },
    [navigate, selectedKey],
  );
  const wanted = selectedKey ? parseSampleKey(selectedKey) : null;
  const inList = picked && sampleKey(picked) === selectedKey ? picked : undefined;
  const byId = useSamplesByIds(runId, wanted ? [wanted.id] : [], Boolean(wanted) && !inList);
  const selected = inList ?? byId.data?.samples.find((s) => wanted && String(s.id) === wanted.id && s.epoch === wanted.epoch);

  const setVerdict = (v: SampleVerdictFilter | undefined) => void navigate({ search: (s) => ({ ...s, verdict: v }), replace: false });
  usePageShortcuts(CHIPS.map((c, i) => ({ keys: String(i + 1), description: `Show ${c.label.toLowerCase()} samples`, run: () => setVerdict(c.value) })));

  const counts = first.data?.counts;
  return (
    <>
      <RunBreadcrumb runId={runId} run={run.data} page="Samples" />
      <PageHeader
        title="Samples"
        subtitle={counts ? `${counts.all.toLocaleString('en-US')} samples${active ? ' so far (the run is in progress)' : ''}` : 'Every sample of the run'}
        actions={
          run.data?.artifacts.some((a) => a.endsWith('.eval')) && (
            <Link to="/runs/$runId/inspect" params={{ runId }} className="btn">
              Open in Inspect viewer
            </Link>
          )
        }
      />
      <div className="mb-3 flex flex-wrap items-end gap-3">
        <div role="group" aria-label="Filter by verdict" className="flex flex-wrap gap-1">
          {CHIPS.map((c) => {
            const on = search.verdict === c.value;
            return (
              <button key={c.key} type="button" aria-pressed={on} onClick={() => setVerdict(c.value)} className={`btn btn-sm ${on ? 'border-accent bg-accent-soft text-accent' : ''}`}>
                {c.label}
                <span className="tabular text-muted">{counts ? counts[c.key].toLocaleString('en-US') : '…'}</span>
              </button>
            );
          })}
        </div>
        <Field label="Search samples" htmlFor="samples-search" className="min-w-56 flex-1">
          <input id="samples-search" data-search type="search" className="input" placeholder="Id, input, target, output, answer…  ( / )" value={text} onChange={(e) => setText(e.target.value)} />
        </Field>
      </div>

      {first.isError ? (
        <ErrorBox error={first.error} title="Could not load the samples" onRetry={() => void first.refetch()} />
      ) : first.isPending ? (
        <div className="grid gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
          <LoadingBlock label="Loading samples" lines={10} className="card p-3" />
          <LoadingBlock label="" lines={6} className="card p-4" />
        </div>
      ) : total === 0 ? (
        <EmptyState title={filter.verdict || filter.search ? 'No sample matches' : active ? 'No sample has finished yet' : 'This run has no samples'}>
          {filter.verdict || filter.search ? 'Try another filter or search.' : active ? 'They appear here as the run scores them.' : null}
        </EmptyState>
      ) : (
        <div className="grid gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
          <SampleList key={`${filter.verdict ?? ''}|${filter.search ?? ''}`} runId={runId} filter={filter} total={total} firstPage={first.data!.samples} active={active} onSelect={onSelect} />
          <div className="card min-w-0 p-4 lg:max-h-[calc(100vh-17rem)] lg:min-h-96 lg:overflow-auto">
            {selected ? (
              <SampleDetail sample={selected} />
            ) : wanted && byId.isPending ? (
              <LoadingBlock label="Loading the sample" lines={6} />
            ) : (
              <p className="py-10 text-center text-sm text-muted">
                Choose a sample to read it in full. <kbd className="kbd">j</kbd> / <kbd className="kbd">k</kbd> move through the list.
              </p>
            )}
          </div>
        </div>
      )}
    </>
  );
}

/** Re-renders only when the selected sample changes, not on every scroll frame of the list. */
const SampleDetail = memo(SampleView);

/**
 * The virtualised list: only the rows in view are in the DOM, and only the API pages under them are fetched. It
 * owns the scroll state, so scrolling re-renders the list alone.
 */
function SampleList({
  runId,
  filter,
  total,
  firstPage,
  active,
  onSelect,
}: {
  runId: string;
  filter: SampleFilter;
  total: number;
  firstPage: RunSample[];
  active: boolean;
  onSelect: (s: RunSample) => void;
}) {
  const listRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: total, getScrollElement: () => listRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const pages = pagesForRange(items[0]?.index ?? 0, items[items.length - 1]?.index ?? -1, total).filter((p) => p !== 1);
  const more = useQueries({
    queries: pages.map((page) => ({
      queryKey: samplesKey(runId, filter, page),
      queryFn: () => fetchSamplesPage(runId, filter, page, SAMPLES_PER_PAGE),
      staleTime: active ? 3000 : 60_000,
    })),
  });
  const loaded = new Map<number, RunSample[]>([[1, firstPage]]);
  pages.forEach((p, i) => more[i].data && loaded.set(p, more[i].data!.samples));
  const rowAt = (index: number): RunSample | undefined => {
    const { page, offset } = rowLocation(index);
    return loaded.get(page)?.[offset];
  };
  const pageError = more.find((m) => m.isError)?.error;
  // What every input starts with (the benchmark's instructions) is left out of the one-line previews.
  const skip = useMemo(() => sharedPrefixLength(firstPage.slice(0, 50).map((s) => s.input)), [firstPage]);

  const [cursor, setCursor] = useState(-1);
  const select = (index: number) => {
    if (index < 0 || index >= total) return;
    setCursor(index);
    virtualizer.scrollToIndex(index, { align: 'auto' });
    const s = rowAt(index);
    if (s) onSelect(s);
  };
  // A row chosen before its page arrived is reported once it has.
  const current = cursor >= 0 ? rowAt(cursor) : undefined;
  const reported = useRef<RunSample | undefined>(undefined);
  useEffect(() => {
    if (current && current !== reported.current) {
      reported.current = current;
      onSelect(current);
    }
  }, [current, onSelect]);

  usePageShortcuts([
    { keys: 'j', description: 'Next sample', run: () => select(Math.min(total - 1, cursor + 1)) },
    { keys: 'k', description: 'Previous sample', run: () => select(Math.max(0, cursor - 1)) },
    { keys: 'ArrowDown', description: 'Next sample', run: () => (document.activeElement === listRef.current ? select(Math.min(total - 1, cursor + 1)) : false) },
    { keys: 'ArrowUp', description: 'Previous sample', run: () => (document.activeElement === listRef.current ? select(Math.max(0, cursor - 1)) : false) },
  ]);

  return (
    <div className="card min-w-0 overflow-hidden">
      {pageError !== undefined && <ErrorBox error={pageError} title="Some samples could not be loaded" />}
      <div
        ref={listRef}
        role="listbox"
        aria-label={`Samples (${total.toLocaleString('en-US')})`}
        aria-activedescendant={cursor >= 0 ? `sample-row-${cursor}` : undefined}
        tabIndex={0}
        onFocus={() => cursor < 0 && total > 0 && select(0)}
        className="h-[calc(100vh-17rem)] min-h-96 overflow-auto outline-none focus-visible:ring-2 focus-visible:ring-accent"
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const s = rowAt(item.index);
            const on = item.index === cursor;
            return (
              <div
                key={item.key}
                id={`sample-row-${item.index}`}
                role="option"
                aria-selected={on}
                aria-setsize={total}
                aria-posinset={item.index + 1}
                onClick={() => select(item.index)}
                className={`absolute top-0 left-0 flex w-full cursor-pointer flex-col justify-center gap-0.5 border-b border-border px-3 ${on ? 'bg-accent-soft' : 'hover:bg-surface-2'}`}
                style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
              >
                {s ? (
                  <>
                    <div className="flex items-center gap-2 text-xs">
                      <VerdictBadge verdict={s.verdict} />
                      <span className="font-mono">#{s.id}</span>
                      {s.epoch > 1 && <span className="text-muted">epoch {s.epoch}</span>}
                      <span className="ml-auto truncate font-mono text-muted">
                        {s.answer ?? '—'} / {s.target}
                      </span>
                    </div>
                    <div className="truncate text-[13px]">{s.input.slice(skip, skip + 300).replace(/\s+/g, ' ')}</div>
                  </>
                ) : (
                  <>
                    <Skeleton className="h-4 w-40" />
                    <Skeleton className="h-3.5 w-full" />
                  </>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
