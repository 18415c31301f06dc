/**
 * A private dataset (`custom/<slug>`) as the engine reads it: the owner's dataset row from PostgreSQL, and its rows
 * read back a page at a time when the run loads its data, so any worker on any machine runs it.
 */
import { customBenchmarkSlug, type DatasetRow } from '@studio/contracts';
import { findDatasetBySlug, listDatasetRows, type Db } from '@studio/db';
import type { CustomDataset } from '@studio/engine';
import { RunSetupError } from './provider-key.resolver';

const PAGE = 5000;

/** The run's dataset, undefined for a built-in benchmark; throws when the owner no longer has it. */
export async function customDatasetOf(db: Db, userId: string | null, benchmark: string): Promise<CustomDataset | undefined> {
  const slug = customBenchmarkSlug(benchmark);
  if (slug === undefined) return undefined;
  const dataset = userId === null ? undefined : await findDatasetBySlug(db, userId, slug);
  if (!dataset) throw new RunSetupError(`The dataset ${benchmark} no longer exists; it was deleted after the run was created`);
  return {
    slug: dataset.slug,
    name: dataset.name,
    kind: dataset.kind,
    graderModel: dataset.grader_model ?? undefined,
    rubric: dataset.rubric ?? undefined,
    hasGroups: dataset.has_groups,
    async loadRows(signal) {
      const rows: DatasetRow[] = [];
      for (;;) {
        signal?.throwIfAborted();
        const page = await listDatasetRows(db, dataset.dataset_id, { offset: rows.length, limit: PAGE });
        for (const row of page) rows.push(row.data);
        if (page.length < PAGE) return rows;
      }
    },
  };
}
