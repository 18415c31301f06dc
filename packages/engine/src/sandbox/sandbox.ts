/**
 * Runs model-written code in a child process, never in the worker's own: the strongest isolation this host offers
 * (detected once, see `SandboxLevel`), CPU, memory, process, file and output limits, a wall-clock deadline that kills
 * the whole sandbox, a throwaway working directory, and at most `maxConcurrent` executions at once.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { accessSync, constants, existsSync, lstatSync, mkdtempSync, readFileSync, readlinkSync, realpathSync, rmSync, chownSync, chmodSync } from 'node:fs';
import { constants as osConstants, tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { sandboxCommand, type RootEntry, type SandboxBinaries, type SandboxCommand } from './sandbox.command';
import { seccompFilter } from './sandbox.seccomp';
import {
  SandboxUnavailableError,
  type SandboxExecRequest,
  type SandboxExecResult,
  type SandboxLevel,
  type SandboxLimits,
  type SandboxOptions,
} from './sandbox.types';

const LEVELS: readonly SandboxLevel[] = ['bwrap', 'rlimits+uid', 'rlimits'];

/** What detection found: the level in use and why each stronger one was passed over. */
export interface SandboxReport {
  level: SandboxLevel | null;
  python: string | null;
  /** `level: reason` for every stronger level that did not work. */
  skipped: string[];
}

/** One line for logs: which isolation is active, or why code cannot run. */
export function describeSandbox(report: SandboxReport): string {
  const skipped = report.skipped.length > 0 ? `; not used: ${report.skipped.join('; ')}` : '';
  if (report.level === null) return `code sandbox unavailable${skipped}`;
  return `code sandbox: ${report.level} (python ${report.python})${skipped}`;
}

interface Setup {
  level: SandboxLevel;
  binaries: SandboxBinaries;
  rootEntries: RootEntry[];
  extraReadOnly: string[];
  /** The seccomp program bwrap installs, null on an architecture it is not written for. */
  seccomp: Buffer | null;
}

/** The child's descriptor bwrap reads the seccomp program from (after stdin, stdout and stderr). */
const SECCOMP_FD = 3;

export class Sandbox {
  private setup: Promise<{ setup: Setup | null; report: SandboxReport }> | undefined;
  private readonly freeSlots: number[];
  private readonly waiting: ((slot: number) => void)[] = [];

  constructor(readonly options: SandboxOptions) {
    if (!Number.isInteger(options.maxConcurrent) || options.maxConcurrent < 1) {
      throw new RangeError(`sandbox maxConcurrent must be a positive integer, got ${options.maxConcurrent}`);
    }
    this.freeSlots = Array.from({ length: options.maxConcurrent }, (_, slot) => slot);
  }

  /** Detects the isolation level once (later calls share the answer). */
  async report(): Promise<SandboxReport> {
    return (await this.detected()).report;
  }

  /** Runs the interpreter with `pythonArgs`; rejects only when no sandbox can run code or on abort. */
  async exec(request: SandboxExecRequest): Promise<SandboxExecResult> {
    const { setup, report } = await this.detected();
    if (!setup) throw new SandboxUnavailableError(`${describeSandbox(report)}. See docs/sandbox.md.`);
    const slot = await this.acquire(request.signal);
    try {
      return await runOnce(setup, this.options, slot, request);
    } finally {
      this.release(slot);
    }
  }

  private detected() {
    this.setup ??= Promise.resolve().then(() => detect(this.options));
    return this.setup;
  }

  private acquire(signal?: AbortSignal): Promise<number> {
    signal?.throwIfAborted();
    const slot = this.freeSlots.shift();
    if (slot !== undefined) return Promise.resolve(slot);
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.waiting.splice(this.waiting.indexOf(grant), 1);
        reject(signal?.reason);
      };
      const grant = (granted: number) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(granted);
      };
      this.waiting.push(grant);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private release(slot: number): void {
    const next = this.waiting.shift();
    if (next) next(slot);
    else this.freeSlots.push(slot);
  }
}

/** A program on PATH or in the usual system directories, as an absolute path. */
function findProgram(name: string): string | undefined {
  if (name.startsWith('/')) return isExecutable(name) ? name : undefined;
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/local/bin', '/usr/bin', '/bin', '/usr/sbin', '/sbin'];
  return dirs.filter((dir) => dir.startsWith('/')).map((dir) => join(dir, name)).find(isExecutable);
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return lstatSync(path).isFile() || lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** /bin, /lib, … as the host has them: merged-/usr symlinks stay symlinks, real directories are bound read-only. */
function rootEntries(): RootEntry[] {
  const entries: RootEntry[] = [];
  for (const path of ['/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32']) {
    try {
      const stat = lstatSync(path);
      if (stat.isSymbolicLink()) entries.push({ path, symlink: readlinkSync(path) });
      else if (stat.isDirectory()) entries.push({ path, dir: true });
    } catch {
      // absent on this host
    }
  }
  return entries;
}

/** Uids in /etc/passwd: a slot uid that belongs to a real account would give the code that account's files. */
function accountUids(): Set<number> {
  try {
    return new Set(readFileSync('/etc/passwd', 'utf8').split('\n').map((line) => Number(line.split(':')[2])).filter(Number.isInteger));
  } catch {
    return new Set();
  }
}

const PROBE_CODE = 'print(6 * 7)';

/** Debian's alternatives links, which system libraries under /usr point through. */
const ALTERNATIVES = '/etc/alternatives';

async function detect(options: SandboxOptions): Promise<{ setup: Setup | null; report: SandboxReport }> {
  const skipped: string[] = [];
  const python = options.python ? findProgram(options.python) : (findProgram('/usr/bin/python3') ?? findProgram('python3'));
  const prlimit = findProgram('prlimit');
  if (!python || !prlimit) {
    const missing = [!python ? `python (${options.python ?? 'python3'})` : null, !prlimit ? 'prlimit (util-linux)' : null].filter(Boolean);
    return { setup: null, report: { level: null, python: python ?? null, skipped: [`not installed: ${missing.join(', ')}`] } };
  }
  const binaries: SandboxBinaries = { python, prlimit, bwrap: findProgram('bwrap'), setpriv: findProgram('setpriv') };
  const realPython = realpathSync(python);
  // Debian links numpy's BLAS and LAPACK through /etc/alternatives (/usr/lib/…/libblas.so.3 -> /etc/alternatives/…),
  // which bwrap would not show: without it `import numpy` fails inside the sandbox though it works outside.
  const extraReadOnly = [...(realPython.startsWith('/usr/') ? [] : [dirname(dirname(realPython))]), ...(existsSync(ALTERNATIVES) ? [ALTERNATIVES] : [])];
  const isRoot = process.getuid?.() === 0;
  const start = LEVELS.indexOf(options.strongestLevel ?? 'bwrap');
  for (const level of LEVELS.slice(start)) {
    const why = unusable(level, binaries, isRoot, options);
    if (why) {
      skipped.push(`${level}: ${why}`);
      continue;
    }
    const setup: Setup = { level, binaries, rootEntries: rootEntries(), extraReadOnly, seccomp: level === 'bwrap' ? seccompFilter() : null };
    const probe = await runOnce(setup, options, 0, { pythonArgs: ['-c', PROBE_CODE], wallMs: Math.max(options.limits.wallMs, 10_000) });
    if (probe.success && probe.stdout.trim() === '42') return { setup, report: { level, python, skipped } };
    skipped.push(`${level}: probe failed (${probe.timedOut ? 'timed out' : `exit ${probe.returncode}`}: ${probe.stderr.trim().slice(0, 200)})`);
  }
  return { setup: null, report: { level: null, python, skipped } };
}

function unusable(level: SandboxLevel, binaries: SandboxBinaries, isRoot: boolean, options: SandboxOptions): string | null {
  const uidsTaken = () => {
    const taken = accountUids();
    const clash = Array.from({ length: options.maxConcurrent }, (_, slot) => options.uidBase + slot).find((uid) => taken.has(uid));
    return clash === undefined ? null : `uid ${clash} belongs to an account in /etc/passwd (choose another uid base)`;
  };
  switch (level) {
    case 'bwrap':
      if (!binaries.bwrap) return 'bwrap (bubblewrap) is not installed';
      if (isRoot && !binaries.setpriv) return 'setpriv (util-linux) is not installed';
      return isRoot ? uidsTaken() : null;
    case 'rlimits+uid':
      if (!isRoot) return 'needs root to switch to a dedicated uid';
      return binaries.setpriv ? uidsTaken() : 'setpriv (util-linux) is not installed';
    case 'rlimits':
      return options.allowUnisolated ? null : 'unisolated execution is not allowed';
  }
}

/** Spawns one sandboxed execution in `slot` and waits for it, killing it at the deadline or the output limit. */
async function runOnce(setup: Setup, options: SandboxOptions, slot: number, request: SandboxExecRequest): Promise<SandboxExecResult> {
  const limits = request.cpuSeconds === undefined ? options.limits : { ...options.limits, cpuSeconds: request.cpuSeconds };
  const isRoot = process.getuid?.() === 0;
  const uid = isRoot ? options.uidBase + slot : undefined;
  const workdir = mkdtempSync(join(tmpdir(), 'obs-sandbox-'));
  try {
    chmodSync(workdir, 0o700);
    if (uid !== undefined) chownSync(workdir, uid, uid);
    const command = sandboxCommand(
      {
        level: setup.level,
        binaries: setup.binaries,
        limits,
        uid,
        rootEntries: setup.rootEntries,
        extraReadOnly: [...setup.extraReadOnly, ...(request.readOnlyPaths ?? [])],
        pythonArgs: request.pythonArgs,
        ...(setup.seccomp ? { seccompFd: SECCOMP_FD } : {}),
      },
      workdir,
    );
    // At rlimits+uid a daemonised child leaves the process group (and may hold the pipes): the uid sweep ends it.
    const afterExit = setup.level === 'rlimits+uid' && uid !== undefined ? () => sweepUid(setup.binaries, uid) : async () => {};
    const result = await spawnLimited(command, workdir, limits, request.wallMs ?? limits.wallMs, afterExit, setup.seccomp, request.signal);
    return { ...result, level: setup.level };
  } finally {
    rmSync(workdir, { recursive: true, force: true });
  }
}

/** Kills whatever the slot's uid still runs (a daemonised child escapes the process group at `rlimits+uid`). */
async function sweepUid(binaries: SandboxBinaries, uid: number): Promise<void> {
  const kill = findProgram('kill');
  if (!kill || !binaries.setpriv) return;
  await new Promise<void>((resolve) => {
    const child = spawn(binaries.setpriv!, [`--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', '--', kill, '-9', '-1'], { stdio: 'ignore' });
    child.on('error', () => resolve());
    child.on('close', () => resolve());
  });
}

type SpawnResult = Omit<SandboxExecResult, 'level'>;

/**
 * Why a sandbox did not start. A program too long for one argument is the program's fault (Python's OSError when
 * openbench runs it), not the host's; anything else means this host cannot run code.
 */
function spawnFailure(command: string, error: Error): Error {
  if ((error as NodeJS.ErrnoException).code === 'E2BIG') return new Error("[Errno 7] Argument list too long: 'python'");
  return new SandboxUnavailableError(`could not start the sandbox (${command}): ${error.message}`);
}

/** How long output may still arrive after the program exited before its pipes are closed. */
const DRAIN_AFTER_EXIT_MS = 500;

function spawnLimited(
  { command, args, env }: SandboxCommand,
  cwd: string,
  limits: SandboxLimits,
  wallMs: number,
  afterExit: () => Promise<void>,
  seccomp: Buffer | null,
  signal?: AbortSignal,
): Promise<SpawnResult> {
  signal?.throwIfAborted();
  const started = Date.now();
  return new Promise((resolve, reject) => {
    // detached: its own process group, so the deadline kills every process it started, not only the first.
    let child: ChildProcessByStdio<null, Readable, Readable>;
    try {
      // With a seccomp program, descriptor 3 is a pipe bwrap reads it from until end of file.
      const stdio = seccomp ? (['ignore', 'pipe', 'pipe', 'pipe'] as const) : (['ignore', 'pipe', 'pipe'] as const);
      child = spawn(command, args, { cwd, env, stdio: [...stdio], detached: true }) as ChildProcessByStdio<null, Readable, Readable>;
    } catch (error) {
      reject(spawnFailure(command, error as Error));
      return;
    }
    if (seccomp) {
      const filterPipe = child.stdio[SECCOMP_FD] as Writable;
      // A sandbox that died before reading its filter closes the pipe; its exit status tells what happened.
      filterPipe.on('error', () => {});
      filterPipe.end(seccomp);
    }
    const out = new OutputBuffer(limits.outputBytes);
    const err = new OutputBuffer(limits.outputBytes);
    let timedOut = false;
    let outputLimitExceeded = false;
    let aborted = false;
    const killGroup = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, wallMs);
    const onAbort = () => {
      aborted = true;
      killGroup();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const collect = (buffer: OutputBuffer) => (chunk: Buffer) => {
      if (!buffer.push(chunk) && !outputLimitExceeded) {
        outputLimitExceeded = true;
        killGroup();
      }
    };
    child.stdout.on('data', collect(out));
    child.stderr.on('data', collect(err));
    child.on('error', (error) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      reject(spawnFailure(command, error));
    });
    // Resolved once the uid sweep is over, so the slot is never handed on while the sweep could still kill.
    let cleanedUp: Promise<void> = Promise.resolve();
    child.on('exit', () => {
      clearTimeout(timer);
      // Whatever the program left behind in its process group goes with it.
      killGroup();
      cleanedUp = afterExit().finally(() => {
        const drain = setTimeout(() => {
          child.stdout.destroy();
          child.stderr.destroy();
        }, DRAIN_AFTER_EXIT_MS);
        child.once('close', () => clearTimeout(drain));
      });
    });
    child.on('close', (code, killedBy) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (aborted) {
        reject(signal?.reason ?? new Error('aborted'));
        return;
      }
      const returncode = code ?? 128 + signalNumber(killedBy);
      void cleanedUp.then(() => resolve({
        success: returncode === 0 && !timedOut && !outputLimitExceeded,
        returncode,
        stdout: out.text(),
        stderr: err.text(),
        timedOut,
        outputLimitExceeded,
        durationMs: Date.now() - started,
      }));
    });
  });
}

function signalNumber(name: NodeJS.Signals | null): number {
  return name ? osConstants.signals[name] : 0;
}

/** Keeps at most `limit` bytes; `push` says whether the stream is still within it. */
class OutputBuffer {
  private chunks: Buffer[] = [];
  private size = 0;
  constructor(private readonly limit: number) {}

  push(chunk: Buffer): boolean {
    const room = this.limit - this.size;
    if (room > 0) this.chunks.push(chunk.subarray(0, room));
    this.size += chunk.length;
    return this.size <= this.limit;
  }

  /** UTF-8 text; invalid bytes become U+FFFD rather than failing the score. */
  text(): string {
    return new TextDecoder('utf-8').decode(Buffer.concat(this.chunks));
  }
}
