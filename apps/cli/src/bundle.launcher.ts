#!/usr/bin/env node
/**
 * What `pnpm studio` runs: the CLI bundled into one file (bundle/studio.js, from scripts/bundle-cli.mjs), compiled with
 * V8's code cache of an earlier run. Without it, every `studio` process spent ≈ 0.3 s before its first request
 * resolving, reading and compiling ≈ 550 modules (docs/performance.md, "CLI start-up"). The cache is written when a
 * process ends without having had a usable one, so it also holds the functions that process ran (the next run's
 * bytecode is ready, not only the modules' top level). It is named after the bundle's inode, size and time, so a
 * rebuilt bundle never meets a cache of another one (V8 itself checks only the source's length, its own version and
 * flags, and rejects the cache on a mismatch; it is then written again), and after node's version and options. A
 * cache that cannot be read or written (a read-only checkout) only costs the time it would have saved.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

export const BUNDLE = join(__dirname, '../bundle/studio.js');

/**
 * Where the code cache of `bundle` as it is now lives, for this node and its options (V8 rejects a cache made under
 * other flags: with its own file, a `--cpu-prof` run does not replace the cache of the plain ones).
 */
export function codeCachePath(bundle: string, execArgv: readonly string[] = process.execArgv): string {
  const { ino, size, mtimeMs } = statSync(bundle);
  const node = createHash('sha256').update([process.version, ...execArgv].join('\0')).digest('hex').slice(0, 8);
  return `${bundle}.${ino}-${size}-${Math.trunc(mtimeMs)}-${node}.cache`;
}

function readOrUndefined(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/** Runs `bundle` as node runs a CommonJS main module, from its code cache when there is a usable one. */
export function runBundle(bundle: string): void {
  const cachePath = codeCachePath(bundle);
  const cachedData = readOrUndefined(cachePath);
  // The bundle is ASCII (bundle-cli.mjs checks it), so read as latin1 it is the same text, which node hands to V8 as
  // it is instead of decoding it as UTF-8 (≈ 15 ms less for its 5.6 MB); it is already wrapped as a CommonJS module.
  const script = new Script(readFileSync(bundle, 'latin1'), { filename: bundle, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) {
    process.once('exit', () => {
      const partial = `${cachePath}.${process.pid}.partial`;
      try {
        // Renamed into place: a process starting meanwhile reads either no cache or a whole one.
        writeFileSync(partial, script.createCachedData());
        renameSync(partial, cachePath);
      } catch {
        rmSync(partial, { force: true });
      }
    });
  }
  const bundleModule = new Module(bundle, module);
  bundleModule.filename = bundle;
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  wrapper.call(bundleModule.exports, bundleModule.exports, createRequire(bundle), bundleModule, bundle, dirname(bundle));
}

// A build without the bundle (the Docker images compile only) runs the modules as they are.
if (require.main === module) {
  if (existsSync(BUNDLE)) runBundle(BUNDLE);
  else require('./main');
}
