import { listTags, setRunTags } from '@studio/db';
import type { AppDeps } from '../deps';
import { validationError } from '../errors/app-error';
import { requireOwnedRun } from './run-access.guard';
import { MAX_TAGS, MAX_TAG_LENGTH, normaliseTags } from './run.mapper';
import type { TagsResponse } from './run.types';

/** Tags as stored: normalised, then refused when too many or too long. */
export function checkTags(tags: readonly string[]): string[] {
  const normalised = normaliseTags(tags);
  if (normalised.length > MAX_TAGS) throw validationError('tags', `at most ${MAX_TAGS} tags`);
  const long = normalised.find((t) => t.length > MAX_TAG_LENGTH);
  if (long !== undefined) throw validationError('tags', `tags are at most ${MAX_TAG_LENGTH} characters ("${long.slice(0, 20)}…" is longer)`);
  return normalised;
}

/** A run's tags, and the tags of a user's runs. */
export class RunTagsService {
  constructor(private readonly deps: AppDeps) {}

  /** The viewer's tags, sorted and unique; none for an anonymous viewer. */
  async list(viewerId: string | null): Promise<string[]> {
    return listTags(this.deps.db, viewerId);
  }

  /** Tags are metadata: they can change in any state, running included. */
  async set(id: string, userId: string, tags: readonly string[]): Promise<TagsResponse> {
    const { run_id } = await requireOwnedRun(this.deps.db, id, userId);
    const normalised = checkTags(tags);
    await setRunTags(this.deps.db, run_id, normalised);
    return { tags: normalised };
  }
}
