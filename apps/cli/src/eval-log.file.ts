/**
 * An Inspect `.eval` file written synchronously as a run goes: the spec and plan first, each sample as it finishes,
 * then results. A process that dies before `finish` leaves a log that reads as `started` with the samples written so
 * far; at the writer's checkpoints it is even a complete archive for Inspect's own tools. The CLI runs this in a
 * worker thread (eval-log.sink.ts), so that encoding and compressing samples never holds up a model call.
 */
import type { EvalLogStart, SampleRecord } from '@studio/engine';
// Only the log writer: this module runs in the log's thread, which has no use for the catalog, tasks or HTTP client.
import { createEvalLogWriter, type EvalLogFinishInput, type EvalLogWriter } from '@studio/engine/eval-log';
import { closeSync, ftruncateSync, writeSync } from 'node:fs';

export interface EvalLogFile {
  /**
   * Writes the samples' members in one write: a write per member (two, with its header) cost the log's thread as
   * much as deflating them.
   */
  addSamples(records: readonly SampleRecord[]): void;
  /** Writes the results and closes the file, even when the writer fails. */
  finish(input: EvalLogFinishInput): void;
}

/** `fd`: the file, opened for writing; closed by `finish`. */
export function openEvalLogFile(fd: number, start: EvalLogStart): EvalLogFile {
  let open = true;
  const close = () => {
    if (open) closeSync(fd);
    open = false;
  };
  /** End of the archive's members on disk; a checkpoint sits after it until the next write replaces it. */
  let position = 0;
  let checkpointed = false;
  /** What the writer produced since the last write: members, then perhaps a checkpoint that no member followed. */
  let pending: Uint8Array[] = [];
  let trailer: Uint8Array | undefined;
  const flush = () => {
    if (pending.length > 0) {
      // Cut the checkpoint off first: members shorter than it would leave a stale directory behind.
      if (checkpointed) ftruncateSync(fd, position);
      checkpointed = false;
      const chunk = pending.length === 1 ? pending[0]! : Buffer.concat(pending);
      pending = [];
      writeSync(fd, chunk, 0, chunk.length, position);
      position += chunk.length;
    }
    if (trailer) {
      const directory = trailer;
      trailer = undefined;
      writeSync(fd, directory, 0, directory.length, position);
      checkpointed = true;
    }
  };
  const writer: EvalLogWriter = createEvalLogWriter({
    onChunk(chunk, final) {
      // A checkpoint followed by members would be overwritten by them at once.
      trailer = undefined;
      pending.push(chunk);
      if (final) {
        flush();
        close();
      }
    },
    onCheckpoint(directory) {
      trailer = directory;
    },
  });
  writer.start(start.spec, start.plan);
  flush();
  return {
    addSamples(records) {
      try {
        for (const record of records) writer.addSample(record);
      } finally {
        // What the samples before a failing one produced is written, as each sample used to be at once.
        flush();
      }
    },
    finish(input) {
      try {
        writer.finish(input);
      } finally {
        if (open) flush();
        close();
      }
    },
  };
}
