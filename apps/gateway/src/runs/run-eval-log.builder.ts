/**
 * A run's Inspect `.eval` log, built from the database (run row, task definition, sample rows) so any
 * gateway can serve any run without files on disk. The full log streams for download; eval-data
 * writes and reads back one page of samples, so both go through the engine's record→EvalSample mapping.
 */
import { Readable } from 'node:stream';
import type { CustomDatasetSource, RunStatus } from '@studio/contracts';
import { customDatasetSource, iterateRunSamples, type Db, type RunRow, type RunSampleRow } from '@studio/db';
import {
  createEvalLogWriter,
  evalLogFileName,
  readEvalLog,
  sampleKey,
  storedRunLogStart,
  toInspectTimestamp,
  writeEvalLog,
  type EvalLog,
  type EvalLogFinishInput,
  type EvalLogStart,
  type EvalScoreResult,
  type EvalStatus,
  type SampleRecord,
} from '@studio/engine';
import { runConfig } from './run.mapper';

const LOG_STATUS: Record<RunStatus, EvalStatus> = {
  queued: 'started',
  running: 'started',
  completed: 'success',
  failed: 'error',
  canceled: 'cancelled',
};

/** `logs/<created>_<task>_<task_id>.eval`, Inspect's file name for the run's log. */
export function evalLogPath(row: RunRow): string {
  return `logs/${evalLogFileName(toInspectTimestamp(row.created_at, 'seconds'), row.benchmark, row.task_id)}`;
}

interface EvalLogParts extends EvalLogStart {
  finish(completedSamples: number): EvalLogFinishInput;
}

/**
 * The engine's log of the run's settings, under the run's own ids; the end comes from the run row. A private
 * dataset's run describes its task while the owner still has the dataset.
 */
function evalLogParts(row: RunRow, custom?: CustomDatasetSource): EvalLogParts {
  const identity = { eval_id: row.eval_id, run_id: row.run_id, task_id: row.task_id, created: toInspectTimestamp(row.created_at, 'seconds') };
  const { spec, plan } = storedRunLogStart(runConfig(row), identity, custom);
  const at = (d: Date | null) => (d ? toInspectTimestamp(d, 'seconds') : '');
  return {
    spec,
    plan,
    finish: (completedSamples) => ({
      status: LOG_STATUS[row.status],
      results: row.results
        ? { total_samples: row.progress_total, completed_samples: completedSamples, scores: row.results as EvalScoreResult[] }
        : null,
      stats: { started_at: at(row.started_at), completed_at: at(row.finished_at), model_usage: row.model_usage ?? {} },
      error: row.status === 'failed' ? (row.error ?? 'Run failed') : null,
    }),
  };
}

const record = (sample: RunSampleRow) => sample.record as unknown as SampleRecord;

/** The dataset of a private dataset's run while its owner has it; undefined for a built-in benchmark. */
export function runDataset(db: Db, row: RunRow): Promise<CustomDatasetSource | undefined> {
  return customDatasetSource(db, row.user_id, row.benchmark);
}

/** The whole log as a byte stream; samples are read a page at a time, so memory stays bounded. */
export function evalLogStream(db: Db, row: RunRow): Readable {
  async function* chunks(): AsyncGenerator<Uint8Array> {
    const pending: Uint8Array[] = [];
    const writer = createEvalLogWriter({ onChunk: (chunk) => pending.push(chunk) });
    const { spec, plan, finish } = evalLogParts(row, await runDataset(db, row));
    writer.start(spec, plan);
    let completed = 0;
    for await (const sample of iterateRunSamples(db, row.run_id)) {
      const rec = record(sample);
      writer.addSample(rec);
      if (rec.error === null) completed++;
      yield* pending.splice(0);
    }
    writer.finish(finish(completed));
    yield* pending.splice(0);
  }
  return Readable.from(chunks(), { objectMode: false });
}

/**
 * The log of one page of samples, read back with the engine's reader; samples keep the page (plan) order. `custom`
 * is a private dataset's run's dataset (`runDataset`).
 */
export function evalLogPage(row: RunRow, samples: readonly RunSampleRow[], custom?: CustomDatasetSource): EvalLog {
  const { spec, plan, finish } = evalLogParts(row, custom);
  const records = samples.map(record);
  const bytes = writeEvalLog({ spec, plan, samples: records, ...finish(records.filter((r) => r.error === null).length) });
  const log = readEvalLog(bytes);
  const order = new Map(records.map((r, i) => [sampleKey(r.sample_id, r.epoch), i]));
  log.samples = (log.samples ?? []).sort((a, b) => order.get(sampleKey(a.id, a.epoch))! - order.get(sampleKey(b.id, b.epoch))!);
  return log;
}
