import { useState, type FormEvent } from 'react';
import { errorMessage, fieldError } from '../api/errors';
import { useDeleteServiceKey, useSaveServiceKey, useScoringServices, useServiceKeys } from '../api/queries';
import { ConfirmDialog } from '../components/confirm';
import { toast, toastError } from '../components/toast';
import { DateText, ErrorBox, Field, LoadingBlock } from '../components/ui';

/** Settings' place for scoring-service keys: save or replace the key (only its end is shown), or delete it. */
export function ServiceKeysSection() {
  // The outside services that score runs with your key (`GET /api/service-keys/services`), not model providers.
  const services = useScoringServices();
  const stored = useServiceKeys();
  return (
    <section id="scoring-services" aria-labelledby="service-keys-heading" className="card mt-5 scroll-mt-20 p-5">
      <h2 id="service-keys-heading" className="text-base font-semibold">
        Scoring services
      </h2>
      <p className="mb-4 text-sm text-muted">Outside services that score some benchmarks with your own key, stored encrypted like provider keys.</p>
      {stored.isPending || services.isPending ? (
        <LoadingBlock label="Loading your scoring-service keys" lines={1} />
      ) : stored.isError || services.isError ? (
        <ErrorBox
          error={stored.error ?? services.error}
          title="Could not load your scoring-service keys"
          onRetry={() => void Promise.all([stored.refetch(), services.refetch()])}
        />
      ) : (
        <div className="space-y-5">
          {services.data.map((s) => (
            <ServiceKeyRow
              key={s.service}
              service={s.service}
              short={s.short_name}
              name={s.display_name}
              scores={s.scores}
              saved={stored.data.find((k) => k.service === s.service)}
            />
          ))}
        </div>
      )}
    </section>
  );
}

function ServiceKeyRow({
  service,
  short,
  name,
  scores,
  saved,
}: {
  service: string;
  short: string;
  name: string;
  scores: string;
  saved?: { key_preview: string; updated_at: string };
}) {
  const [key, setKey] = useState('');
  const [deleting, setDeleting] = useState(false);
  const save = useSaveServiceKey();
  const del = useDeleteServiceKey();
  const inputId = `service-key-${service}`;

  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate(
      { service, key },
      {
        onSuccess: () => {
          toast('Key saved', name);
          setKey('');
        },
        onError: (err) => toastError('Could not save the key', errorMessage(err)),
      },
    );
  }

  return (
    <>
      <form onSubmit={submit} className="flex flex-wrap items-end gap-3">
        <Field
          label={`${name} key`}
          htmlFor={inputId}
          className="min-w-64 flex-1"
          hint={
            saved ? (
              <>
                Saved: <span className="font-mono">{saved.key_preview}</span>, updated <DateText iso={saved.updated_at} />. Scores {scores}.
              </>
            ) : (
              `Not set. Scores ${scores}.`
            )
          }
          error={fieldError(save.error, 'key')}
        >
          <input id={inputId} type="password" autoComplete="off" className="input font-mono" value={key} onChange={(e) => setKey(e.target.value)} required />
        </Field>
        <button type="submit" className="btn btn-primary" disabled={save.isPending || key.trim() === ''}>
          {saved ? `Replace ${short} key` : `Save ${short} key`}
        </button>
        {saved && (
          <button type="button" className="btn" onClick={() => setDeleting(true)} aria-label={`Delete the ${name} key`}>
            Delete
          </button>
        )}
      </form>
      <ConfirmDialog
        open={deleting}
        onOpenChange={setDeleting}
        title="Delete this key?"
        description={`Runs scored by ${name} will need a new key. Runs already finished keep their results.`}
        confirmLabel="Delete key"
        busy={del.isPending}
        onConfirm={() =>
          del.mutate(service, {
            onSuccess: () => {
              toast('Key deleted', name);
              setDeleting(false);
            },
            onError: (err) => toastError('Could not delete the key', errorMessage(err)),
          })
        }
      />
    </>
  );
}
