import { Link } from '@tanstack/react-router';

/** Runs / <the run> / <this page>, on the pages below a run. */
export function RunBreadcrumb({ runId, run, page }: { runId: string; run?: { benchmark: string; model: string }; page: string }) {
  return (
    <nav aria-label="Breadcrumb" className="mb-2 text-sm text-muted">
      <Link to="/runs" className="link">
        Runs
      </Link>{' '}
      /{' '}
      <Link to="/runs/$runId" params={{ runId }} className="link">
        {run ? `${run.benchmark} on ${run.model}` : runId.slice(0, 8)}
      </Link>{' '}
      / {page}
    </nav>
  );
}
