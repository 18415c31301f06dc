/**
 * The code sandbox: model-written code runs in a child process with the strongest isolation the host offers
 * (docs/sandbox.md). One sandbox per process bounds executions across every run the process executes; an app
 * configures it once at start-up with `configureSandbox` and logs `describeSandbox(await sandbox().report())`.
 */
import { availableParallelism } from 'node:os';
import { Sandbox } from './sandbox';
import type { SandboxLimits, SandboxOptions } from './sandbox.types';

export { Sandbox, describeSandbox, type SandboxReport } from './sandbox';
export * from './sandbox.types';

const MIB = 1024 * 1024;

/**
 * Defaults sized so that a fork bomb plus a memory bomb stays small: at most `maxProcesses × memoryBytes` (4 GiB)
 * of address space per execution, plus the two tmpfs mounts. The scorers pass openbench's 3 s deadline.
 */
export const DEFAULT_SANDBOX_LIMITS: SandboxLimits = {
  wallMs: 3_000,
  cpuSeconds: 3,
  memoryBytes: 512 * MIB,
  maxProcesses: 8,
  fileSizeBytes: 16 * MIB,
  diskBytes: 32 * MIB,
  openFiles: 128,
  outputBytes: 10 * MIB,
};

/** As Inspect's `max_subprocesses` default: one execution per CPU. */
export function defaultSandboxOptions(): SandboxOptions {
  return { maxConcurrent: availableParallelism(), limits: DEFAULT_SANDBOX_LIMITS, uidBase: 61_000, allowUnisolated: false };
}

let shared: Sandbox | undefined;

/** Replaces the process's sandbox; call before any run starts (executions in flight keep the old one). */
export function configureSandbox(options: Partial<Omit<SandboxOptions, 'limits'>> & { limits?: Partial<SandboxLimits> } = {}): Sandbox {
  const defaults = defaultSandboxOptions();
  shared = new Sandbox({ ...defaults, ...options, limits: { ...defaults.limits, ...options.limits } });
  return shared;
}

/** The process's sandbox, created with the defaults on first use. */
export function sandbox(): Sandbox {
  return shared ?? configureSandbox();
}
