/**
 * The sandbox against hostile code: network, writes outside its directory, a fork bomb, an endless loop, a memory bomb
 * and a flood of output, each stopped by its limit while the worker process stays responsive. Needs bubblewrap and
 * python3 (infra/scripts/setup.sh installs them).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SANDBOX_LIMITS, Sandbox, SandboxUnavailableError, type SandboxOptions } from '.';

const isRoot = process.getuid?.() === 0;

function sandboxWith(options: Partial<SandboxOptions> = {}): Sandbox {
  return new Sandbox({ maxConcurrent: 4, limits: DEFAULT_SANDBOX_LIMITS, uidBase: 61_100, allowUnisolated: false, ...options });
}

const python = (sandbox: Sandbox, code: string, wallMs?: number) => sandbox.exec({ pythonArgs: ['-c', code], ...(wallMs ? { wallMs } : {}) });

/** Live (not zombie) processes the host runs as `uid` (the sandbox's slot uids when the worker is root). */
function processesOf(uid: number): number {
  const ps = spawnSync('ps', ['-e', '-o', 'uid=,stat='], { encoding: 'utf8' });
  return ps.stdout
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([owner, stat]) => Number(owner) === uid && !stat?.startsWith('Z')).length;
}

/** Waits (at most 5 s, the host may be loaded) until `uid` runs no live process; returns how many are left. */
async function drained(uid: number): Promise<number> {
  const deadline = Date.now() + 5_000;
  while (processesOf(uid) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  return processesOf(uid);
}

const FORK_BOMB = `import os
while True:
    try:
        os.fork()
    except OSError:
        pass`;

describe('Sandbox at its strongest level on this host (bwrap)', () => {
  const sandbox = sandboxWith();
  let server: Server;
  let connections = 0;
  let port = 0;
  const hostDir = mkdtempSync(join(tmpdir(), 'sandbox-host-'));

  beforeAll(async () => {
    server = createServer((socket) => {
      connections += 1;
      socket.end('secret');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(hostDir, { recursive: true, force: true });
  });

  it('detects bubblewrap and runs code in a throwaway directory it may write to', async () => {
    expect(await sandbox.report()).toMatchObject({ level: 'bwrap' });
    const result = await python(sandbox, 'import os\nopen("out.txt", "w").write("ok")\nprint(os.getcwd(), open("out.txt").read(), os.listdir("."))');
    expect(result).toMatchObject({ success: true, returncode: 0, timedOut: false, level: 'bwrap' });
    expect(result.stdout).toBe("/sandbox ok ['out.txt']\n");
    const again = await python(sandbox, 'import os\nprint(os.listdir("."))');
    expect(again.stdout).toBe('[]\n');
  });

  it('reports a failing program with its exit status and stderr', async () => {
    const result = await python(sandbox, 'import sys\nassert 1 == 2, "nope"');
    expect(result).toMatchObject({ success: false, returncode: 1, timedOut: false });
    expect(result.stderr).toContain('AssertionError: nope');
  });

  it('refuses network access: the worker host’s loopback is unreachable', async () => {
    const result = await python(
      sandbox,
      `import socket\ntry:\n    socket.create_connection(("127.0.0.1", ${port}), timeout=1).recv(10)\n    print("connected")\nexcept OSError as e:\n    print(type(e).__name__)`,
    );
    expect(result.stdout.trim()).toBe('ConnectionRefusedError');
    const dns = await python(sandbox, 'import socket\ntry:\n    socket.getaddrinfo("example.com", 80)\n    print("resolved")\nexcept OSError as e:\n    print("no dns")');
    expect(dns.stdout.trim()).toBe('no dns');
    expect(connections).toBe(0);
  });

  it('refuses writes outside its directory and sees none of the host’s files but /usr', async () => {
    const marker = join(hostDir, 'escaped');
    const result = await python(
      sandbox,
      `import os
for path in ["/usr/escaped", "/etc/escaped", ${JSON.stringify(marker)}, "/escaped"]:
    try:
        open(path, "w").write("x")
        print("wrote", path)
    except OSError as e:
        print("refused", type(e).__name__)
print(sorted(os.listdir("/")))
print(os.path.exists(${JSON.stringify(hostDir)}), os.path.exists("/etc/passwd"), os.path.exists("/root"))`,
    );
    expect(result.stdout.split('\n').filter((l) => l.startsWith('wrote'))).toEqual([]);
    expect(result.stdout).toContain('False False False');
    expect(existsSync(marker)).toBe(false);
    expect(existsSync('/usr/escaped')).toBe(false);
  });

  it('refuses the system calls its seccomp filter denies (EPERM) and still forks and executes', async () => {
    const result = await python(
      sandbox,
      `import ctypes, os
libc = ctypes.CDLL(None, use_errno=True)
for name, nr in [("ptrace", 101), ("keyctl", 250), ("bpf", 321), ("io_uring_setup", 425), ("unshare", 272)]:
    ret = libc.syscall(nr, 0, 0, 0, 0)
    print(name, ret, ctypes.get_errno())
import subprocess
print("subprocess", subprocess.run(["/usr/bin/true"]).returncode)`,
    );
    expect(result.stdout.trim().split('\n')).toEqual([
      'ptrace -1 1',
      'keyctl -1 1',
      'bpf -1 1',
      'io_uring_setup -1 1',
      'unshare -1 1',
      'subprocess 0',
    ]);
  });

  it('gives the code none of the worker’s environment', async () => {
    process.env.SANDBOX_TEST_SECRET = 'do-not-leak';
    try {
      const result = await python(sandbox, 'import os\nprint(sorted(os.environ))');
      expect(result.stdout).not.toContain('SANDBOX_TEST_SECRET');
      expect(result.stdout.trim()).toBe("['HOME', 'LANG', 'PATH', 'PWD', 'TMPDIR']");
    } finally {
      delete process.env.SANDBOX_TEST_SECRET;
    }
  });

  it('shows a file it is given read-only at its host path, and nothing else beside it', async () => {
    // As root the sandbox starts as the slot's uid, which must be able to reach the file, as an operator's data file.
    chmodSync(hostDir, 0o755);
    const data = join(hostDir, 'data.txt');
    writeFileSync(data, 'given');
    const result = await sandbox.exec({
      pythonArgs: ['-c', `import os\nprint(open(${JSON.stringify(data)}).read(), os.listdir(${JSON.stringify(hostDir)}))\ntry:\n    open(${JSON.stringify(data)}, "w")\nexcept OSError as e:\n    print(type(e).__name__)`],
      readOnlyPaths: [data],
    });
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe("given ['data.txt']\nOSError\n");
  });

  it("loads numpy, whose BLAS Debian links through /etc/alternatives", async () => {
    const result = await python(sandbox, 'import numpy\nprint(numpy.linalg.det(numpy.eye(2)))', 20_000);
    expect(result).toMatchObject({ success: true, stdout: '1.0\n' });
  });

  it('takes a CPU limit per execution', async () => {
    const result = await sandbox.exec({ pythonArgs: ['-c', 'while True: pass'], wallMs: 20_000, cpuSeconds: 1 });
    expect(result).toMatchObject({ success: false, timedOut: false });
    expect(result.returncode).toBeGreaterThan(128); // SIGXCPU or SIGKILL
  });

  it('ends an endless loop at the wall-clock deadline', async () => {
    const started = Date.now();
    const result = await python(sandbox, 'while True: pass', 1_500);
    expect(result).toMatchObject({ success: false, timedOut: true });
    expect(Date.now() - started).toBeLessThan(6_000);
  });

  it('stops a CPU hog at its CPU limit even without a wall deadline in reach', async () => {
    const hog = sandboxWith({ limits: { ...DEFAULT_SANDBOX_LIMITS, cpuSeconds: 1 } });
    const result = await python(hog, 'while True: pass', 20_000);
    expect(result).toMatchObject({ success: false, timedOut: false });
    expect(result.returncode).toBeGreaterThan(128); // SIGXCPU or SIGKILL
    expect(result.durationMs).toBeLessThan(10_000);
  });

  it('turns a memory bomb into a MemoryError at the address-space limit', async () => {
    const result = await python(sandbox, 'x = bytearray(4 * 1024 ** 3)');
    expect(result).toMatchObject({ success: false, timedOut: false, returncode: 1 });
    expect(result.stderr).toContain('MemoryError');
  });

  it('holds a fork bomb at the process limit and leaves nothing running', async () => {
    const slotUid = 61_100;
    let peak = 0;
    const watch = setInterval(() => (peak = Math.max(peak, isRoot ? processesOf(slotUid) : 0)), 200);
    const result = await python(sandbox, FORK_BOMB, 2_000);
    clearInterval(watch);
    expect(result).toMatchObject({ success: false, timedOut: true });
    if (isRoot) {
      // bwrap's init inside the namespace plus at most maxProcesses: the slot uid owns them all.
      expect(peak).toBeLessThanOrEqual(DEFAULT_SANDBOX_LIMITS.maxProcesses + 2);
      expect(await drained(slotUid)).toBe(0);
    }
  });

  it('refuses files beyond the file-size limit and a tmpfs beyond its size', async () => {
    const result = await python(
      sandbox,
      `for path, size in [("big", 20 * 1024 * 1024), ("/tmp/big", 20 * 1024 * 1024)]:
    try:
        open(path, "wb").write(b"x" * size)
        print("wrote", path)
    except OSError as e:
        print("refused", e.errno)`,
    );
    expect(result.stdout.trim().split('\n')).toEqual(['refused 27', 'refused 27']);
  });

  it('reports a program too long for one argument as Python reports it, not as a broken sandbox', async () => {
    await expect(python(sandbox, `x = "${'a'.repeat(200_000)}"`)).rejects.toThrow("[Errno 7] Argument list too long: 'python'");
  });

  it('kills a program that floods its output past the output limit', async () => {
    const small = sandboxWith({ limits: { ...DEFAULT_SANDBOX_LIMITS, outputBytes: 64 * 1024 } });
    const result = await python(small, 'import sys\nwhile True: sys.stdout.write("x" * 4096)');
    expect(result).toMatchObject({ success: false, outputLimitExceeded: true, timedOut: false });
    expect(result.stdout.length).toBe(64 * 1024);
  });

  it('runs hostile and honest code side by side, at most maxConcurrent at once, while the worker stays responsive', async () => {
    const two = sandboxWith({ maxConcurrent: 2 });
    let maxLag = 0;
    let last = Date.now();
    const ticker = setInterval(() => {
      const now = Date.now();
      maxLag = Math.max(maxLag, now - last - 20);
      last = now;
    }, 20);
    const rssBefore = process.memoryUsage().rss;
    const started = Date.now();
    const results = await Promise.all([
      python(two, FORK_BOMB, 1_500),
      python(two, 'while True: pass', 1_500),
      python(two, 'x = bytearray(4 * 1024 ** 3)'),
      python(two, 'print(sum(range(10)))'),
      python(two, 'import time\ntime.sleep(0.2)\nprint("slept")'),
      python(two, 'print("last")'),
    ]);
    clearInterval(ticker);
    expect(results.map((r) => [r.success, r.timedOut])).toEqual([
      [false, true],
      [false, true],
      [false, false],
      [true, false],
      [true, false],
      [true, false],
    ]);
    expect(results[3].stdout).toBe('45\n');
    // Two slots: the fork bomb and the loop hold both for 1.5 s before anything else starts.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_500);
    // Spawning and killing sandboxes never blocks the event loop for long (generous: the test host is shared).
    expect(maxLag).toBeLessThan(2_000);
    // The memory bomb's gigabytes were the child's: the worker's own memory barely moves.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(256 * 1024 ** 2);
  });
});

(isRoot ? describe : describe.skip)('Sandbox fallback for root without user namespaces (rlimits+uid)', () => {
  const sandbox = sandboxWith({ strongestLevel: 'rlimits+uid', uidBase: 61_200 });

  it('runs as an unprivileged uid with the limits, and sweeps the uid after each execution', async () => {
    expect(await sandbox.report()).toMatchObject({ level: 'rlimits+uid' });
    const result = await python(sandbox, 'import os\nprint(os.getuid(), os.getgid(), os.getgroups())');
    expect(result.stdout.trim()).toBe('61200 61200 []');

    const loop = await python(sandbox, 'while True: pass', 1_000);
    expect(loop).toMatchObject({ timedOut: true, level: 'rlimits+uid' });
    const memory = await python(sandbox, 'x = bytearray(4 * 1024 ** 3)');
    expect(memory.stderr).toContain('MemoryError');

    const bomb = await python(sandbox, FORK_BOMB, 1_500);
    expect(bomb.timedOut).toBe(true);
    // A daemon that left the process group is killed by the sweep too.
    await python(sandbox, 'import os, time\nif os.fork() == 0:\n    os.setsid()\n    time.sleep(60)');
    expect(await drained(61_200)).toBe(0);
  });

  it('cannot write to root-owned directories', async () => {
    const result = await python(sandbox, 'try:\n    open("/usr/escaped", "w")\n    print("wrote")\nexcept OSError as e:\n    print("refused", e.errno)');
    expect(result.stdout.trim()).toBe('refused 13');
  });
});

(isRoot ? describe : describe.skip)('Sandbox in a worker that is not root (the built module, run as nobody)', () => {
  it('still isolates with bubblewrap: no network, no writes outside, a fork bomb held at its limit', () => {
    const script = `
      const { Sandbox, DEFAULT_SANDBOX_LIMITS } = require(${JSON.stringify(join(__dirname, '../../dist/sandbox/index.js'))});
      const box = new Sandbox({ maxConcurrent: 2, limits: DEFAULT_SANDBOX_LIMITS, uidBase: 61300, allowUnisolated: false });
      const run = (code, wallMs) => box.exec({ pythonArgs: ['-c', code], wallMs });
      (async () => {
        const report = await box.report();
        const who = await run('import os; print(os.getuid())');
        const net = await run('import socket\\ntry:\\n    socket.create_connection(("127.0.0.1", 6379), timeout=1); print("connected")\\nexcept OSError as e: print(type(e).__name__)');
        const write = await run('try:\\n    open("/usr/x", "w"); print("wrote")\\nexcept OSError as e: print(e.errno)');
        const bomb = await run(${JSON.stringify(FORK_BOMB)}, 1500);
        console.log(JSON.stringify({ level: report.level, who: who.stdout.trim(), net: net.stdout.trim(), write: write.stdout.trim(), bomb: bomb.timedOut }));
      })().catch((e) => { console.error(e); process.exit(1); });`;
    const child = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', '--', process.execPath, '-e', script], {
      encoding: 'utf8',
      cwd: '/',
      timeout: 20_000,
    });
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual({ level: 'bwrap', who: '65534', net: 'ConnectionRefusedError', write: '30', bomb: true });
  });
});

describe('Sandbox without isolation', () => {
  it('refuses to run code unless unisolated execution is allowed', async () => {
    const refused = sandboxWith({ strongestLevel: 'rlimits' });
    expect(await refused.report()).toMatchObject({ level: null });
    await expect(python(refused, 'print(1)')).rejects.toThrow(SandboxUnavailableError);
    await expect(python(refused, 'print(1)')).rejects.toThrow(/unisolated execution is not allowed/);

    const allowed = sandboxWith({ strongestLevel: 'rlimits', allowUnisolated: true });
    const result = await python(allowed, 'print(1)');
    expect(result).toMatchObject({ success: true, level: 'rlimits', stdout: '1\n' });
  });

  it('refuses to run when the interpreter is missing, naming it', async () => {
    const missing = sandboxWith({ python: '/nonexistent/python3' });
    await expect(python(missing, 'print(1)')).rejects.toThrow(/not installed: python \(\/nonexistent\/python3\)/);
  });
});
