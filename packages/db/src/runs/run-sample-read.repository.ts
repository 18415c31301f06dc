/**
 * Reading a run's stored samples for people: filtered pages with verdict counts, and the per-sample scores
 * a comparison aligns. Verdicts come from the `score` column (value_to_float of the first scorer, null when
 * the sample errored), which the `run_samples_page_idx` index covers, so counting and filtering a
 * 14,042-sample run never reads the records.
 */
import { sql, type RawBuilder } from 'kysely';
import type { DbOrTrx } from '../database';
import { containsPattern } from '../query.util';
import type { RunSampleRow } from './run-sample.table';

/** `correct`: full credit; `incorrect`: scored without full credit (partial credit included); `errored`: no score. */
export type RunSampleVerdict = 'correct' | 'incorrect' | 'errored';

export interface RunSampleFilter {
  verdict?: RunSampleVerdict;
  /** Case-insensitive substring of the sample id, input, target, output, answers, explanations or error. */
  search?: string;
  /** Only these sample ids. */
  sampleIds?: readonly string[];
}

export interface RunSampleVerdictCounts {
  all: number;
  correct: number;
  incorrect: number;
  errored: number;
}

const VERDICT: Record<RunSampleVerdict, RawBuilder<boolean>> = {
  correct: sql<boolean>`score >= 1`,
  incorrect: sql<boolean>`score < 1`,
  errored: sql<boolean>`score is null`,
};

/** Text a person would search for: everything shown of a sample, without the JSON keys around it. */
const SEARCHABLE = sql<string>`concat_ws(
  e'\\n',
  sample_id,
  record->>'input',
  record->>'target',
  record->'output'->>'completion',
  jsonb_path_query_array(record->'scores', '$.*.answer')::text,
  jsonb_path_query_array(record->'scores', '$.*.explanation')::text,
  error
)`;

function filtered(db: DbOrTrx, runId: string, filter: Omit<RunSampleFilter, 'verdict'>) {
  let q = db.selectFrom('run_samples').where('run_id', '=', runId);
  if (filter.sampleIds) q = filter.sampleIds.length > 0 ? q.where('sample_id', 'in', [...filter.sampleIds]) : q.where(sql<boolean>`false`);
  if (filter.search) q = q.where(SEARCHABLE, 'ilike', containsPattern(filter.search));
  return q;
}

/** Verdict counts of the samples matching `filter` (its verdict ignored: the counts are the filter chips). */
export async function countRunSampleVerdicts(db: DbOrTrx, runId: string, filter: RunSampleFilter = {}): Promise<RunSampleVerdictCounts> {
  const row = await filtered(db, runId, filter)
    .select([
      sql<number>`count(*)`.as('all'),
      sql<number>`count(*) filter (where ${VERDICT.correct})`.as('correct'),
      sql<number>`count(*) filter (where ${VERDICT.incorrect})`.as('incorrect'),
      sql<number>`count(*) filter (where ${VERDICT.errored})`.as('errored'),
    ])
    .executeTakeFirstOrThrow();
  return { all: Number(row.all), correct: Number(row.correct), incorrect: Number(row.incorrect), errored: Number(row.errored) };
}

/** One page of the samples matching `filter`, in plan order (`seq`, which orders epochs within the plan). */
export async function listRunSamplePage(
  db: DbOrTrx,
  runId: string,
  filter: RunSampleFilter,
  page: { offset: number; limit: number },
): Promise<RunSampleRow[]> {
  let q = filtered(db, runId, filter);
  if (filter.verdict) q = q.where(VERDICT[filter.verdict]);
  return q.selectAll().orderBy('seq').limit(page.limit).offset(page.offset).execute();
}

export interface RunSampleScore {
  sample_id: string;
  epoch: number;
  /** value_to_float of the first scorer; null when the sample errored. */
  score: number | null;
}

/** Every stored sample's score of each run, in plan order, for aligning runs by (sample id, epoch). */
export async function listRunSampleScores(db: DbOrTrx, runIds: readonly string[]): Promise<Map<string, RunSampleScore[]>> {
  const out = new Map<string, RunSampleScore[]>(runIds.map((id) => [id, []]));
  if (runIds.length === 0) return out;
  const rows = await db
    .selectFrom('run_samples')
    .select(['run_id', 'sample_id', 'epoch', 'score'])
    .where('run_id', 'in', [...runIds])
    .orderBy('run_id')
    .orderBy('seq')
    .execute();
  for (const { run_id, ...score } of rows) out.get(run_id)?.push(score);
  return out;
}
