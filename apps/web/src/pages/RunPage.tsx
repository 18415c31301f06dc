import * as Tabs from '@radix-ui/react-tabs';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { artifactUrl } from '../api/client';
import { ApiError, errorMessage } from '../api/errors';
import { keys, useBenchmark, useCancelRun, useDeleteRun, useMe, useRun } from '../api/queries';
import { isActive, type RunDetail } from '../api/types';
import { BreakdownChart } from '../components/charts';
import { ConfirmDialog } from '../components/confirm';
import { NotesEditor } from '../components/NotesEditor';
import { TagsEditor } from '../components/TagsEditor';
import { toast, toastError } from '../components/toast';
import { Card, CopyButton, DateText, EmptyState, ErrorBox, Facts, LoadingBlock, MetricValue, PageHeader, ProgressBar, Skeleton, StatusBadge } from '../components/ui';
import { downloadText } from '../lib/export';
import { formatCount, formatDuration, formatInterval, formatPercent, metricLabel, runDurationMs } from '../lib/format';
import { taskArgLines } from '../lib/run-form';
import { mergeLogTail, tailLines } from '../lib/run-live';
import { useNow } from '../lib/use-now';
import { useRunStream } from '../lib/use-run-stream';
import { usePageShortcuts } from '../components/shortcuts-context';

export function RunPage() {
  const { runId } = useParams({ from: '/_app/runs/$runId' });
  const run = useRun(runId, { poll: true });
  const queryClient = useQueryClient();
  const active = run.data ? isActive(run.data.status) : false;
  const stream = useRunStream(runId, active, () => void queryClient.invalidateQueries({ queryKey: keys.run(runId) }));

  if (run.isPending) return <RunSkeleton />;
  if (run.isError) {
    const gone = run.error instanceof ApiError && run.error.status === 404;
    return (
      <>
        <PageHeader title={gone ? 'Run not found' : 'Run'} />
        {gone ? (
          <EmptyState title="This run does not exist, or it was deleted">
            <Link to="/runs" className="link">
              Back to runs
            </Link>
          </EmptyState>
        ) : (
          <ErrorBox error={run.error} title="Could not load this run" onRetry={() => void run.refetch()} />
        )}
      </>
    );
  }
  return <RunView run={run.data} live={stream.live} connection={stream.connection} connectionDetail={stream.detail} />;
}

function RunView({
  run,
  live,
  connection,
  connectionDetail,
}: {
  run: RunDetail;
  live: ReturnType<typeof useRunStream>['live'];
  connection: ReturnType<typeof useRunStream>['connection'];
  connectionDetail?: string;
}) {
  const navigate = useNavigate();
  const me = useMe();
  const cancel = useCancelRun(run.run_id);
  const del = useDeleteRun();
  const [confirm, setConfirm] = useState<'cancel' | 'delete' | null>(null);
  const status = live.status && isActive(run.status) ? live.status : run.status;
  const active = isActive(status);
  const progress = active && live.progress ? live.progress : run.progress;
  const now = useNow(active);
  const owner = !run.user_id || run.user_id === me.data?.user_id;
  const evalLog = run.artifacts.find((a) => a.endsWith('.eval'));

  usePageShortcuts([
    { keys: 's', description: 'Open the samples', run: () => void navigate({ to: '/runs/$runId/samples', params: { runId: run.run_id } }) },
    { keys: 'i', description: 'Open in the Inspect viewer', run: () => (evalLog ? void navigate({ to: '/runs/$runId/inspect', params: { runId: run.run_id } }) : false) },
    { keys: 'e', description: 'Run again with changes', run: () => void navigate({ to: '/new', search: { from: run.run_id } }) },
  ]);

  const doCancel = () =>
    cancel.mutate(undefined, {
      onSuccess: () => {
        toast('Cancel requested', 'The run stops within a second or two.');
        setConfirm(null);
      },
      onError: (e) => toastError('Could not cancel the run', errorMessage(e)),
    });
  const doDelete = () =>
    del.mutate(run.run_id, {
      onSuccess: () => {
        toast('Run deleted', `${run.benchmark} on ${run.model}`);
        void navigate({ to: '/runs' });
      },
      onError: (e) => {
        toastError('Could not delete the run', errorMessage(e));
        setConfirm(null);
      },
    });

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-muted">
        <Link to="/runs" className="link">
          Runs
        </Link>{' '}
        / <span className="font-mono text-xs">{run.run_id.slice(0, 8)}</span>
      </nav>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            <span>
              {run.benchmark} <span className="font-normal text-muted">on</span> <span className="font-mono text-lg">{run.model}</span>
            </span>
            <StatusBadge status={status} />
          </span>
        }
        subtitle={
          <span className="flex flex-wrap items-center gap-x-4 gap-y-1">
            <span>
              Created <DateText iso={run.created_at} />
            </span>
            <span>Duration {formatDuration(runDurationMs(run, now))}</span>
            <span className="inline-flex items-center gap-1">
              <span className="font-mono text-xs">{run.run_id}</span>
              <CopyButton text={run.run_id} label="Copy run id" />
            </span>
          </span>
        }
        actions={
          <>
            <Link to="/runs/$runId/samples" params={{ runId: run.run_id }} className="btn">
              Samples
            </Link>
            {evalLog && (
              <Link to="/runs/$runId/inspect" params={{ runId: run.run_id }} className="btn">
                Open in Inspect viewer
              </Link>
            )}
            <Link to="/new" search={{ from: run.run_id }} className="btn">
              Run again with changes
            </Link>
            <Link to="/schedules" search={{ from: run.run_id }} className="btn">
              Schedule…
            </Link>
            <button type="button" className="btn" onClick={() => downloadText(`run-${run.run_id}.json`, `${JSON.stringify(run, null, 2)}\n`, 'application/json')}>
              Export JSON
            </button>
            {owner && active && (
              <button type="button" className="btn btn-danger" onClick={() => setConfirm('cancel')} disabled={cancel.isPending}>
                {cancel.isPending ? 'Canceling…' : 'Cancel run'}
              </button>
            )}
            {owner && !active && (
              <button type="button" className="btn" onClick={() => setConfirm('delete')}>
                Delete
              </button>
            )}
          </>
        }
      />

      {(active || live.finished) && <LivePanel run={run} status={status} progress={progress} connection={connection} detail={connectionDetail} now={now} />}
      {(status === 'failed' || run.error) && !active && (
        <div role="alert" className="mb-5 rounded-md border border-bad/40 bg-bad-soft px-4 py-3 text-sm">
          <div className="font-semibold text-bad">{status === 'canceled' ? 'Canceled' : 'The run failed'}</div>
          <div className="mt-0.5 font-mono text-xs whitespace-pre-wrap">{live.error ?? run.error}</div>
        </div>
      )}

      <section aria-labelledby="tags-heading" className="mb-5 flex flex-wrap items-center gap-3">
        <h2 id="tags-heading" className="text-sm font-semibold text-muted">
          Tags
        </h2>
        <TagsEditor runId={run.run_id} tags={run.tags} canEdit={owner} />
        <NotesEditor runId={run.run_id} notes={run.notes} canEdit={owner} />
      </section>

      <Metrics run={run} />
      <Breakdowns run={run} />

      <div className="mt-5 grid gap-5 lg:grid-cols-2">
        <TokenUsage run={run} />
        <Artifacts run={run} />
      </div>
      <div className="mt-5 grid gap-5 lg:grid-cols-2">
        <Config run={run} />
        <LogTail run={run} streamed={live.lines.map((l) => (l.stream === 'stderr' ? `[stderr] ${l.line}` : l.line))} live={active} />
      </div>

      <ConfirmDialog
        open={confirm === 'cancel'}
        onOpenChange={(o) => !o && setConfirm(null)}
        title="Cancel this run?"
        description="Samples in flight are abandoned; the samples already scored are kept."
        confirmLabel="Cancel run"
        busy={cancel.isPending}
        onConfirm={doCancel}
      />
      <ConfirmDialog
        open={confirm === 'delete'}
        onOpenChange={(o) => !o && setConfirm(null)}
        title="Delete this run?"
        description="Its results, samples and logs are removed for good."
        confirmLabel="Delete run"
        busy={del.isPending}
        onConfirm={doDelete}
      />
    </>
  );
}

function LivePanel({
  run,
  status,
  progress,
  connection,
  detail,
  now,
}: {
  run: RunDetail;
  status: RunDetail['status'];
  progress: RunDetail['progress'];
  connection: string;
  detail?: string;
  now: number;
}) {
  const elapsed = runDurationMs(run, now);
  const rate = elapsed && progress.current ? progress.current / (elapsed / 1000) : null;
  const eta = rate && progress.total > progress.current ? ((progress.total - progress.current) / rate) * 1000 : null;
  const connectionText = status === 'queued' ? 'Waiting for a worker' : connection === 'open' ? 'Live' : connection === 'reconnecting' ? 'Reconnecting…' : connection === 'connecting' ? 'Connecting…' : 'Finished';
  return (
    <section aria-labelledby="progress-heading" className="card mb-5 p-4">
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <h2 id="progress-heading" className="text-sm font-semibold">
          Progress
        </h2>
        <span className="inline-flex items-center gap-1.5 text-xs text-muted" title={detail}>
          <span aria-hidden="true" className={`h-2 w-2 rounded-full ${connection === 'open' ? 'animate-pulse bg-ok' : connection === 'reconnecting' ? 'bg-warn' : 'bg-muted'}`} />
          {connectionText}
        </span>
      </div>
      <ProgressBar percentage={progress.percentage} label="Run progress" />
      <dl className="mt-3 grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
        <Counter label="Samples" value={`${formatCount(progress.current)} / ${formatCount(progress.total)}`} />
        <Counter label="Done" value={formatPercent(progress.percentage / 100)} />
        <Counter label="Rate" value={rate ? `${rate.toFixed(1)} /s` : '—'} />
        <Counter label="Time left" value={status === 'running' && eta !== null ? `≈ ${formatDuration(eta)}` : '—'} />
      </dl>
      <div aria-live="polite" className="sr-only">
        {status === 'completed' ? 'Run completed' : status === 'failed' ? 'Run failed' : status === 'canceled' ? 'Run canceled' : ''}
      </div>
    </section>
  );
}

function Counter({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-xs text-muted">{label}</dt>
      <dd className="tabular font-semibold">{value}</dd>
    </div>
  );
}

function Metrics({ run }: { run: RunDetail }) {
  if (!run.metrics.length) {
    return isActive(run.status) ? null : (
      <section aria-label="Metrics" className="mb-5">
        <EmptyState title="No metrics">{run.status === 'completed' ? 'This benchmark reported none.' : 'The run ended before scoring any sample.'}</EmptyState>
      </section>
    );
  }
  return (
    <section aria-labelledby="metrics-heading" className="mb-5">
      <h2 id="metrics-heading" className="mb-2 text-base font-semibold">
        Metrics
      </h2>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-4">
        {run.metrics.map((m) => (
          <div key={m.name} className={`card p-4 ${m.name === run.primary_metric_name ? 'border-accent/60' : ''}`}>
            <div className="flex items-center justify-between text-xs text-muted">
              <span>{metricLabel(m.name)}</span>
              {m.name === run.primary_metric_name && <span className="chip">primary</span>}
            </div>
            <div className="mt-1 text-2xl font-semibold">
              <MetricValue value={m.value} />
            </div>
            <div className="tabular mt-1 space-y-0.5 text-xs text-muted">
              <div>stderr {m.stderr === null ? '—' : m.stderr.toFixed(4)}</div>
              <div>95% CI {formatInterval(m.ci_lower, m.ci_upper) ?? '—'}</div>
            </div>
          </div>
        ))}
      </div>
    </section>
  );
}

function Breakdowns({ run }: { run: RunDetail }) {
  const list = run.breakdowns.filter((b) => b.items.length > 0);
  const [view, setView] = useState<'chart' | 'table'>('chart');
  if (!list.length) return null;
  return (
    <Card
      title="By group"
      actions={
        <button type="button" className="btn btn-sm" onClick={() => setView(view === 'chart' ? 'table' : 'chart')} aria-pressed={view === 'table'}>
          {view === 'chart' ? 'Show as table' : 'Show as chart'}
        </button>
      }
    >
      <Tabs.Root defaultValue={list[0].name}>
        {list.length > 1 && (
          <Tabs.List aria-label="Grouping" className="mb-3 flex gap-1 border-b border-border">
            {list.map((b) => (
              <Tabs.Trigger key={b.name} value={b.name} className="-mb-px border-b-2 border-transparent px-3 py-1.5 text-sm text-muted data-[state=active]:border-accent data-[state=active]:text-fg">
                {metricLabel(b.name)} ({b.items.length})
              </Tabs.Trigger>
            ))}
          </Tabs.List>
        )}
        {list.map((b) => (
          <Tabs.Content key={b.name} value={b.name}>
            {view === 'chart' ? (
              <BreakdownChart breakdown={b} />
            ) : (
              <div className="max-h-[32rem] overflow-auto">
                <table className="w-full text-sm">
                  <caption className="sr-only">Metric by {b.name}</caption>
                  <thead className="sticky top-0 bg-surface text-left text-xs text-muted">
                    <tr>
                      <th scope="col" className="py-1.5 pr-3">{metricLabel(b.name)}</th>
                      <th scope="col" className="py-1.5 pr-3">Value</th>
                      <th scope="col" className="py-1.5 pr-3">95% CI</th>
                      <th scope="col" className="py-1.5">Samples</th>
                    </tr>
                  </thead>
                  <tbody>
                    {[...b.items].sort((x, y) => y.value - x.value).map((i) => (
                      <tr key={i.key} className="border-t border-border">
                        <td className="py-1.5 pr-3">{i.key}</td>
                        <td className="tabular py-1.5 pr-3"><MetricValue value={i.value} stderr={i.stderr} inline /></td>
                        <td className="tabular py-1.5 pr-3">{formatInterval(i.ci_lower, i.ci_upper) ?? '—'}</td>
                        <td className="tabular py-1.5">{formatCount(i.n)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Tabs.Content>
        ))}
      </Tabs.Root>
    </Card>
  );
}

function TokenUsage({ run }: { run: RunDetail }) {
  const models = Object.entries(run.model_usage ?? {});
  return (
    <Card title="Token usage">
      {run.total_tokens === null && !models.length ? (
        <p className="text-sm text-muted">{isActive(run.status) ? 'Counted when the run finishes.' : 'The provider reported no usage.'}</p>
      ) : (
        <>
          <dl className="grid grid-cols-3 gap-3 text-sm">
            <Counter label="Input" value={formatCount(run.input_tokens)} />
            <Counter label="Output" value={formatCount(run.output_tokens)} />
            <Counter label="Total" value={formatCount(run.total_tokens)} />
          </dl>
          {models.length > 0 && (
            <table className="mt-3 w-full text-sm">
              <caption className="sr-only">Tokens per model</caption>
              <thead className="text-left text-xs text-muted">
                <tr>
                  <th scope="col" className="py-1 pr-3">Model</th>
                  <th scope="col" className="py-1 pr-3 text-right">Input</th>
                  <th scope="col" className="py-1 pr-3 text-right">Output</th>
                  <th scope="col" className="py-1 text-right">Total</th>
                </tr>
              </thead>
              <tbody>
                {models.map(([model, u]) => (
                  <tr key={model} className="border-t border-border">
                    <td className="py-1 pr-3 font-mono text-xs">{model}</td>
                    <td className="tabular py-1 pr-3 text-right">{formatCount(u.input_tokens)}</td>
                    <td className="tabular py-1 pr-3 text-right">{formatCount(u.output_tokens)}</td>
                    <td className="tabular py-1 text-right">{formatCount(u.total_tokens)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </Card>
  );
}

function Artifacts({ run }: { run: RunDetail }) {
  return (
    <Card title="Artifacts">
      {run.artifacts.length === 0 ? (
        <p className="text-sm text-muted">{isActive(run.status) ? 'Written when the run finishes.' : 'None.'}</p>
      ) : (
        <ul className="space-y-1.5 text-sm">
          {run.artifacts.map((a) => (
            <li key={a} className="flex flex-wrap items-center justify-between gap-2">
              <span className="min-w-0 truncate font-mono text-xs" title={a}>
                {a}
              </span>
              <span className="flex shrink-0 gap-1">
                {a.endsWith('.eval') && (
                  <Link to="/runs/$runId/inspect" params={{ runId: run.run_id }} search={{ log: a }} className="btn btn-sm">
                    View
                  </Link>
                )}
                <a className="btn btn-sm" href={artifactUrl(run.run_id, a)} download aria-label={`Download ${a}`}>
                  Download
                </a>
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

const CONFIG_FIELDS: [keyof RunDetail['config'], string][] = [
  ['limit', 'Sample limit'],
  ['epochs', 'Epochs'],
  ['temperature', 'Temperature'],
  ['top_p', 'Top p'],
  ['max_tokens', 'Max tokens'],
  ['seed', 'Seed'],
  ['timeout', 'Timeout (s)'],
  ['max_connections', 'Max connections'],
  ['grader_model', 'Grader model'],
  ['fail_on_error', 'Fail on error'],
];

function Config({ run }: { run: RunDetail }) {
  const c = run.config;
  const judges = useBenchmark(run.benchmark).data?.requirements.judges;
  const show = (v: unknown) => (v === null || v === undefined ? <span className="text-muted">default</span> : String(v));
  const taskArgs = taskArgLines(c.task_args);
  // A benchmark with fixed judges has no grader model: its judges take that line.
  const rows = CONFIG_FIELDS.map(([k, label]): [string, ReactNode] =>
    k === 'grader_model' && judges
      ? ['Judges', Object.entries(judges).map(([role, model]) => <div key={role}>{`${role}: ${model}`}</div>)]
      : [label, k === 'fail_on_error' && c.fail_on_error === undefined ? 'first error' : show(c[k])],
  );
  return (
    <Card title="Configuration">
      <Facts
        mono
        items={[
          ...rows,
          ['Task arguments', taskArgs.length ? taskArgs.map((line) => <div key={line}>{line}</div>) : <span className="text-muted">none</span>],
        ]}
      />
      {run.command && (
        <div className="mt-4">
          <div className="mb-1 flex items-center justify-between">
            <h3 className="text-xs font-semibold text-muted">Equivalent command</h3>
            <CopyButton text={run.command} label="Copy the command" />
          </div>
          <pre className="overflow-x-auto rounded-md bg-surface-2 p-2 font-mono text-xs whitespace-pre-wrap">{run.command}</pre>
        </div>
      )}
    </Card>
  );
}

function LogTail({ run, streamed, live }: { run: RunDetail; streamed: string[]; live: boolean }) {
  const stored = useMemo(() => [...tailLines(run.stdout_tail), ...tailLines(run.stderr_tail).map((l) => `[stderr] ${l}`)], [run.stdout_tail, run.stderr_tail]);
  const lines = useMemo(() => mergeLogTail(stored, streamed), [stored, streamed]);
  const ref = useRef<HTMLPreElement>(null);
  const stick = useRef(true);
  useEffect(() => {
    const el = ref.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [lines]);
  return (
    <Card
      title="Log"
      actions={
        run.artifacts.includes('run.log') && (
          <a className="link text-xs" href={artifactUrl(run.run_id, 'run.log')} download>
            Full log
          </a>
        )
      }
    >
      {lines.length === 0 ? (
        <p className="text-sm text-muted">{live ? 'Waiting for output…' : 'No output.'}</p>
      ) : (
        <pre
          ref={ref}
          role="log"
          aria-label="Run log"
          tabIndex={0}
          onScroll={(e) => {
            const el = e.currentTarget;
            stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
          }}
          className="max-h-80 min-h-32 overflow-auto rounded-md bg-surface-2 p-2 font-mono text-xs leading-5 whitespace-pre-wrap"
        >
          {lines.map((l, i) => (
            <div key={i} className={l.startsWith('[stderr]') ? 'text-warn' : undefined}>
              {l}
            </div>
          ))}
        </pre>
      )}
    </Card>
  );
}

function RunSkeleton() {
  return (
    <div role="status" aria-live="polite">
      <span className="sr-only">Loading the run</span>
      <Skeleton className="mb-2 h-4 w-32" />
      <Skeleton className="mb-6 h-7 w-96 max-w-full" />
      <div className="mb-5 grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-4">
        {Array.from({ length: 4 }, (_, i) => (
          <div key={i} className="card p-4">
            <Skeleton className="h-3 w-20" />
            <Skeleton className="mt-2 h-7 w-28" />
            <Skeleton className="mt-2 h-3 w-32" />
          </div>
        ))}
      </div>
      <div className="card p-4">
        <LoadingBlock label="" lines={8} />
      </div>
    </div>
  );
}
