/** Shapes of the code sandbox: what a caller asks for, what limits apply, and what comes back. */

/**
 * How strongly model-written code is isolated, strongest first (docs/sandbox.md says what each protects against):
 * - `bwrap`: bubblewrap namespaces (user, pid, network, ipc, uts, cgroup, mount): no network but a private loopback,
 *   a read-only view of /usr and nothing else of the host's files, a size-capped tmpfs as the working directory, no
 *   capabilities, no nested user namespaces, a seccomp filter (`sandbox.seccomp.ts`), plus the rlimits; run as a
 *   dedicated unprivileged uid when the worker is root.
 * - `rlimits+uid`: (root without working user namespaces) the rlimits, a dedicated unprivileged uid per slot, no new
 *   privileges, a throwaway directory; the network and world-readable files stay reachable.
 * - `rlimits`: (neither) the rlimits and a throwaway directory, as the worker's own user: the code can read what the
 *   worker can, including its environment. Used only when `allowUnisolated` says so.
 */
export type SandboxLevel = 'bwrap' | 'rlimits+uid' | 'rlimits';

export interface SandboxLimits {
  /** Wall-clock deadline of one execution, sandbox start-up included (openbench's scorers use 3 s). */
  wallMs: number;
  /** CPU seconds per process (RLIMIT_CPU). */
  cpuSeconds: number;
  /** Address space per process, bytes (RLIMIT_AS). */
  memoryBytes: number;
  /** Processes and threads inside the sandbox (RLIMIT_NPROC). */
  maxProcesses: number;
  /** Largest file a process may write, bytes (RLIMIT_FSIZE). */
  fileSizeBytes: number;
  /** Size of the tmpfs working directory and /tmp under bwrap, bytes. */
  diskBytes: number;
  /** Open files per process (RLIMIT_NOFILE). */
  openFiles: number;
  /** stdout or stderr beyond this many bytes kills the process (Inspect: 10 MiB). */
  outputBytes: number;
}

export interface SandboxOptions {
  /** Executions running at once; more wait their turn. Separate from a run's max_connections. */
  maxConcurrent: number;
  limits: SandboxLimits;
  /** The interpreter: `/usr/bin/python3` when it exists, else `python3` from PATH. */
  python?: string;
  /** When the worker runs as root, slot i runs as uid `uidBase + i` (no such user may exist in /etc/passwd). */
  uidBase: number;
  /** Run at level `rlimits` when nothing stronger works, instead of refusing every execution. */
  allowUnisolated: boolean;
  /** Only consider levels at or below this one (tests use it to exercise the fallbacks). */
  strongestLevel?: SandboxLevel;
}

/** Inspect's `ExecResult` plus why the run ended early, when it did. */
export interface SandboxExecResult {
  success: boolean;
  /** Exit status; 128 + signal number for a process killed by a signal, as a shell reports it. */
  returncode: number;
  stdout: string;
  stderr: string;
  /** The wall-clock deadline passed and the sandbox was killed. */
  timedOut: boolean;
  /** stdout or stderr passed `outputBytes` and the sandbox was killed. */
  outputLimitExceeded: boolean;
  level: SandboxLevel;
  durationMs: number;
}

export interface SandboxExecRequest {
  /** Arguments after the interpreter, e.g. `['-c', code]`. */
  pythonArgs: string[];
  /** Overrides the wall-clock deadline of the sandbox's limits. */
  wallMs?: number;
  /** Overrides the CPU seconds per process (a task whose tests compute for long, as SciCode's). */
  cpuSeconds?: number;
  /**
   * Host files or directories the code may read, at the same path (a task's data file). Under bwrap they are bound
   * read-only; when the worker is root the sandbox starts as the slot's uid, which must be able to read them.
   */
  readOnlyPaths?: readonly string[];
  signal?: AbortSignal;
}

/** The sandbox cannot run code at all (no isolation available and unisolated runs not allowed, or a broken setup). */
export class SandboxUnavailableError extends Error {
  override name = 'SandboxUnavailableError';
}
