/**
 * The worker thread behind `openEvalLogSink`: it owns the `.eval` file and writes the messages of the main thread in
 * order. After each message it stores the message's sequence number in the shared `progress` cell and wakes the main
 * thread, which waits on it only when it must know the file is written (`drain`). The first failure is posted on
 * `errors`; later messages are then dropped, as the writer would refuse them anyway.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { EvalLogFinishInput, EvalLogStart, SampleRecord } from '@studio/engine';
import { openEvalLogFile, type EvalLogFile } from './eval-log.file';

export interface EvalLogThreadData {
  /** The file, opened by the main thread (a descriptor is the process's, not a thread's). */
  fd: number;
  start: EvalLogStart;
  progress: SharedArrayBuffer;
  errors: MessagePort;
}

export type EvalLogThreadCommand = { kind: 'samples'; records: SampleRecord[] } | { kind: 'finish'; input: EvalLogFinishInput };
export type EvalLogThreadMessage = EvalLogThreadCommand & { seq: number };

const { fd, start, progress, errors } = workerData as EvalLogThreadData;
const done = new Int32Array(progress);
let file: EvalLogFile | undefined;
let failed = false;

const fail = (error: unknown) => {
  failed = true;
  errors.postMessage(error instanceof Error ? error.message : String(error));
};

try {
  file = openEvalLogFile(fd, start);
} catch (error) {
  fail(error);
}

parentPort!.on('message', (message: EvalLogThreadMessage) => {
  try {
    if (message.kind === 'samples' && !failed) file!.addSamples(message.records);
    if (message.kind === 'finish') file?.finish(message.input);
  } catch (error) {
    fail(error);
  }
  Atomics.store(done, 0, message.seq);
  Atomics.notify(done, 0);
  if (message.kind === 'finish') parentPort!.close();
});
