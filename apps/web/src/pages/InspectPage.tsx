import { Link, useParams, useSearch } from '@tanstack/react-router';
import { artifactUrl } from '../api/client';
import { useRun } from '../api/queries';
import { EmptyState, ErrorBox, LoadingBlock, PageHeader } from '../components/ui';

/** A run's `.eval` log in Inspect's own viewer, hosted on inspect.html and framed here, inside the Studio. */
export function InspectPage() {
  const { runId } = useParams({ from: '/_app/runs/$runId/inspect' });
  const { log } = useSearch({ from: '/_app/runs/$runId/inspect' });
  const run = useRun(runId);
  const evalLog = log ?? run.data?.artifacts.find((a) => a.endsWith('.eval'));
  const src = evalLog ? `/inspect.html?log=${encodeURIComponent(artifactUrl(runId, evalLog))}` : null;

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-muted">
        <Link to="/runs" className="link">
          Runs
        </Link>{' '}
        /{' '}
        <Link to="/runs/$runId" params={{ runId }} className="link">
          {run.data ? `${run.data.benchmark} on ${run.data.model}` : runId.slice(0, 8)}
        </Link>{' '}
        / Inspect viewer
      </nav>
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
      ) : (
        <iframe title="Inspect log viewer" src={src} className="h-[calc(100vh-12rem)] min-h-[32rem] w-full rounded-lg border border-border bg-white" />
      )}
    </>
  );
}
