import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { errorMessage, fieldError } from '../api/errors';
import { useCreateSchedule, useRun, useScheduleAction, useSchedules } from '../api/queries';
import type { RunDetail, ScheduleSummary } from '../api/types';
import { ConfirmDialog } from '../components/confirm';
import { toast, toastError } from '../components/toast';
import { Card, DateText, EmptyState, ErrorBox, Field, LoadingBlock, PageHeader } from '../components/ui';
import { formFromRun, toRunCreate } from '../lib/run-form';

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** Your schedules (a run's configuration started on a cron expression): create one from a run, pause, resume, delete. */
export function SchedulesPage() {
  const search = useSearch({ from: '/_app/schedules' });
  const schedules = useSchedules();
  const from = useRun(search.from ?? '', { poll: false });
  return (
    <>
      <PageHeader title="Schedules" subtitle="A run's configuration, started again on a cron expression: nightly, weekly, on your time zone." />
      {search.from && (from.isPending ? <LoadingBlock label="Loading the run to schedule" /> : from.isError ? <ErrorBox error={from.error} /> : <NewScheduleForm run={from.data} />)}
      {schedules.isPending ? (
        <LoadingBlock label="Loading your schedules" />
      ) : schedules.isError ? (
        <ErrorBox error={schedules.error} onRetry={() => void schedules.refetch()} />
      ) : schedules.data.schedules.length === 0 ? (
        <EmptyState title="No schedules yet">Open a run and choose Schedule… to start its configuration on a cron expression.</EmptyState>
      ) : (
        <ScheduleTable schedules={schedules.data.schedules} />
      )}
    </>
  );
}

function NewScheduleForm({ run }: { run: RunDetail }) {
  const navigate = useNavigate();
  const create = useCreateSchedule();
  const [name, setName] = useState(() => `${run.benchmark} on ${run.model}`);
  const [cron, setCron] = useState('0 3 * * *');
  const [timezone, setTimezone] = useState(browserZone);
  const template = toRunCreate(formFromRun(run));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!('body' in template)) return;
    create.mutate(
      { name: name.trim(), cron: cron.trim(), timezone: timezone.trim(), template: template.body },
      {
        onSuccess: (s) => {
          toast('Schedule created', `Next run ${s.next_run_at ? new Date(s.next_run_at).toLocaleString() : 'when resumed'}`);
          void navigate({ to: '/schedules', search: {} });
        },
      },
    );
  };
  const error = (field: string) => fieldError(create.error, field);
  const otherError = create.isError && !['name', 'cron', 'timezone'].some((f) => error(f));
  return (
    <Card title="New schedule" className="mb-6">
      <form onSubmit={submit} className="grid gap-4 md:grid-cols-3">
        <p className="text-sm text-muted md:col-span-3">
          Each tick starts{' '}
          <Link to="/runs/$runId" params={{ runId: run.run_id }} className="link">
            {run.benchmark} on {run.model}
          </Link>{' '}
          again with the same options, tagged with the schedule.
        </p>
        <Field label="Name" htmlFor="schedule-name" error={error('name')}>
          <input id="schedule-name" className="input" value={name} maxLength={200} required onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label="Cron expression" htmlFor="schedule-cron" hint="minute hour day month weekday, e.g. 0 3 * * 1-5" error={error('cron')}>
          <input id="schedule-cron" className="input font-mono" value={cron} required onChange={(e) => setCron(e.target.value)} aria-invalid={error('cron') ? true : undefined} />
        </Field>
        <Field label="Time zone" htmlFor="schedule-timezone" error={error('timezone')}>
          <input id="schedule-timezone" className="input" value={timezone} required onChange={(e) => setTimezone(e.target.value)} />
        </Field>
        {otherError && (
          <div role="alert" className="rounded-md border border-bad/40 bg-bad-soft px-3 py-2 text-sm md:col-span-3">
            {errorMessage(create.error)}
          </div>
        )}
        <div className="md:col-span-3">
          <button type="submit" className="btn btn-primary" disabled={create.isPending || !('body' in template)}>
            {create.isPending ? 'Creating…' : 'Create schedule'}
          </button>
        </div>
      </form>
    </Card>
  );
}

function ScheduleTable({ schedules }: { schedules: ScheduleSummary[] }) {
  const action = useScheduleAction();
  const [deleting, setDeleting] = useState<ScheduleSummary | null>(null);
  const run = (s: ScheduleSummary, what: 'pause' | 'resume' | 'delete') =>
    action.mutate({ scheduleId: s.schedule_id, action: what }, { onSuccess: () => setDeleting(null), onError: (e) => toastError(`Could not ${what} the schedule`, errorMessage(e)) });
  return (
    <div className="card overflow-x-auto">
      <table className="w-full text-sm">
        <thead>
          <tr className="border-b border-border text-left text-xs text-muted">
            <th className="px-3 py-2">Schedule</th>
            <th className="px-3 py-2">When</th>
            <th className="px-3 py-2">State</th>
            <th className="px-3 py-2">Next run</th>
            <th className="px-3 py-2">Last run</th>
            <th className="px-3 py-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {schedules.map((s) => (
            <tr key={s.schedule_id} className="border-b border-border last:border-0">
              <td className="px-3 py-2">
                <div>{s.name}</div>
                <div className="font-mono text-xs text-muted">
                  {s.template.benchmark} · {s.template.model}
                </div>
              </td>
              <td className="px-3 py-2">
                <span className="font-mono">{s.cron}</span> <span className="text-xs text-muted">{s.timezone}</span>
              </td>
              <td className="px-3 py-2">
                <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ${s.paused ? 'bg-warn-soft text-warn' : 'bg-ok-soft text-ok'}`}>{s.paused ? 'Paused' : 'Active'}</span>
                {s.last_error && <div className="mt-1 max-w-xs text-xs text-bad">{s.last_error}</div>}
              </td>
              <td className="px-3 py-2">{s.next_run_at ? <DateText iso={s.next_run_at} /> : '—'}</td>
              <td className="px-3 py-2">
                {s.last_run_id ? (
                  <Link to="/runs/$runId" params={{ runId: s.last_run_id }} className="link">
                    <DateText iso={s.last_run_at} />
                  </Link>
                ) : (
                  '—'
                )}
              </td>
              <td className="px-3 py-2 text-right whitespace-nowrap">
                <button type="button" className="btn btn-sm" disabled={action.isPending} onClick={() => run(s, s.paused ? 'resume' : 'pause')} aria-label={`${s.paused ? 'Resume' : 'Pause'} ${s.name}`}>
                  {s.paused ? 'Resume' : 'Pause'}
                </button>{' '}
                <button type="button" className="btn btn-sm" disabled={action.isPending} onClick={() => setDeleting(s)} aria-label={`Delete ${s.name}`}>
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title="Delete this schedule?"
        description="It starts no more runs. The runs it started stay, with their schedule tag."
        confirmLabel="Delete schedule"
        busy={action.isPending}
        onConfirm={() => deleting && run(deleting, 'delete')}
      />
    </div>
  );
}
