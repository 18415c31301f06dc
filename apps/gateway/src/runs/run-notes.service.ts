import { setRunNotes } from '@studio/db';
import type { AppDeps } from '../deps';
import { requireOwnedRun } from './run-access.guard';
import type { NotesResponse } from './run.types';

/** A run's notes: metadata, like its tags, so they can change in any state. */
export async function updateRunNotes(deps: AppDeps, id: string, userId: string, notes: string | null): Promise<NotesResponse> {
  const { run_id } = await requireOwnedRun(deps.db, id, userId);
  const stored = notes?.trim() || null;
  await setRunNotes(deps.db, run_id, stored);
  return { notes: stored };
}
