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
  addSample(record: SampleRecord): void;
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
  writer.start(start.spec, start.plan);
  return {
    addSample: (record) => writer.addSample(record),
    finish(input) {
      try {
        writer.finish(input);
      } finally {
        close();
      }
    },
  };
}
