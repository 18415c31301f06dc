import { valueToFloat } from '../metrics';
import { getReducer } from '../reducers';
import { sampleKey, scoreResults, type EpochScore, type ScoreResults, type WorkItem } from '../runner';
import type { SampleId, SampleRecord, Score, TaskDefinition } from '../types';

/** What results need of a stored SampleRecord (a row of the run's finished samples). */
export interface StoredSample {
  sample_id: SampleId;
  epoch: number;
  scores: Record<string, unknown>;
  error: string | null;
}

/**
 * The score a stored sample keeps beside its record for quick aggregates (verdicts, comparisons): value_to_float of
 * its first scorer, null when the sample errored.
 */
export function storedSampleScore(record: SampleRecord): number | null {
  const first = Object.values(record.scores)[0];
  return record.error === null && first ? valueToFloat(first.value) : null;
}

/**
 * A run's results over its stored records, computed as the runner computes them over its own scores (plan order,
 * the reducers and the task's metrics). The stored records are what samples.jsonl and the .eval log show, and when
 * two attempts both finished an item the record kept is the first one stored, not necessarily this attempt's.
 * Errored records are left out, as Inspect leaves errored samples out of scoring. `reducers` are the run's epoch
 * reducers when it chose them (else the task's, else mean).
 */
export function storedResults(
  task: TaskDefinition,
  plan: readonly WorkItem[],
  stored: Iterable<StoredSample>,
  reducers?: readonly string[],
): ScoreResults {
  const byKey = new Map<string, StoredSample>();
  for (const record of stored) byKey.set(sampleKey(record.sample_id, record.epoch), record);
  const scores: EpochScore[] = [];
  for (const { sample, epoch } of plan) {
    const record = byKey.get(sampleKey(sample.id, epoch));
    // Stored records are the engine's own SampleRecords, so their scores have the engine's Score shape.
    const score = record && record.error === null ? (record.scores as Record<string, Score | undefined>)[task.scorer.name] : undefined;
    if (!score) continue;
    scores.push({ sample_id: sample.id, epoch, score, ...(sample.metadata === undefined ? {} : { sample_metadata: sample.metadata }) });
  }
  const names = reducers ?? task.reducers;
  return scoreResults(scores, {
    scorer: task.scorer.name,
    reducers: (names ?? ['mean']).map((name) => getReducer(name)),
    nameReducers: names !== undefined,
    metrics: task.metrics,
  });
}
