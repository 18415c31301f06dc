/** A run's notes: shown as text; the owner edits them in place (Save, or Escape to leave them as they were). */
import { useState } from 'react';
import { errorMessage } from '../api/errors';
import { useUpdateNotes } from '../api/queries';
import { toastError } from './toast';

const MAX_NOTES = 10_000;

export function NotesEditor({ runId, notes, canEdit }: { runId: string; notes: string | null; canEdit: boolean }) {
  const update = useUpdateNotes(runId);
  const [draft, setDraft] = useState<string | null>(null);

  if (draft === null) {
    return (
      <div className="flex w-full items-start gap-2">
        {notes ? <p className="text-sm whitespace-pre-wrap text-muted">{notes}</p> : canEdit && <span className="text-sm text-muted">No notes</span>}
        {canEdit && (
          <button type="button" className="btn btn-ghost h-7 px-2 text-xs" onClick={() => setDraft(notes ?? '')}>
            {notes ? 'Edit notes' : 'Add notes'}
          </button>
        )}
      </div>
    );
  }
  const save = () =>
    update.mutate(draft.trim() || null, {
      onSuccess: () => setDraft(null),
      onError: (e) => toastError('Could not save the notes', errorMessage(e)),
    });
  return (
    <div className="w-full" aria-busy={update.isPending}>
      <label htmlFor="notes-input" className="sr-only">
        Notes
      </label>
      <textarea
        id="notes-input"
        className="input min-h-20 w-full text-sm"
        value={draft}
        maxLength={MAX_NOTES}
        autoFocus
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setDraft(null);
        }}
        disabled={update.isPending}
      />
      <div className="mt-1 flex gap-2">
        <button type="button" className="btn btn-primary h-7 px-3 text-xs" onClick={save} disabled={update.isPending}>
          Save notes
        </button>
        <button type="button" className="btn h-7 px-3 text-xs" onClick={() => setDraft(null)} disabled={update.isPending}>
          Cancel
        </button>
      </div>
    </div>
  );
}
