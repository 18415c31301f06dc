/** The command line that runs the interpreter at each sandbox level (pure: no processes, no file system). */
import type { SandboxLevel, SandboxLimits } from './sandbox.types';

/** Absolute paths of the host programs a level uses. */
export interface SandboxBinaries {
  python: string;
  prlimit: string;
  bwrap?: string;
  setpriv?: string;
}

/** How a top-level host directory appears inside bwrap: a symlink (merged /usr) or a directory bound read-only. */
export type RootEntry = { path: string; symlink: string } | { path: string; dir: true };

export interface SandboxCommandInput {
  level: SandboxLevel;
  binaries: SandboxBinaries;
  limits: SandboxLimits;
  /** Unprivileged uid (and gid) to run as; set when the worker is root. */
  uid?: number;
  /** /bin, /lib, /lib64, /sbin as they are on the host (bwrap only). */
  rootEntries: readonly RootEntry[];
  /** Extra host directories bound read-only under bwrap (an interpreter installed outside /usr). */
  extraReadOnly: readonly string[];
  pythonArgs: readonly string[];
  /** bwrap reads its seccomp filter from this descriptor of the child (`--seccomp`), when there is one. */
  seccompFd?: number;
}

export interface SandboxCommand {
  command: string;
  args: string[];
  /** The process's environment: nothing of the worker's. */
  env: Record<string, string>;
}

/** Where the code runs inside bwrap: a private tmpfs, gone with the sandbox. */
export const SANDBOX_WORKDIR = '/sandbox';

const SANDBOX_PATH = '/usr/local/bin:/usr/bin:/bin';

/** The environment every level gives the interpreter (HOME is the working directory under bwrap). */
export function sandboxEnv(home: string): Record<string, string> {
  return { PATH: SANDBOX_PATH, HOME: home, LANG: 'C.UTF-8', TMPDIR: home === SANDBOX_WORKDIR ? '/tmp' : home };
}

/** `prlimit` arguments: every limit soft = hard, so the code cannot raise them again; no core files. */
export function prlimitArgs(limits: SandboxLimits, withProcessLimit: boolean): string[] {
  return [
    `--cpu=${limits.cpuSeconds}`,
    `--as=${limits.memoryBytes}`,
    ...(withProcessLimit ? [`--nproc=${limits.maxProcesses}`] : []),
    `--fsize=${limits.fileSizeBytes}`,
    `--nofile=${limits.openFiles}`,
    '--core=0',
    '--',
  ];
}

/** `setpriv` arguments that drop to `uid` with no supplementary groups and no way to regain privileges. */
export function setprivArgs(uid: number): string[] {
  return [`--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', '--no-new-privs', '--'];
}

function bwrapArgs(input: SandboxCommandInput): string[] {
  const { limits } = input;
  const args = ['--unshare-all', '--unshare-user', '--disable-userns', '--die-with-parent', '--new-session', '--cap-drop', 'ALL'];
  if (input.seccompFd !== undefined) args.push('--seccomp', String(input.seccompFd));
  args.push('--ro-bind', '/usr', '/usr');
  for (const entry of input.rootEntries) {
    if ('symlink' in entry) args.push('--symlink', entry.symlink, entry.path);
    else args.push('--ro-bind', entry.path, entry.path);
  }
  args.push(
    '--proc', '/proc',
    '--dev', '/dev',
    '--size', String(limits.diskBytes), '--tmpfs', '/tmp',
    '--size', String(limits.diskBytes), '--tmpfs', SANDBOX_WORKDIR,
    '--chdir', SANDBOX_WORKDIR,
  );
  // After the tmpfs mounts, which would hide a file given from the host's /tmp.
  for (const dir of input.extraReadOnly) args.push('--ro-bind', dir, dir);
  args.push(
    // Last of the mounts: the rest of the (tmpfs) root becomes read-only, so only /tmp and the work directory take writes.
    '--remount-ro', '/',
    '--clearenv',
  );
  for (const [name, value] of Object.entries(sandboxEnv(SANDBOX_WORKDIR))) args.push('--setenv', name, value);
  args.push('--', input.binaries.prlimit, ...prlimitArgs(limits, true), input.binaries.python, ...input.pythonArgs);
  return args;
}

/**
 * The process to spawn. Under bwrap the limits are set inside the new user namespace, where the process count starts
 * at zero; at `rlimits+uid` the dedicated uid has no other processes; at `rlimits` the worker's own user already runs
 * processes, so no process limit can be set without breaking the worker (docs/sandbox.md).
 */
export function sandboxCommand(input: SandboxCommandInput, workdir: string): SandboxCommand {
  const { binaries, uid } = input;
  const asUid = (command: string, args: string[]): SandboxCommand =>
    uid === undefined
      ? { command, args, env: sandboxEnv(workdir) }
      : { command: need(binaries.setpriv, 'setpriv'), args: [...setprivArgs(uid), command, ...args], env: sandboxEnv(workdir) };
  switch (input.level) {
    case 'bwrap':
      return { ...asUid(need(binaries.bwrap, 'bwrap'), bwrapArgs(input)), env: sandboxEnv(SANDBOX_WORKDIR) };
    case 'rlimits+uid':
      if (uid === undefined) throw new Error('sandbox level rlimits+uid needs a uid');
      return asUid(binaries.prlimit, [...prlimitArgs(input.limits, true), binaries.python, ...input.pythonArgs]);
    case 'rlimits':
      return { command: binaries.prlimit, args: [...prlimitArgs(input.limits, false), binaries.python, ...input.pythonArgs], env: sandboxEnv(workdir) };
  }
}

function need(path: string | undefined, name: string): string {
  if (path === undefined) throw new Error(`sandbox: ${name} is not installed`);
  return path;
}
