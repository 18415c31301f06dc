// Bundles the built CLI (dist/main.js, and the `.eval` log thread it starts) into one file each under bundle/, which
// `pnpm studio` runs through dist/bundle.launcher.js with V8's code cache (docs/performance.md, "CLI start-up").
// One file instead of ≈ 550 modules spares node their resolution and reading; the code cache spares V8 compiling it.
// The code is tsc's output as it is (no minification, names kept), so the CLI behaves as dist/main.js does.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isAscii } from 'node:buffer';
import Module, { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..');
// Another directory as the argument (the launcher's test bundles into one of its own).
const out = process.argv[2] ? resolve(process.argv[2]) : join(cli, 'bundle');
const BUILTINS = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
// Required from the bundle at run time, where they are: a native addon, and modules loaded only on first use whose
// size (js-tiktoken 5.6 MB, two NLP tables of 1.8 MB each) every start would otherwise read.
const KEPT_OUT = [/^better-sqlite3$/, /^js-tiktoken$/, /wordnet-synonyms\.data$/, /perceptron-tagger-english\.data$/];

/** Keeps node's modules and `KEPT_OUT` out of the bundle, the latter required by their resolved path. */
const keepOut = {
  name: 'keep-out',
  async resolveId(source, importer, options) {
    if (BUILTINS.has(source)) return { id: source, external: true };
    if (!KEPT_OUT.some((pattern) => pattern.test(source))) return null;
    const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
    if (!resolved) throw new Error(`cannot resolve ${source} from ${importer}`);
    return { id: resolved.id, external: true };
  },
};

for (const [entry, file] of [
  ['dist/main.js', 'studio.js'],
  ['dist/eval-log.thread.js', 'eval-log.thread.js'],
]) {
  const bundle = await rolldown({ input: join(cli, entry), platform: 'node', plugins: [keepOut], logLevel: 'warn', makeAbsoluteExternalsRelative: true });
  await bundle.write({ file: join(out, file), format: 'cjs', codeSplitting: false, keepNames: true, sourcemap: false, comments: false, charset: 'ascii' });
  await bundle.close();
  // The launcher compiles the file as a function body, where main.js's `#!` line would be a syntax error.
  let code = readFileSync(join(out, file), 'utf8');
  if (code.startsWith('#!')) code = code.slice(code.indexOf('\n') + 1);
  // studio.js is written already wrapped as node wraps a CommonJS module (so it runs only through the launcher): the
  // launcher compiles the file's text as it reads it, where wrapping it there copied its 5.6 MB (≈ 20 ms).
  if (file === 'studio.js') code = Module.wrap(code);
  // The launcher reads it as latin1, which is its text only while every byte is ASCII (`charset: 'ascii'` escapes the rest).
  if (!isAscii(Buffer.from(code))) throw new Error(`${file} is not ASCII: the launcher would misread it`);
  writeFileSync(join(out, file), code);
}
// Code caches belong to the bundle they were made from (the launcher names them after its inode, size and time).
for (const name of readdirSync(out)) if (name.endsWith('.cache')) rmSync(join(out, name));
