/** A run's tags: remove with ×, add by typing (Enter or comma), suggestions from the tags already in use. */
import { useState, type KeyboardEvent } from 'react';
import { errorMessage } from '../api/errors';
import { useRunTags, useUpdateTags } from '../api/queries';
import { parseTags } from '../lib/run-form';
import { toastError } from './toast';

export function TagsEditor({ runId, tags, canEdit }: { runId: string; tags: string[]; canEdit: boolean }) {
  const update = useUpdateTags(runId);
  const known = useRunTags();
  const [text, setText] = useState('');

  const save = (next: string[]) =>
    update.mutate(next, {
      onSuccess: () => setText(''),
      onError: (e) => toastError('Could not save the tags', errorMessage(e)),
    });
  const add = () => {
    const added = parseTags(text).filter((t) => !tags.includes(t));
    if (added.length) save([...tags, ...added]);
    else setText('');
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || e.key === ',') {
      e.preventDefault();
      add();
    } else if (e.key === 'Backspace' && !text && tags.length) save(tags.slice(0, -1));
  };

  return (
    <div className="flex flex-wrap items-center gap-1.5" aria-busy={update.isPending}>
      {tags.length === 0 && !canEdit && <span className="text-sm text-muted">No tags</span>}
      {tags.map((t) => (
        <span key={t} className="chip">
          {t}
          {canEdit && (
            <button type="button" className="-mr-1 rounded-full px-1 text-muted hover:text-bad" onClick={() => save(tags.filter((x) => x !== t))} aria-label={`Remove tag ${t}`} disabled={update.isPending}>
              ×
            </button>
          )}
        </span>
      ))}
      {canEdit && (
        <>
          <label htmlFor="tag-input" className="sr-only">
            Add a tag
          </label>
          <input
            id="tag-input"
            list="known-tags"
            className="input h-7 w-40 py-0.5 text-xs"
            placeholder="Add tag…"
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={onKey}
            onBlur={() => text.trim() && add()}
            disabled={update.isPending}
          />
          <datalist id="known-tags">
            {known.data?.filter((t) => !tags.includes(t)).map((t) => <option key={t} value={t} />)}
          </datalist>
        </>
      )}
    </div>
  );
}
