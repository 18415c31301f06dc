import { listTags, setRunTags } from '@studio/db';
import { checkTags } from '@studio/run-intake';
import type { AppDeps } from '../deps';
import { refusedRunRequest } from '../errors/app-error';
import { requireOwnedRun } from './run-access.guard';
import type { TagsResponse } from './run.types';

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
    const normalised = refusedRunRequest(() => checkTags(tags));
    await setRunTags(this.deps.db, run_id, normalised);
    return { tags: normalised };
  }
}
