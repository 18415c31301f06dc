/** Runs the CLI as users do: a child process (`src/main.ts` through the swc require hook, no build needed). */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
const SRC = join(__dirname, '../src');

export interface CliRun {
  code: number | null;
  /** The signal that ended the process, when one did. */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A signal to send once `when` holds. */
export interface Interrupt {
  when: (stderr: string) => boolean;
  signal: NodeJS.Signals;
}

/**
 * Runs `studio <args>` with only the given environment (plus PATH), sending the interrupts in order; from `bundle`
 * (scripts/bundle-cli.mjs's output) through the launcher when given, as `pnpm studio` runs it.
 */
export function runCli(args: string[], env: Record<string, string>, interrupts: Interrupt[] = [], bundle?: string): Promise<CliRun> {
  const entry = bundle ? [join(__dirname, 'run-bundle.cjs'), bundle] : [join(SRC, 'main.ts')];
  const child = spawn(process.execPath, ['--require', join(SRC, 'ts-source.hook.cjs'), ...entry, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // The condition may depend on state outside the child (the server's in-flight requests), so it is polled.
  const pending = [...interrupts];
  const poll = setInterval(() => {
    if (pending.length === 0 || !pending[0].when(stderr)) return;
    child.kill(pending.shift()!.signal);
  }, 20);
  return new Promise((resolvePromise) =>
    child.on('close', (code, signal) => {
      clearInterval(poll);
      resolvePromise({ code, signal, stdout, stderr });
    }),
  );
}
