/**
 * Streams a run into an Inspect `.eval` file as it goes: the spec and plan first, each sample as it
 * finishes, then results. Writes are synchronous, so a cancelled or failed run still leaves a
 * complete, readable archive once `finish` (or `abort`) has run. A process that dies before either
 * leaves a log that reads as `started` with the samples written so far; at the writer's checkpoints
 * it is even a complete archive for Inspect's own tools.
 */
import {
  createEvalLogWriter,
  evalLogFileName,
  evalLogFinish,
  toInspectTimestamp,
  type EvalLogFinishInput,
  type EvalLogStart,
  type EvalLogWriter,
  type EvalRunResult,
  type SampleRecord,
} from '@studio/engine';
import { closeSync, ftruncateSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface EvalLogSink {
  path: string;
  addSample(record: SampleRecord): void;
  finish(result: EvalRunResult): void;
  /**
   * Closes the log without results when the run cannot report them (forced exit, a crash); does
   * nothing once the log is closed. Never throws: a sink that already failed leaves the file as
   * far as it got, which still reads as a started run.
   */
  abort(status: 'cancelled' | 'error', error?: string): void;
}

/** Opens `<logDir>/<name>.eval` (Inspect's `<created>_<task>_<id>` unless `logfile` names it). */
export function openEvalLogSink(logDir: string, logfile: string | undefined, start: EvalLogStart): EvalLogSink {
  const { spec, plan } = start;
  mkdirSync(logDir, { recursive: true });
  const path = resolve(join(logDir, logfile ? `${logfile}.eval` : evalLogFileName(spec.created, spec.task, spec.task_id)));
  const fd = openSync(path, 'w');
  const startedAt = toInspectTimestamp(Date.now(), 'microseconds');
  let open = true;
  const close = () => {
    if (open) closeSync(fd);
    open = false;
  };
  /** End of the archive's members; a checkpoint sits after it until the next chunk replaces it. */
  let position = 0;
  let checkpointed = false;
  const writer: EvalLogWriter = createEvalLogWriter({
    onChunk(chunk, final) {
      // Cut the checkpoint off first: a chunk shorter than it would leave a stale directory behind.
      if (checkpointed) ftruncateSync(fd, position);
      checkpointed = false;
      writeSync(fd, chunk, 0, chunk.length, position);
      position += chunk.length;
      if (final) close();
    },
    onCheckpoint(trailer) {
      writeSync(fd, trailer, 0, trailer.length, position);
      checkpointed = true;
    },
  });
  const finish = (input: EvalLogFinishInput) => {
    try {
      writer.finish(input);
    } finally {
      close();
    }
  };
  writer.start(spec, plan);
  return {
    path,
    addSample: (record) => writer.addSample(record),
    finish: (result) => finish(evalLogFinish(result)),
    abort(status, error) {
      if (!open) return;
      try {
        finish({
          status,
          results: null,
          stats: { started_at: startedAt, completed_at: toInspectTimestamp(Date.now(), 'microseconds'), model_usage: {} },
          error: error ?? null,
        });
      } catch {
        // The writer failed earlier (e.g. the disk filled up); what it wrote before stays readable.
      }
    },
  };
}
