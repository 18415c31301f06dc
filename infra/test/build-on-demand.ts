/**
 * Child-process tests run the compiled apps (`dist/`). Run alone after a source change, they would test stale
 * code without a word, so the first call in each jest worker runs the project's build (incremental: about half
 * a second when nothing changed), serialised across concurrent workers with flock.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
let built = false;

function build(): void {
  try {
    execFileSync('flock', [join(ROOT, '.ci', '.build.lock'), 'bash', join(ROOT, 'infra/scripts/build.sh')], { cwd: ROOT, stdio: 'pipe', encoding: 'utf8' });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`building the apps for a child-process test failed:\n${e.stdout ?? ''}${e.stderr ?? e.message}`);
  }
  built = true;
}

/** The absolute path of a compiled entry point (relative to the repository root), freshly built. */
export function builtEntry(relativePath: string): string {
  if (!built) build();
  const path = join(ROOT, relativePath);
  if (!existsSync(path)) throw new Error(`${relativePath} is missing after the build`);
  return path;
}
