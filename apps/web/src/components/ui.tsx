/** Small building blocks shared by the pages. */
import { useId, useState, type ReactNode } from 'react';
import { errorMessage } from '../api/errors';
import type { RunStatus } from '../api/types';
import { formatDate, formatInterval, formatRelative, formatWithStderr } from '../lib/format';

export function PageHeader({ title, subtitle, actions }: { title: ReactNode; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="mb-5 flex flex-wrap items-start justify-between gap-3">
      <div className="min-w-0">
        <h1 className="text-xl font-semibold tracking-tight break-words">{title}</h1>
        {subtitle && <div className="mt-1 text-sm text-muted">{subtitle}</div>}
      </div>
      {actions && <div className="flex flex-wrap items-center gap-2">{actions}</div>}
    </div>
  );
}

export function Skeleton({ className = '' }: { className?: string }) {
  return <div aria-hidden="true" className={`skeleton ${className}`} />;
}

/** A placeholder while something loads: grey bars, announced once to screen readers. */
export function LoadingBlock({ label, lines = 4, className = '' }: { label: string; lines?: number; className?: string }) {
  return (
    <div role="status" aria-live="polite" className={`space-y-2 ${className}`}>
      <span className="sr-only">{label}</span>
      {Array.from({ length: lines }, (_, i) => (
        <Skeleton key={i} className={`h-4 ${i % 3 === 2 ? 'w-2/3' : 'w-full'}`} />
      ))}
    </div>
  );
}

export function ErrorBox({ error, title = 'Could not load this', onRetry }: { error: unknown; title?: string; onRetry?: () => void }) {
  return (
    <div role="alert" className="rounded-md border border-bad/40 bg-bad-soft px-4 py-3 text-sm">
      <div className="font-semibold text-bad">{title}</div>
      <div className="mt-0.5 text-fg">{errorMessage(error)}</div>
      {onRetry && (
        <button type="button" className="btn btn-sm mt-2" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-border px-6 py-10 text-center">
      <div className="font-semibold">{title}</div>
      {children && <div className="mt-1 text-sm text-muted">{children}</div>}
    </div>
  );
}

const STATUS_STYLE: Record<RunStatus, string> = {
  queued: 'bg-surface-2 text-muted',
  running: 'bg-info-soft text-info',
  completed: 'bg-ok-soft text-ok',
  failed: 'bg-bad-soft text-bad',
  canceled: 'bg-warn-soft text-warn',
};
const STATUS_DOT: Record<RunStatus, string> = {
  queued: 'bg-muted',
  running: 'bg-info animate-pulse',
  completed: 'bg-ok',
  failed: 'bg-bad',
  canceled: 'bg-warn',
};

/** A run's status as colour and text. */
export function StatusBadge({ status }: { status: RunStatus }) {
  return (
    <span className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[status]}`}>
      <span aria-hidden="true" className={`h-1.5 w-1.5 rounded-full ${STATUS_DOT[status]}`} />
      {status}
    </span>
  );
}

/** `0.734 ± 0.012` with the 95% interval below (and in the title). */
export function MetricValue({
  value,
  stderr,
  lower,
  upper,
  inline = false,
}: {
  value: number | null | undefined;
  stderr?: number | null;
  lower?: number | null;
  upper?: number | null;
  inline?: boolean;
}) {
  const interval = formatInterval(lower, upper);
  return (
    <span className={`tabular ${inline ? 'inline-flex items-baseline gap-1.5' : 'inline-flex flex-col'}`} title={interval ? `95% interval ${interval}` : undefined}>
      <span>{formatWithStderr(value, stderr)}</span>
      {interval && <span className="text-xs text-muted">95% CI {interval}</span>}
    </span>
  );
}

/** A date in the one format, with how long ago on hover. */
export function DateText({ iso }: { iso: string | null | undefined }) {
  if (!iso) return <span className="text-muted">—</span>;
  return (
    <time dateTime={iso} title={formatRelative(iso)} className="tabular whitespace-nowrap">
      {formatDate(iso)}
    </time>
  );
}

export function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="btn btn-sm btn-ghost"
      aria-label={label}
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(() => {
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        });
      }}
    >
      {copied ? 'Copied' : 'Copy'}
    </button>
  );
}

export function ProgressBar({ percentage, label }: { percentage: number; label: string }) {
  const pct = Math.max(0, Math.min(100, percentage));
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(pct)}
      className="h-2 w-full overflow-hidden rounded-full bg-surface-2"
    >
      <div className="h-full rounded-full bg-accent transition-[width] duration-300" style={{ width: `${pct}%` }} />
    </div>
  );
}

export function Field({ label, htmlFor, hint, error, className, children }: { label: string; htmlFor: string; hint?: ReactNode; error?: string; className?: string; children: ReactNode }) {
  return (
    <div className={className}>
      <label htmlFor={htmlFor} className="label">
        {label}
      </label>
      {children}
      {error ? (
        <p id={`${htmlFor}-error`} className="mt-1 text-xs text-bad">
          {error}
        </p>
      ) : (
        hint && (
          <p id={`${htmlFor}-hint`} className="mt-1 text-xs text-muted">
            {hint}
          </p>
        )
      )}
    </div>
  );
}

/** A titled card: the page's sections, named by their heading for assistive technology. */
export function Card({ title, actions, className = '', children }: { title: ReactNode; actions?: ReactNode; className?: string; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className={`card p-4 ${className}`}>
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 id={id} className="text-base font-semibold">
          {title}
        </h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** Loading placeholder, error with retry, or the query's data handed to `children`. */
export function Loaded<T>({
  query,
  label,
  errorTitle,
  lines,
  children,
}: {
  query: { isPending: boolean; isError: boolean; error: unknown; data: T | undefined; refetch: () => unknown };
  label: string;
  errorTitle?: string;
  lines?: number;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <LoadingBlock label={label} lines={lines} />;
  if (query.isError) return <ErrorBox error={query.error} title={errorTitle} onRetry={() => void query.refetch()} />;
  return <>{children(query.data as T)}</>;
}

/** Label–value pairs, as a description list. */
export function Facts({ items, mono = false }: { items: [string, ReactNode][]; mono?: boolean }) {
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm">
      {items.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-muted">{label}</dt>
          <dd className={mono ? 'font-mono text-xs leading-5' : undefined}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
