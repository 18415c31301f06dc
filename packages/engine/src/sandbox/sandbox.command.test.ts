import { DEFAULT_SANDBOX_LIMITS } from '.';
import { sandboxCommand, type SandboxCommandInput } from './sandbox.command';

const base: SandboxCommandInput = {
  level: 'bwrap',
  binaries: { python: '/usr/bin/python3', prlimit: '/usr/bin/prlimit', bwrap: '/usr/bin/bwrap', setpriv: '/usr/bin/setpriv' },
  limits: DEFAULT_SANDBOX_LIMITS,
  rootEntries: [{ path: '/bin', symlink: 'usr/bin' }, { path: '/lib64', dir: true }],
  extraReadOnly: [],
  pythonArgs: ['-c', 'print(1)'],
};

const LIMITS = ['--cpu=3', '--as=536870912', '--nproc=8', '--fsize=16777216', '--nofile=128', '--core=0', '--'];

describe('sandboxCommand', () => {
  it('bwrap as root: drops to the slot uid first, then namespaces, a read-only root and the limits inside', () => {
    const { command, args, env } = sandboxCommand({ ...base, uid: 61_003 }, '/tmp/ignored');
    expect(command).toBe('/usr/bin/setpriv');
    expect(args.slice(0, 6)).toEqual(['--reuid=61003', '--regid=61003', '--clear-groups', '--no-new-privs', '--', '/usr/bin/bwrap']);
    const bwrap = args.slice(6).join(' ');
    expect(bwrap).toContain('--unshare-all --unshare-user --disable-userns --die-with-parent --new-session --cap-drop ALL --ro-bind /usr /usr');
    expect(bwrap).toContain('--symlink usr/bin /bin --ro-bind /lib64 /lib64');
    expect(bwrap).toContain('--size 33554432 --tmpfs /tmp --size 33554432 --tmpfs /sandbox --chdir /sandbox --remount-ro / --clearenv');
    expect(args.slice(-10)).toEqual(['/usr/bin/prlimit', ...LIMITS, '/usr/bin/python3', '-c', 'print(1)'].slice(-10));
    expect(env).toEqual({ PATH: '/usr/local/bin:/usr/bin:/bin', HOME: '/sandbox', LANG: 'C.UTF-8', TMPDIR: '/tmp' });
  });

  it('bwrap for a worker that is not root: bwrap itself, nothing of the host writable', () => {
    const { command, args } = sandboxCommand(base, '/tmp/ignored');
    expect(command).toBe('/usr/bin/bwrap');
    expect(args.filter((a) => a === '--bind')).toEqual([]);
  });

  it('rlimits+uid: setpriv, prlimit with a process limit, the throwaway directory as HOME', () => {
    const { command, args, env } = sandboxCommand({ ...base, level: 'rlimits+uid', uid: 61_000 }, '/tmp/obs-sandbox-x');
    expect(command).toBe('/usr/bin/setpriv');
    expect(args).toEqual(['--reuid=61000', '--regid=61000', '--clear-groups', '--no-new-privs', '--', '/usr/bin/prlimit', ...LIMITS, '/usr/bin/python3', '-c', 'print(1)']);
    expect(env.HOME).toBe('/tmp/obs-sandbox-x');
  });

  it('rlimits: no process limit (the worker’s own user already runs processes)', () => {
    const { command, args } = sandboxCommand({ ...base, level: 'rlimits' }, '/tmp/obs-sandbox-x');
    expect(command).toBe('/usr/bin/prlimit');
    expect(args).toEqual(LIMITS.filter((a) => !a.startsWith('--nproc')).concat(['/usr/bin/python3', '-c', 'print(1)']));
  });
});
