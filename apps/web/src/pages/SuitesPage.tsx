import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useSuites } from '../api/queries';
import { DateText, EmptyState, ErrorBox, LoadingBlock, PageHeader, ProgressBar } from '../components/ui';
import { suiteTitle } from '../lib/suite-form';
import { SuiteStatusBadge } from './SuitePage';

/** Your suites, newest first, with their status and progress. */
export function SuitesPage() {
  const [page, setPage] = useState(1);
  const suites = useSuites(page);
  return (
    <>
      <PageHeader
        title="Suites"
        subtitle="Several models on several benchmarks, submitted and read as one."
        actions={
          <Link to="/suites/new" className="btn btn-primary">
            New suite
          </Link>
        }
      />
      {suites.isPending ? (
        <LoadingBlock label="Loading your suites" />
      ) : suites.isError ? (
        <ErrorBox error={suites.error} onRetry={() => void suites.refetch()} />
      ) : suites.data.suites.length === 0 ? (
        <EmptyState title="No suites yet">Start one with New suite: pick benchmarks and models, and every pair runs.</EmptyState>
      ) : (
        <div className="card overflow-x-auto">
          <table className="w-full text-sm">
            <thead>
              <tr className="border-b border-border text-left text-xs text-muted">
                <th className="px-3 py-2">Suite</th>
                <th className="px-3 py-2">Status</th>
                <th className="px-3 py-2">Size</th>
                <th className="w-48 px-3 py-2">Progress</th>
                <th className="px-3 py-2">Created</th>
              </tr>
            </thead>
            <tbody>
              {suites.data.suites.map((s) => (
                <tr key={s.suite_id} className="border-b border-border last:border-0">
                  <td className="px-3 py-2">
                    <Link to="/suites/$suiteId" params={{ suiteId: s.suite_id }} className="link">
                      {suiteTitle(s)}
                    </Link>
                  </td>
                  <td className="px-3 py-2">
                    <SuiteStatusBadge status={s.status} />
                  </td>
                  <td className="tabular px-3 py-2">
                    {s.models.length} model{s.models.length === 1 ? '' : 's'} × {s.benchmarks.length} benchmark{s.benchmarks.length === 1 ? '' : 's'}
                  </td>
                  <td className="px-3 py-2">
                    <ProgressBar percentage={s.progress.fraction * 100} label={`Progress of ${suiteTitle(s)}`} />
                  </td>
                  <td className="px-3 py-2">
                    <DateText iso={s.created_at} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {(page > 1 || suites.data.has_more) && (
            <div className="flex justify-end gap-2 p-3">
              <button type="button" className="btn btn-sm" disabled={page === 1} onClick={() => setPage((p) => p - 1)}>
                Previous
              </button>
              <button type="button" className="btn btn-sm" disabled={!suites.data.has_more} onClick={() => setPage((p) => p + 1)}>
                Next
              </button>
            </div>
          )}
        </div>
      )}
    </>
  );
}
