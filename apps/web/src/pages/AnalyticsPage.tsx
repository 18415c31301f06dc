import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useLeaderboard, useStatsHistory, useStatsSummary } from '../api/queries';
import type { LeaderboardEntry, StatsDay } from '../api/types';
import { axisMax } from '../components/charts';
import { EmptyState, ErrorBox, Field, LoadingBlock, PageHeader, Skeleton } from '../components/ui';
import { formatCompact, formatCount, formatDate, formatInterval, formatNumber, formatPercent, metricLabel } from '../lib/format';
import { intervalBar, sortLeaderboard, type LeaderboardSort } from '../lib/leaderboard';

const PERIODS = [7, 30, 90, 365] as const;

export function AnalyticsPage() {
  const search = useSearch({ from: '/_app/leaderboard' });
  const navigate = useNavigate({ from: '/leaderboard' });
  const days = search.days ?? 30;
  return (
    <>
      <PageHeader title="Leaderboard and analytics" subtitle="Your completed runs: the best of each model per benchmark, and how your runs went over time." />
      <Summary />
      <Leaderboard benchmark={search.benchmark} onBenchmark={(b) => void navigate({ search: (s) => ({ ...s, benchmark: b }) })} />
      <History days={days} onDays={(d) => void navigate({ search: (s) => ({ ...s, days: d === 30 ? undefined : d }) })} />
    </>
  );
}

function Summary() {
  const summary = useStatsSummary();
  if (summary.isError) return <ErrorBox error={summary.error} title="Could not load your statistics" onRetry={() => void summary.refetch()} />;
  const s = summary.data;
  const cards: [string, string, string?][] = s
    ? [
        ['Runs', formatCount(s.runs), `${formatCount(s.by_status.completed)} completed · ${formatCount(s.by_status.failed)} failed`],
        ['Success rate', formatPercent(s.success_rate), 'completed ÷ (completed + failed)'],
        ['In flight', formatCount(s.by_status.running + s.by_status.queued), `${formatCount(s.by_status.running)} running · ${formatCount(s.by_status.queued)} queued`],
        ['Models × benchmarks', `${formatCount(s.models)} × ${formatCount(s.benchmarks)}`],
        ['Tokens', formatCompact(s.total_tokens), `${formatCompact(s.input_tokens)} in · ${formatCompact(s.output_tokens)} out`],
      ]
    : [];
  return (
    <section aria-label="Summary" className="mb-5 grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-5">
      {summary.isPending
        ? Array.from({ length: 5 }, (_, i) => (
            <div key={i} className="card p-4" role={i === 0 ? 'status' : undefined}>
              {i === 0 && <span className="sr-only">Loading statistics</span>}
              <Skeleton className="h-3 w-20" />
              <Skeleton className="mt-2 h-7 w-24" />
            </div>
          ))
        : cards.map(([label, value, hint]) => (
            <div key={label} className="card p-4">
              <div className="text-xs text-muted">{label}</div>
              <div className="tabular mt-1 text-2xl font-semibold">{value}</div>
              {hint && <div className="mt-0.5 text-xs text-muted">{hint}</div>}
            </div>
          ))}
    </section>
  );
}

const SORTS: { by: LeaderboardSort; label: string }[] = [
  { by: 'rank', label: 'Rank' },
  { by: 'model', label: 'Model' },
  { by: 'runs', label: 'Runs' },
  { by: 'total_tokens', label: 'Tokens' },
  { by: 'finished_at', label: 'Finished' },
];

function Leaderboard({ benchmark, onBenchmark }: { benchmark?: string; onBenchmark: (b: string | undefined) => void }) {
  const all = useLeaderboard();
  const boards = all.data?.leaderboards ?? [];
  const current = boards.find((b) => b.benchmark === benchmark) ?? boards[0];
  const [sort, setSort] = useState<{ by: LeaderboardSort; order: 'asc' | 'desc' }>({ by: 'rank', order: 'asc' });
  const entries = useMemo(() => (current ? sortLeaderboard(current.entries, sort.by, sort.order) : []), [current, sort]);
  const max = axisMax(entries.flatMap((e) => [e.primary_metric, e.ci_upper ?? e.primary_metric]));
  const metricName = entries[0]?.primary_metric_name;
  const top = current ? sortLeaderboard(current.entries, 'rank', 'asc').slice(0, 8) : [];

  return (
    <section aria-labelledby="lb-heading" className="card mb-5 p-4">
      <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
        <h2 id="lb-heading" className="text-base font-semibold">
          Leaderboard
        </h2>
        {boards.length > 0 && (
          <div className="flex flex-wrap items-end gap-2">
            <Field label="Benchmark" htmlFor="lb-benchmark">
              <select id="lb-benchmark" className="input w-56" value={current?.benchmark ?? ''} onChange={(e) => onBenchmark(e.target.value || undefined)}>
                {boards.map((b) => (
                  <option key={b.benchmark} value={b.benchmark}>
                    {b.benchmark} ({b.entries.length} model{b.entries.length === 1 ? '' : 's'})
                  </option>
                ))}
              </select>
            </Field>
            {top.length >= 2 && (
              <Link to="/compare" search={{ ids: top.map((e) => e.run_id).join(',') }} className="btn">
                Compare the top {top.length}
              </Link>
            )}
          </div>
        )}
      </div>
      {all.isPending ? (
        <LoadingBlock label="Loading the leaderboard" lines={5} />
      ) : all.isError ? (
        <ErrorBox error={all.error} title="Could not load the leaderboard" onRetry={() => void all.refetch()} />
      ) : !current ? (
        <EmptyState title="No completed runs yet">
          The leaderboard ranks the best completed run of each model.{' '}
          <Link to="/new" className="link">
            Start a run
          </Link>
          .
        </EmptyState>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <caption className="sr-only">Best completed run of each model on {current.benchmark}</caption>
            <thead className="text-left text-xs text-muted">
              <tr>
                {SORTS.slice(0, 2).map((s) => (
                  <SortTh key={s.by} {...s} sort={sort} onSort={setSort} />
                ))}
                <th scope="col" className="py-1.5 pr-3 font-semibold">{metricName ? metricLabel(metricName) : 'Primary metric'} (95% CI)</th>
                <th scope="col" className="w-48 py-1.5 pr-3 font-semibold"><span className="sr-only">Interval chart</span></th>
                {SORTS.slice(2).map((s) => (
                  <SortTh key={s.by} {...s} sort={sort} onSort={setSort} />
                ))}
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <LeaderboardRow key={e.model} e={e} max={max} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function SortTh({ by, label, sort, onSort }: { by: LeaderboardSort; label: string; sort: { by: LeaderboardSort; order: 'asc' | 'desc' }; onSort: (s: { by: LeaderboardSort; order: 'asc' | 'desc' }) => void }) {
  const active = sort.by === by;
  const natural = by === 'rank' || by === 'model' ? 'asc' : 'desc';
  return (
    <th scope="col" className="py-1.5 pr-3 font-semibold" aria-sort={active ? (sort.order === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="inline-flex items-center gap-1 hover:text-fg" onClick={() => onSort({ by, order: active ? (sort.order === 'asc' ? 'desc' : 'asc') : natural })}>
        {label}
        <span aria-hidden="true" className={active ? 'text-fg' : 'opacity-30'}>
          {active && sort.order === 'desc' ? '▼' : '▲'}
        </span>
      </button>
    </th>
  );
}

function LeaderboardRow({ e, max }: { e: LeaderboardEntry; max: number }) {
  const bar = intervalBar(e, max);
  return (
    <tr className="border-t border-border">
      <td className="tabular py-2 pr-3 font-semibold">{e.rank}</td>
      <td className="py-2 pr-3">
        <Link to="/runs/$runId" params={{ runId: e.run_id }} className="link font-mono text-xs">
          {e.model}
        </Link>
      </td>
      <td className="tabular py-2 pr-3 whitespace-nowrap">
        {formatNumber(e.primary_metric)}
        {e.stderr !== null && <span className="text-muted"> ± {formatNumber(e.stderr)}</span>}
        {formatInterval(e.ci_lower, e.ci_upper) && <span className="ml-1 text-xs text-muted">{formatInterval(e.ci_lower, e.ci_upper)}</span>}
      </td>
      <td className="py-2 pr-3" aria-hidden="true">
        <div className="relative h-3 rounded bg-surface-2">
          <div className="absolute top-1 h-1 rounded bg-accent/40" style={{ left: `${bar.lower}%`, width: `${Math.max(0.5, bar.upper - bar.lower)}%` }} />
          <div className="absolute top-0 h-3 w-0.5 bg-accent" style={{ left: `${bar.value}%` }} />
        </div>
      </td>
      <td className="tabular py-2 pr-3">{formatCount(e.runs)}</td>
      <td className="tabular py-2 pr-3">{formatCompact(e.total_tokens)}</td>
      <td className="py-2 pr-3 whitespace-nowrap">{formatDate(e.finished_at)}</td>
    </tr>
  );
}

const tooltipStyle = { background: 'var(--surface)', border: '1px solid var(--border)', borderRadius: 6, color: 'var(--fg)', fontSize: 12 };
const axis = { stroke: 'var(--muted)', fontSize: 12 };

function History({ days, onDays }: { days: number; onDays: (d: number) => void }) {
  const history = useStatsHistory(days);
  const data = (history.data?.history ?? []).map((d: StatsDay) => ({
    date: d.date.slice(5),
    completed: d.by_status.completed,
    failed: d.by_status.failed,
    canceled: d.by_status.canceled,
    active: d.by_status.running + d.by_status.queued,
    success: d.success_rate,
    tokens: d.total_tokens,
  }));
  return (
    <section aria-labelledby="history-heading" className="card p-4">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 id="history-heading" className="text-base font-semibold">
          Runs over time
        </h2>
        <div role="group" aria-label="Period" className="flex gap-1">
          {PERIODS.map((p) => (
            <button key={p} type="button" aria-pressed={days === p} onClick={() => onDays(p)} className={`btn btn-sm ${days === p ? 'border-accent bg-accent-soft text-accent' : ''}`}>
              {p === 365 ? '1 year' : `${p} days`}
            </button>
          ))}
        </div>
      </div>
      {history.isPending ? (
        <Skeleton className="h-64 w-full" />
      ) : history.isError ? (
        <ErrorBox error={history.error} title="Could not load the history" onRetry={() => void history.refetch()} />
      ) : (
        <div className="grid gap-5 xl:grid-cols-2">
          <figure>
            <figcaption className="mb-1 text-xs font-semibold text-muted">Runs per day (by status now) and success rate</figcaption>
            <div className="h-64" aria-hidden="true">
              <ResponsiveContainer width="100%" height="100%">
                <ComposedChart accessibilityLayer={false} data={data} margin={{ top: 4, right: 8, bottom: 0, left: -16 }}>
                  <CartesianGrid vertical={false} stroke="var(--border)" />
                  <XAxis dataKey="date" tick={axis} stroke="var(--border)" minTickGap={16} />
                  <YAxis yAxisId="runs" allowDecimals={false} tick={axis} stroke="var(--border)" />
                  <YAxis yAxisId="rate" orientation="right" domain={[0, 1]} tick={axis} stroke="var(--border)" tickFormatter={(v: number) => `${Math.round(v * 100)}%`} />
                  <Tooltip contentStyle={tooltipStyle} cursor={{ fill: 'var(--surface-2)' }} formatter={(v, n) => (n === 'success rate' ? formatPercent(Number(v)) : v)} />
                  <Legend wrapperStyle={{ fontSize: 12 }} />
                  <Bar yAxisId="runs" dataKey="completed" stackId="s" fill="var(--chart-3)" isAnimationActive={false} />
                  <Bar yAxisId="runs" dataKey="failed" stackId="s" fill="var(--bad)" isAnimationActive={false} />
                  <Bar yAxisId="runs" dataKey="canceled" stackId="s" fill="var(--chart-8)" isAnimationActive={false} />
                  <Bar yAxisId="runs" dataKey="active" name="queued or running" stackId="s" fill="var(--chart-1)" isAnimationActive={false} />
                  <Line yAxisId="rate" dataKey="success" name="success rate" stroke="var(--fg)" dot={false} connectNulls isAnimationActive={false} />
                </ComposedChart>
              </ResponsiveContainer>
            </div>
          </figure>
          <figure>
            <figcaption className="mb-1 text-xs font-semibold text-muted">Tokens used per day</figcaption>
            <div className="h-64" aria-hidden="true">
              <ResponsiveContainer width="100%" height="100%">
                <ComposedChart accessibilityLayer={false} data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
                  <CartesianGrid vertical={false} stroke="var(--border)" />
                  <XAxis dataKey="date" tick={axis} stroke="var(--border)" minTickGap={16} />
                  <YAxis tick={axis} stroke="var(--border)" tickFormatter={(v: number) => formatCompact(v)} />
                  <Tooltip contentStyle={tooltipStyle} cursor={{ fill: 'var(--surface-2)' }} formatter={(v) => formatCount(Number(v))} />
                  <Bar dataKey="tokens" name="tokens" fill="var(--chart-4)" isAnimationActive={false} />
                </ComposedChart>
              </ResponsiveContainer>
            </div>
          </figure>
          <p className="sr-only">
            {data.filter((d) => d.completed + d.failed + d.canceled + d.active > 0).map((d) => `${d.date}: ${d.completed} completed, ${d.failed} failed, ${d.tokens} tokens`).join('; ') || 'No runs in this period.'}
          </p>
        </div>
      )}
    </section>
  );
}
