/**
 * The import rules of docs/architecture.md, checked on the code: which workspace package may depend on which, read
 * from every package.json and from the import statements of every production file (tests and their helpers may
 * reach further: fixtures, test databases, fake servers).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

/** Package → the workspace packages it may import. Subpaths (`@studio/runtime/config`) are listed where only they are allowed. */
const ALLOWED: Record<string, readonly string[]> = {
  '@studio/contracts': [],
  '@studio/datasets': [],
  // The official API client knows the API only through the types it generates from the OpenAPI document.
  '@studio/client': [],
  '@studio/providers': ['@studio/contracts'],
  '@studio/db': ['@studio/contracts'],
  '@studio/runtime': ['@studio/contracts'],
  '@studio/engine': ['@studio/contracts', '@studio/datasets', '@studio/providers'],
  // What a run request becomes (validation, the new row), for every producer of runs: the gateway and a schedule's tick in the worker.
  '@studio/run-intake': ['@studio/contracts', '@studio/db', '@studio/engine', '@studio/providers'],
  '@studio/gateway': ['@studio/contracts', '@studio/db', '@studio/engine', '@studio/providers', '@studio/run-intake', '@studio/runtime'],
  '@studio/worker': ['@studio/contracts', '@studio/datasets', '@studio/db', '@studio/engine', '@studio/providers', '@studio/run-intake', '@studio/runtime'],
  // Headless: no Redis or BullMQ, so of the runtime only its config module. The database only for `studio admin`,
  // which changes accounts of a deployment directly (`studio eval` never opens one). A server only through the client
  // (`studio submit`).
  '@studio/cli': ['@studio/client', '@studio/contracts', '@studio/datasets', '@studio/db', '@studio/engine', '@studio/providers', '@studio/runtime/config'],
  // The browser app knows the API only through the types it generates from the OpenAPI document.
  '@studio/web': [],
  '@studio/bench': ['@studio/cli/eval-log-sink', '@studio/datasets', '@studio/db', '@studio/engine', '@studio/providers', '@studio/runtime'],
};

interface Workspace {
  name: string;
  dir: string;
  deps: string[];
}

function workspaces(): Workspace[] {
  const dirs = ['packages', 'apps'].flatMap((group) => readdirSync(join(ROOT, group)).map((d) => join(ROOT, group, d))).concat(join(ROOT, 'bench'));
  return dirs
    .filter((dir) => statSync(join(dir, 'package.json'), { throwIfNoEntry: false }))
    .map((dir) => {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string; dependencies?: object; devDependencies?: object };
      const deps = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((d) => d.startsWith('@studio/'));
      return { name: pkg.name, dir, deps };
    });
}

// `bundle`: the CLI bundled from its dist (apps/cli/scripts/bundle-cli.mjs), build output like dist.
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'build', 'bundle', 'test', 'fixtures', 'public']);
const isTest = (file: string) => /\.test\.[cm]?[jt]sx?$/.test(file);

/** Production source files of a workspace package: not tests, not test helpers, not build output. */
function productionFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.')) out.push(...productionFiles(path));
    } else if (/\.(c|m)?(t|j)sx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') && !isTest(entry.name)) {
      out.push(path);
    }
  }
  return out;
}

/** Module specifiers of a file's imports, exports, dynamic imports and requires. */
function specifiers(source: string): string[] {
  const pattern = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]([^'"]+)['"]/g;
  return [...source.matchAll(pattern)].map((m) => m[1]!);
}

/** `@studio/runtime/config` is allowed by `@studio/runtime` or by itself. */
function allowedBy(list: readonly string[], specifier: string): boolean {
  return list.some((allowed) => specifier === allowed || (!allowed.slice('@studio/'.length).includes('/') && specifier.startsWith(`${allowed}/`)));
}

const packageOf = (specifier: string) => specifier.split('/').slice(0, 2).join('/');

const all = workspaces();

test('every workspace package has import rules', () => {
  expect(all.map((w) => w.name).sort()).toEqual(Object.keys(ALLOWED).sort());
});

test.each(all.map((w) => [w.name, w] as const))('%s declares only the workspace dependencies it may import', (name, w) => {
  expect(w.deps.filter((dep) => !ALLOWED[name]!.some((allowed) => packageOf(allowed) === dep))).toEqual([]);
});

test.each(all.map((w) => [w.name, w] as const))('%s imports only what it may and declares, and nothing outside its folder', (name, w) => {
  const broken: string[] = [];
  for (const file of productionFiles(w.dir)) {
    const where = relative(ROOT, file);
    for (const specifier of specifiers(readFileSync(file, 'utf8'))) {
      if (specifier.startsWith('@studio/')) {
        if (!allowedBy(ALLOWED[name]!, specifier)) broken.push(`${where}: ${specifier} is not allowed`);
        else if (!w.deps.includes(packageOf(specifier))) broken.push(`${where}: ${specifier} is not in package.json`);
      } else if (specifier.startsWith('.') && relative(w.dir, resolve(dirname(file), specifier)).startsWith('..')) {
        broken.push(`${where}: ${specifier} reaches outside ${relative(ROOT, w.dir)}`);
      }
    }
  }
  expect(broken).toEqual([]);
});

test.each(all.filter((w) => w.name !== '@studio/web').map((w) => [w.name, w] as const))('%s builds after its workspace dependencies (tsconfig references)', (_name, w) => {
  const tsconfig = JSON.parse(readFileSync(join(w.dir, 'tsconfig.json'), 'utf8')) as { references?: { path: string }[] };
  const referenced = new Set((tsconfig.references ?? []).map((r) => resolve(w.dir, r.path)));
  const byName = new Map(all.map((x) => [x.name, x.dir]));
  expect(w.deps.filter((dep) => !referenced.has(byName.get(dep)!))).toEqual([]);
});
