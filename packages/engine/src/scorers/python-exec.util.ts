/**
 * Inspect's `sandbox().exec(cmd=["python", "-c", code], timeout=3)` as openbench's code scorers call it, on the
 * engine's sandbox: a wall-clock deadline raises `TimeoutError`, output past Inspect's 10 MiB limit raises
 * `OutputLimitExceededError`, and anything else comes back as the process's exit status and output.
 */
import { sandbox, type SandboxExecResult } from '../sandbox';
import type { Sample } from '../types';

/** openbench's `TIMEOUT` in `scorers/humaneval.py` and `scorers/mbpp.py`, seconds. */
export const CODE_TIMEOUT_SECONDS = 3;

/** Inspect's `TimeoutError` from `anyio.fail_after`: it carries no message, so `str(e)` is empty. */
export class ExecTimeoutError extends Error {
  override name = 'TimeoutError';
  constructor() {
    super('');
  }
}

/** Inspect's `OutputLimitExceededError`. */
export class ExecOutputLimitError extends Error {
  override name = 'OutputLimitExceededError';
  constructor() {
    super('The sandbox output stream limit of 10 MiB was exceeded.');
  }
}

/** Runs `python -c code [args…]` in the process's sandbox, with openbench's 3 s deadline. */
export async function execPython(code: string, signal?: AbortSignal, args: readonly string[] = []): Promise<SandboxExecResult> {
  const result = await sandbox().exec({ pythonArgs: ['-c', code, ...args], wallMs: CODE_TIMEOUT_SECONDS * 1000, signal });
  if (result.timedOut) throw new ExecTimeoutError();
  if (result.outputLimitExceeded) throw new ExecOutputLimitError();
  return result;
}

/** A string the sample's record put in its metadata for the scorer (`state.metadata["prompt"]` upstream). */
export function sampleMetadataString(sample: Sample, key: string): string {
  const value = sample.metadata?.[key];
  if (typeof value !== 'string') throw new Error(`sample ${sample.id} has no string metadata "${key}"`);
  return value;
}
