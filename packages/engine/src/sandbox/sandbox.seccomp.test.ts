import { SECCOMP_DENIED, seccompFilter } from './sandbox.seccomp';

/** Runs a classic BPF program over `struct seccomp_data` {nr, arch}, as the kernel does. */
function run(program: Buffer, nr: number, arch: number): number {
  const data = Buffer.alloc(16);
  data.writeInt32LE(nr, 0);
  data.writeUInt32LE(arch, 4);
  let accumulator = 0;
  for (let pc = 0; pc < program.length / 8; ) {
    const code = program.readUInt16LE(pc * 8);
    const jt = program.readUInt8(pc * 8 + 2);
    const jf = program.readUInt8(pc * 8 + 3);
    const k = program.readUInt32LE(pc * 8 + 4);
    if (code === 0x20) {
      accumulator = data.readUInt32LE(k);
      pc += 1;
    } else if (code === 0x15) pc += 1 + (accumulator === k ? jt : jf);
    else if (code === 0x35) pc += 1 + (accumulator >= k ? jt : jf);
    else if (code === 0x06) return k;
    else throw new Error(`unexpected BPF code ${code}`);
  }
  throw new Error('program fell off its end');
}

const ALLOW = 0x7fff0000;
const EPERM = 0x00050001;
const KILL = 0x80000000;

describe('seccompFilter', () => {
  it('x86_64: refuses each denied call with EPERM, x32 calls too, allows the rest, kills another architecture', () => {
    const program = seccompFilter('x64')!;
    const arch = 0xc000003e;
    for (const nr of [101, 250, 272, 308, 321, 425, 165, 442]) expect(run(program, nr, arch)).toBe(EPERM);
    for (const nr of [0, 1, 2, 56, 57, 59, 231, 435]) expect(run(program, nr, arch)).toBe(ALLOW); // read, write, open, clone, fork, execve, exit_group, clone3
    expect(run(program, 0x40000000 + 1, arch)).toBe(EPERM);
    expect(run(program, 0, 0x40000003)).toBe(KILL);
  });

  it('aarch64 has its own numbers and no x32 check', () => {
    const program = seccompFilter('arm64')!;
    const arch = 0xc00000b7;
    for (const nr of [117, 219, 97, 268, 280, 40]) expect(run(program, nr, arch)).toBe(EPERM);
    for (const nr of [63, 64, 220, 221, 94]) expect(run(program, nr, arch)).toBe(ALLOW); // read, write, clone, execve, exit_group
    expect(run(program, 0x40000001, arch)).toBe(ALLOW);
  });

  it('has no filter for an architecture it does not know', () => {
    expect(seccompFilter('ia32')).toBeNull();
    expect(SECCOMP_DENIED).toContain('ptrace');
  });
});
