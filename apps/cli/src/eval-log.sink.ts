/**
 * Streams a run into an Inspect `.eval` file as it goes (eval-log.file.ts), from a worker thread: the main thread
 * only posts the finished samples, so building, encoding and deflating the log never delays a model call or a reply.
 * The samples finished within `BATCH_MS` go over in one message: each message costs the main thread about as much
 * as its serialization, whatever its size (2,000 MMLU samples on a loaded 2-core machine: 80–110 ms in 150–380
 * messages, one per event-loop turn; 35–55 ms in 55–70, one every 25 ms). The log lags the run by that much at most.
 * `abort` waits for the thread to have written everything, so a cancelled or failed run still leaves a complete,
 * readable archive once it has returned; `finish` lets the thread write the results while the caller closes its
 * clients, and `drain` after it waits for the file. A process that dies before that leaves a log that reads as
 * `started` with the samples the thread had written.
 */
import { evalLogFileName, evalLogFinish, toInspectTimestamp, type EvalLogFinishInput, type EvalLogStart, type EvalRunResult, type SampleRecord } from '@studio/engine';
import { mkdirSync, openSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import type { EvalLogThreadCommand, EvalLogThreadData, EvalLogThreadMessage } from './eval-log.thread';

export interface EvalLogSink {
  path: string;
  addSample(record: SampleRecord): void;
  /** Waits until everything posted so far is in the file; throws the writer's failure, if any. */
  drain(): void;
  /**
   * Hands the results to the thread, which writes them and closes the log meanwhile: `drain` waits for that, and
   * throws if writing the log failed at any point.
   */
  finish(result: EvalRunResult): void;
  /**
   * Closes the log without results when the run cannot report them (forced exit, a crash), and waits for the file;
   * once the log is finished it only waits for the file. Never throws: a sink that already failed leaves the file as
   * far as it got, which still reads as a started run.
   */
  abort(status: 'cancelled' | 'error', error?: string): void;
}

/** How long finished samples wait to be handed to the log's thread together. */
const BATCH_MS = 25;

/** How the thread's module is loaded: built JavaScript, or TypeScript through the hook the CLI's tests use. */
function threadModule(): { file: string; execArgv?: string[] } {
  if (__filename.endsWith('.ts')) return { file: join(__dirname, 'eval-log.thread.ts'), execArgv: ['--require', join(__dirname, 'ts-source.hook.cjs')] };
  return { file: join(__dirname, 'eval-log.thread.js') };
}

/** Opens `<logDir>/<name>.eval` (Inspect's `<created>_<task>_<id>` unless `logfile` names it). */
export function openEvalLogSink(logDir: string, logfile: string | undefined, start: EvalLogStart): EvalLogSink {
  const { spec } = start;
  mkdirSync(logDir, { recursive: true });
  const path = resolve(join(logDir, logfile ? `${logfile}.eval` : evalLogFileName(spec.created, spec.task, spec.task_id)));
  const startedAt = toInspectTimestamp(Date.now(), 'microseconds');
  const progress = new SharedArrayBuffer(4);
  const written = new Int32Array(progress);
  const errors = new MessageChannel();
  const { file, execArgv } = threadModule();
  // Opened here, so that a log that cannot be written stops the command before the run, not after it.
  const data: EvalLogThreadData = { fd: openSync(path, 'w'), start, progress, errors: errors.port2 };
  // The thread closes a descriptor it did not open: with Node's default tracking (trackUnmanagedFds) that prints
  // "Warning: File descriptor N closed but not opened in unmanaged mode" on the CLI's stderr whenever the thread's
  // output is flushed before the process exits. The thread's finish closes the file (eval-log.file.ts) on finish and abort.
  const thread = new Worker(file, { workerData: data, transferList: [errors.port2], execArgv, trackUnmanagedFds: false });
  // The thread never keeps the CLI alive: finish and abort wait for it themselves.
  thread.unref();
  let seq = 0;
  let open = true;
  let failure: string | undefined;

  const post = (command: EvalLogThreadCommand) => {
    seq += 1;
    const message: EvalLogThreadMessage = { ...command, seq };
    thread.postMessage(message);
  };
  let batch: SampleRecord[] = [];
  let batchTimer: NodeJS.Timeout | undefined;
  const postBatch = () => {
    clearTimeout(batchTimer);
    batchTimer = undefined;
    if (batch.length === 0) return;
    const records = batch;
    batch = [];
    post({ kind: 'samples', records });
  };
  const drain = () => {
    postBatch();
    const target = seq;
    for (let at = Atomics.load(written, 0); at < target; at = Atomics.load(written, 0)) Atomics.wait(written, 0, at);
    failure ??= receiveMessageOnPort(errors.port1)?.message as string | undefined;
    // Once the log is closed nothing more will be posted on it.
    if (!open) errors.port1.close();
    if (failure !== undefined) throw new Error(`Could not write the log ${path}: ${failure}`);
  };
  const finish = (input: EvalLogFinishInput) => {
    open = false;
    postBatch();
    post({ kind: 'finish', input });
  };
  return {
    path,
    addSample(record) {
      batchTimer ??= setTimeout(postBatch, BATCH_MS);
      batch.push(record);
    },
    drain,
    finish: (result) => finish(evalLogFinish(result)),
    abort(status, error) {
      if (open) {
        finish({
          status,
          results: null,
          stats: { started_at: startedAt, completed_at: toInspectTimestamp(Date.now(), 'microseconds'), model_usage: {} },
          error: error ?? null,
        });
      }
      try {
        drain();
      } catch {
        // The writer failed earlier (e.g. the disk filled up); what it wrote before stays readable.
      }
    },
  };
}
