/**
 * The seccomp filter bubblewrap installs in the sandbox (`--seccomp FD`): a classic BPF program that refuses, with
 * EPERM, the system calls sandboxed test code never needs and kernel exploits often do: tracing other processes,
 * kernel keyrings, eBPF, perf events, userfaultfd, io_uring, module and kexec loading, mounts and namespace changes,
 * swap, reboot, accounting, file-handle opens and the kernel log. Any other architecture than the one the filter
 * was built for is killed, and on x86_64 so are x32 system calls. Numbers from the kernel's uapi headers
 * (`asm/unistd_64.h` for x86_64, `asm-generic/unistd.h` for aarch64).
 */

const DENIED = [
  'ptrace', 'process_vm_readv', 'process_vm_writev', 'keyctl', 'add_key', 'request_key', 'bpf', 'perf_event_open',
  'userfaultfd', 'kexec_load', 'kexec_file_load', 'init_module', 'finit_module', 'delete_module', 'mount', 'umount2',
  'pivot_root', 'swapon', 'swapoff', 'reboot', 'acct', 'setns', 'unshare', 'io_uring_setup', 'io_uring_enter',
  'io_uring_register', 'open_by_handle_at', 'name_to_handle_at', 'quotactl', 'syslog', 'fsopen', 'fsmount',
  'move_mount', 'open_tree', 'fspick', 'fsconfig', 'mount_setattr',
] as const;

type Syscall = (typeof DENIED)[number];

const X86_64: Record<Syscall, number> = {
  ptrace: 101, process_vm_readv: 310, process_vm_writev: 311, keyctl: 250, add_key: 248, request_key: 249, bpf: 321,
  perf_event_open: 298, userfaultfd: 323, kexec_load: 246, kexec_file_load: 320, init_module: 175, finit_module: 313,
  delete_module: 176, mount: 165, umount2: 166, pivot_root: 155, swapon: 167, swapoff: 168, reboot: 169, acct: 163,
  setns: 308, unshare: 272, io_uring_setup: 425, io_uring_enter: 426, io_uring_register: 427, open_by_handle_at: 304,
  name_to_handle_at: 303, quotactl: 179, syslog: 103, fsopen: 430, fsmount: 432, move_mount: 429, open_tree: 428,
  fspick: 433, fsconfig: 431, mount_setattr: 442,
};

const AARCH64: Record<Syscall, number> = {
  ptrace: 117, process_vm_readv: 270, process_vm_writev: 271, keyctl: 219, add_key: 217, request_key: 218, bpf: 280,
  perf_event_open: 241, userfaultfd: 282, kexec_load: 104, kexec_file_load: 294, init_module: 105, finit_module: 273,
  delete_module: 106, mount: 40, umount2: 39, pivot_root: 41, swapon: 224, swapoff: 225, reboot: 142, acct: 89,
  setns: 268, unshare: 97, io_uring_setup: 425, io_uring_enter: 426, io_uring_register: 427, open_by_handle_at: 265,
  name_to_handle_at: 264, quotactl: 60, syslog: 116, fsopen: 430, fsmount: 432, move_mount: 429, open_tree: 428,
  fspick: 433, fsconfig: 431, mount_setattr: 442,
};

/** `AUDIT_ARCH_*` and the table of each architecture the filter supports (Node's `process.arch` names). */
const ARCHES: Record<string, { audit: number; table: Record<Syscall, number>; x32: boolean }> = {
  x64: { audit: 0xc000003e, table: X86_64, x32: true },
  arm64: { audit: 0xc00000b7, table: AARCH64, x32: false },
};

const LD_W_ABS = 0x20;
const JEQ_K = 0x15;
const JGE_K = 0x35;
const RET_K = 0x06;
const RET_KILL_PROCESS = 0x80000000;
const RET_ERRNO_EPERM = 0x00050000 | 1;
const RET_ALLOW = 0x7fff0000;
/** `offsetof(struct seccomp_data, nr)` and `arch`. */
const NR = 0;
const ARCH = 4;
const X32_SYSCALL_BIT = 0x40000000;

/** The denied system calls' names, for docs and tests. */
export const SECCOMP_DENIED: readonly string[] = DENIED;

/** The filter as `struct sock_filter[]` bytes for `bwrap --seccomp`, or null on an architecture it does not know. */
export function seccompFilter(arch: string = process.arch): Buffer | null {
  const spec = Object.hasOwn(ARCHES, arch) ? ARCHES[arch] : undefined;
  if (!spec) return null;
  const program: [number, number, number, number][] = [
    [LD_W_ABS, 0, 0, ARCH],
    [JEQ_K, 1, 0, spec.audit],
    [RET_K, 0, 0, RET_KILL_PROCESS],
    [LD_W_ABS, 0, 0, NR],
  ];
  const tests: [number, number][] = [
    ...(spec.x32 ? ([[JGE_K, X32_SYSCALL_BIT]] as [number, number][]) : []),
    ...DENIED.map((name) => [JEQ_K, spec.table[name]] as [number, number]),
  ];
  // Each test jumps to the final ERRNO return on a match: past the remaining tests and the ALLOW return.
  tests.forEach(([code, k], index) => program.push([code, tests.length - index, 0, k]));
  program.push([RET_K, 0, 0, RET_ALLOW], [RET_K, 0, 0, RET_ERRNO_EPERM]);
  const bytes = Buffer.alloc(program.length * 8);
  program.forEach(([code, jt, jf, k], index) => {
    bytes.writeUInt16LE(code, index * 8);
    bytes.writeUInt8(jt, index * 8 + 2);
    bytes.writeUInt8(jf, index * 8 + 3);
    bytes.writeUInt32LE(k, index * 8 + 4);
  });
  return bytes;
}
