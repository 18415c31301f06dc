/**
 * Lets the CLI tests run `src/main.ts` as a child process without a build: `.ts` files are compiled
 * on require with swc (as jest does) and `@studio/<pkg>` resolves to `packages/<pkg>/src` (`@studio/<pkg>/<sub>` to
 * `packages/<pkg>/src/<sub>`), the same mapping as jest's. Dynamic `import()` is left alone, so ESM-only dependencies load natively.
 * Usage: node --require ./apps/cli/src/ts-source.hook.cjs apps/cli/src/main.ts ...
 */
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const { join, resolve } = require('node:path');
const { transformSync } = require('@swc/core');

const root = resolve(__dirname, '../../..');
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveStudio(request, ...rest) {
  // `@studio/<pkg>/<sub>` (e.g. `@studio/engine/eval-log`) is `packages/<pkg>/src/<sub>/index.ts`, as in jest's mapping.
  const match = /^@studio\/([a-z-]+)(?:\/([a-z-]+))?$/.exec(request);
  return match ? join(root, 'packages', match[1], 'src', match[2] ?? '', 'index.ts') : resolveFilename.call(this, request, ...rest);
};

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs', ignoreDynamic: true },
    sourceMaps: 'inline',
  });
  module._compile(code, filename);
};
