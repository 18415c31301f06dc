import { useQuery } from '@tanstack/react-query';
import { useParams, useSearch } from '@tanstack/react-router';
import { RunBreadcrumb } from '../components/RunBreadcrumb';
import { artifactUrl } from '../api/client';
import { useRun } from '../api/queries';
import { EmptyState, ErrorBox, LoadingBlock, PageHeader } from '../components/ui';

/** A run's `.eval` log in Inspect's own viewer, hosted on inspect.html and framed here, inside the Studio. */
export function InspectPage() {
  const { runId } = useParams({ from: '/_app/runs/$runId/inspect' });
  const { log } = useSearch({ from: '/_app/runs/$runId/inspect' });
  const run = useRun(runId);
  const evalLog = log ?? run.data?.artifacts.find((a) => a.endsWith('.eval'));
  const logUrl = evalLog ? artifactUrl(runId, evalLog) : null;
  const src = logUrl ? `/inspect.html?log_file=${encodeURIComponent(logUrl)}` : null;
  // The viewer reads the log with byte ranges; without them it would show an empty list and no reason.
  const ranges = useQuery({
    queryKey: ['artifact-ranges', logUrl],
    enabled: logUrl !== null,
    queryFn: async () => {
      const res = await fetch(logUrl!, { method: 'HEAD' });
      return { ok: res.ok, status: res.status, ranges: res.headers.get('Accept-Ranges') === 'bytes' };
    },
    staleTime: Infinity,
  });

  return (
    <>
      <RunBreadcrumb runId={runId} run={run.data} page="Inspect viewer" />
      <PageHeader
        title="Inspect log viewer"
        subtitle={evalLog ? <span className="font-mono text-xs">{evalLog}</span> : undefined}
        actions={
          src && (
            <a className="btn" href={src} target="_blank" rel="noreferrer">
              Open full screen
            </a>
          )
        }
      />
      {run.isPending && !log ? (
        <LoadingBlock label="Loading the run" />
      ) : run.isError && !log ? (
        <ErrorBox error={run.error} title="Could not load this run" onRetry={() => void run.refetch()} />
      ) : !src ? (
        <EmptyState title="No Inspect log yet">The `.eval` log is written when the run finishes.</EmptyState>
      ) : ranges.isPending ? (
        <LoadingBlock label="Opening the log" />
      ) : ranges.isError || !ranges.data.ok || !ranges.data.ranges ? (
        <ErrorBox
          title="The log cannot be opened here"
          error={new Error(
            ranges.data && !ranges.data.ok
              ? `The log answered HTTP ${ranges.data.status}.`
              : 'The server does not serve byte ranges of this log, which Inspect\'s viewer needs. Download the log and open it with `inspect view`.',
          )}
        />
      ) : (
        <iframe title="Inspect log viewer" src={src} className="h-[calc(100vh-12rem)] min-h-[32rem] w-full rounded-lg border border-border bg-white" />
      )}
    </>
  );
}
