import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { errorMessage } from '../api/errors';
import { keys, useSuite, useSuiteAction } from '../api/queries';
import type { GroupSummary, SuiteCell, SuiteDetail, SuiteStatus } from '../api/types';
import { currentSession } from '../auth/session';
import { ConfirmDialog } from '../components/confirm';
import { toastError } from '../components/toast';
import { DateText, ErrorBox, LoadingBlock, PageHeader, ProgressBar, StatusBadge } from '../components/ui';
import { openEventStream, type StreamState } from '../lib/event-stream';
import { formatCount, formatInterval, formatNumber, formatPercent, metricLabel } from '../lib/format';
import { heatColor, suiteTitle } from '../lib/suite-form';
import { applySuiteEvent, isRunEnd, isSuiteEnd } from '../lib/suite-live';

const SUITE_STATUS_STYLE: Record<SuiteStatus, string> = {
  running: 'bg-info-soft text-info',
  completed: 'bg-ok-soft text-ok',
  failed: 'bg-bad-soft text-bad',
  canceled: 'bg-warn-soft text-warn',
  partial: 'bg-warn-soft text-warn',
};

export function SuiteStatusBadge({ status }: { status: SuiteStatus }) {
  return <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ${SUITE_STATUS_STYLE[status]}`}>{status}</span>;
}

/** Keeps the suite's cached detail live from its event stream while the suite runs. */
function useSuiteStream(suiteId: string, enabled: boolean): StreamState {
  const qc = useQueryClient();
  const [state, setState] = useState<StreamState>('closed');
  useEffect(() => {
    if (!enabled) return;
    return openEventStream({
      url: `/api/suites/${encodeURIComponent(suiteId)}/events`,
      headers: (): Record<string, string> => {
        const session = currentSession();
        return session ? { Authorization: `Bearer ${session.token}` } : {};
      },
      notFound: 'This suite no longer exists.',
      onEvent: (event) => {
        qc.setQueryData<SuiteDetail>(keys.suite(suiteId), (s) => applySuiteEvent(s, event));
        if (isRunEnd(event)) void qc.invalidateQueries({ queryKey: keys.suite(suiteId) });
      },
      onState: (s) => setState(s),
      isFinal: isSuiteEnd,
    });
  }, [suiteId, enabled, qc]);
  return state;
}

/** A suite: its status and progress, the model × benchmark heat map (live), and cancel, retry and delete. */
export function SuitePage() {
  const { suiteId } = useParams({ from: '/_app/suites/$suiteId' });
  const navigate = useNavigate();
  const suite = useSuite(suiteId);
  const running = suite.data?.status === 'running';
  const connection = useSuiteStream(suiteId, running);
  const cancel = useSuiteAction(suiteId, 'cancel');
  const retry = useSuiteAction(suiteId, 'retry');
  const remove = useSuiteAction(suiteId, 'delete');
  const [confirmDelete, setConfirmDelete] = useState(false);

  if (suite.isPending) return <LoadingBlock label="Loading the suite" />;
  if (suite.isError) return <ErrorBox error={suite.error} title="Could not load this suite" onRetry={() => void suite.refetch()} />;
  const s = suite.data;
  const retryable = s.progress.runs.failed + s.progress.runs.canceled;
  const onError = (what: string) => (e: unknown) => toastError(what, errorMessage(e));

  return (
    <>
      <PageHeader
        title={suiteTitle(s)}
        subtitle={
          <span className="inline-flex flex-wrap items-center gap-2">
            <SuiteStatusBadge status={s.status} /> created <DateText iso={s.created_at} />
            {running && <span className="text-xs text-muted">{connection === 'open' ? 'live' : connection}</span>}
          </span>
        }
        actions={
          <div className="flex gap-2">
            {running && (
              <button type="button" className="btn" disabled={cancel.isPending} onClick={() => cancel.mutate(undefined, { onError: onError('Could not cancel the suite') })}>
                {cancel.isPending ? 'Canceling…' : 'Cancel suite'}
              </button>
            )}
            {retryable > 0 && (
              <button type="button" className="btn" disabled={retry.isPending} onClick={() => retry.mutate(undefined, { onError: onError('Could not retry the suite') })}>
                Retry failed ({retryable})
              </button>
            )}
            <button type="button" className="btn btn-danger" disabled={running} title={running ? 'Cancel the suite first' : undefined} onClick={() => setConfirmDelete(true)}>
              Delete
            </button>
          </div>
        }
      />
      <div className="card mb-5 space-y-2 p-4">
        <ProgressBar percentage={s.progress.fraction * 100} label="Suite progress" />
        <p className="tabular text-sm text-muted">
          {s.progress.runs.completed} completed · {s.progress.runs.running} running · {s.progress.runs.queued} queued · {s.progress.runs.failed} failed · {s.progress.runs.canceled} canceled — of{' '}
          {s.progress.runs_total} runs
        </p>
      </div>
      <SuiteMatrix suite={s} />
      {s.group && <GroupSummaries suite={s} />}
      <ConfirmDialog
        open={confirmDelete}
        onOpenChange={setConfirmDelete}
        title="Delete this suite?"
        description={`Its ${s.progress.runs_total} runs are deleted with it, with their samples and logs.`}
        confirmLabel="Delete suite"
        busy={remove.isPending}
        onConfirm={() =>
          remove.mutate(undefined, {
            onSuccess: () => void navigate({ to: '/suites' }),
            onError: onError('Could not delete the suite'),
            onSettled: () => setConfirmDelete(false),
          })
        }
      />
    </>
  );
}

/** The heat map: a row per model, a column per benchmark, each cell coloured by its primary metric and linking to its run. */
function SuiteMatrix({ suite }: { suite: SuiteDetail }) {
  return (
    <div className="card overflow-x-auto">
      <table className="w-full text-sm" aria-label="Results by model and benchmark">
        <thead>
          <tr className="border-b border-border text-left text-xs text-muted">
            <th scope="col" className="px-3 py-2">
              Model
            </th>
            {suite.benchmarks.map((b) => (
              <th key={b} scope="col" className="px-3 py-2 font-mono">
                {b}
              </th>
            ))}
            <th scope="col" className="px-3 py-2">
              Mean
            </th>
          </tr>
        </thead>
        <tbody>
          {suite.matrix.map((row) => (
            <tr key={row.model} className="border-b border-border last:border-0">
              <th scope="row" className="px-3 py-2 text-left font-mono text-xs">
                {row.model}
              </th>
              {row.cells.map((c) => (
                <td key={c.run_id} className="p-1">
                  <Cell cell={c} model={row.model} />
                </td>
              ))}
              <td className="tabular px-3 py-2 font-semibold" style={{ background: heatColor(row.mean) }}>
                {row.mean === null ? '—' : formatNumber(row.mean)}
                {row.mean_over > 0 && row.mean_over < row.cells.length && <span className="block text-xs font-normal">over {row.mean_over}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Each model's group summary, the figures openbench's `bench eval <group>` prints, once the model's runs have finished. */
function GroupSummaries({ suite }: { suite: SuiteDetail }) {
  return (
    <div className="card mt-5 overflow-x-auto">
      <table className="w-full text-sm" aria-label="Group summary by model">
        <caption className="px-3 pt-3 text-left font-semibold">Group summary: {suite.matrix.find((r) => r.group_summary)?.group_summary?.group ?? suite.group}</caption>
        <thead>
          <tr className="border-b border-border text-left text-xs text-muted">
            {['Model', 'Benchmarks', 'Samples', 'Mean accuracy', 'Median', '95% CI', 'Std deviation', 'Std error'].map((h) => (
              <th key={h} scope="col" className="px-3 py-2">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {suite.matrix.map((row) => (
            <tr key={row.model} className="border-b border-border last:border-0">
              <th scope="row" className="px-3 py-2 text-left font-mono text-xs">
                {row.model}
              </th>
              <GroupSummaryCells summary={row.group_summary} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function GroupSummaryCells({ summary }: { summary: GroupSummary | null }) {
  if (!summary) return <td colSpan={7} className="px-3 py-2 text-muted">when this model's runs have finished</td>;
  const { stats } = summary;
  if (!stats) return <td colSpan={7} className="px-3 py-2 text-muted">{summary.note ?? 'No member reported accuracy'}</td>;
  return (
    <>
      <td className="tabular px-3 py-2">
        {summary.benchmarks}
        {summary.scored < summary.benchmarks && <span className="block text-xs text-muted">{summary.scored} scored</span>}
      </td>
      <td className="tabular px-3 py-2">{formatCount(summary.samples)}</td>
      <td className="tabular px-3 py-2 font-semibold">{formatPercent(stats.mean, 2)}</td>
      <td className="tabular px-3 py-2">{formatPercent(stats.median, 2)}</td>
      <td className="tabular px-3 py-2">
        [{formatPercent(stats.ci_lower, 2)}, {formatPercent(stats.ci_upper, 2)}]
      </td>
      <td className="tabular px-3 py-2">{stats.std.toFixed(4)}</td>
      <td className="tabular px-3 py-2">{stats.stderr.toFixed(4)}</td>
    </>
  );
}

function Cell({ cell, model }: { cell: SuiteCell; model: string }) {
  const m = cell.primary_metric;
  const interval = m ? formatInterval(m.ci_lower, m.ci_upper) : null;
  return (
    <Link
      to="/runs/$runId"
      params={{ runId: cell.run_id }}
      title={cell.error ?? (interval ? `95% CI ${interval}` : undefined)}
      className="block min-w-28 rounded px-2 py-1.5 hover:outline hover:outline-accent"
      style={{ background: heatColor(m?.value) }}
    >
      {/* The link's name starts with what it is; the visible text (value, interval or status) follows it. */}
      <span className="sr-only">
        {model} on {cell.benchmark}: {m ? `${metricLabel(m.name)} ` : ''}
      </span>
      {m ? (
        <>
          <span className="tabular font-semibold">{formatNumber(m.value)}</span>
          {/* Full-strength text: muted grey on the tinted cell falls below WCAG AA contrast in the dark theme. */}
          {interval && <span className="tabular block text-xs">{interval}</span>}
        </>
      ) : (
        <span className="flex flex-col gap-1">
          <StatusBadge status={cell.status} />
          {cell.status === 'running' && cell.progress_total > 0 && (
            <span className="tabular text-xs text-muted">
              {cell.progress_current}/{cell.progress_total}
            </span>
          )}
        </span>
      )}
    </Link>
  );
}
