import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transformFileSync } from '@swc/core';
import { loadOrCreateLocalSecrets } from './local-secrets';

const dir = mkdtempSync(join(tmpdir(), 'local-secrets-'));
let seq = 0;
const freshFile = () => join(dir, `run-${++seq}`, 'secrets.json');
const onDisk = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;

/** The module compiled to CommonJS, so separate node processes can race each other with it. */
const compiled = join(dir, 'local-secrets.js');
writeFileSync(compiled, transformFileSync(join(__dirname, 'local-secrets.ts'), { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }).code);

/** `count` processes that all call loadOrCreateLocalSecrets(file) at the same moment; each one's result or error. */
function race(file: string, count: number): Promise<string[]> {
  const startAt = Date.now() + 700;
  const script = `
    const { loadOrCreateLocalSecrets } = require(${JSON.stringify(compiled)});
    while (Date.now() < ${startAt});
    try { process.stdout.write(JSON.stringify(loadOrCreateLocalSecrets(${JSON.stringify(file)}))); }
    catch (e) { process.stdout.write('error: ' + e.message); }`;
  return Promise.all(
    Array.from({ length: count }, () => {
      const child = spawn(process.execPath, ['-e', script]);
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      return new Promise<string>((resolve) => child.on('close', () => resolve(out)));
    }),
  );
}

test('first use creates a private file; every later call reads the same secrets', () => {
  const file = freshFile();
  const first = loadOrCreateLocalSecrets(file);
  expect(first.JWT_SECRET).toMatch(/^[A-Za-z0-9_-]{64}$/);
  expect(Buffer.from(first.ENCRYPTION_KEY, 'base64')).toHaveLength(32);
  expect(loadOrCreateLocalSecrets(file)).toEqual(first);
  expect(onDisk(file)).toEqual(first);
  expect(statSync(file).mode & 0o777).toBe(0o600);
});

test('writers racing on first use all get the first writer\'s secrets, and no temporary file is left', async () => {
  for (let round = 0; round < 5; round++) {
    const file = freshFile();
    const results = await race(file, 8);
    expect(new Set(results)).toEqual(new Set([JSON.stringify(onDisk(file))]));
    expect(readdirSync(join(file, '..'))).toEqual(['secrets.json']);
  }
});

// Writers that create the file and then write it (as earlier versions did) leave a window of microseconds in
// which another process reads it empty; here the other writer holds that window open for 300 ms.
test('racing a writer that created the file but has not written it yet, its secrets are read once they are there', () => {
  const file = freshFile();
  loadOrCreateLocalSecrets(file);
  const written = { JWT_SECRET: 'j'.repeat(64), ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64') };
  writeFileSync(file, '');
  const writer = spawn(process.execPath, ['-e', `setTimeout(() => require('fs').writeFileSync(${JSON.stringify(file)}, ${JSON.stringify(JSON.stringify(written))}), 300)`]);
  try {
    expect(loadOrCreateLocalSecrets(file)).toEqual(written);
  } finally {
    writer.kill();
  }
});

test.each([
  ['empty (a writer crashed)', ''],
  ['cut off', '{"JWT_SECRET": "abc'],
  ['not an object', '"secret"'],
])('a file that stays %s is replaced by fresh secrets', (_label, content) => {
  const file = freshFile();
  loadOrCreateLocalSecrets(file);
  writeFileSync(file, content);
  const repaired = loadOrCreateLocalSecrets(file);
  expect(repaired).toEqual({ JWT_SECRET: expect.any(String), ENCRYPTION_KEY: expect.any(String) });
  expect(onDisk(file)).toEqual(repaired);
  expect(statSync(file).mode & 0o777).toBe(0o600);
});

test.each(['JWT_SECRET', 'ENCRYPTION_KEY'] as const)('a file missing %s gets it, keeping the other secret', (missing) => {
  const file = freshFile();
  const original = loadOrCreateLocalSecrets(file);
  const { [missing]: _dropped, ...rest } = original;
  writeFileSync(file, JSON.stringify(rest));
  const repaired = loadOrCreateLocalSecrets(file);
  expect(repaired[missing]).toEqual(expect.any(String));
  expect(repaired[missing]).not.toBe(original[missing]);
  expect(repaired).toMatchObject(rest);
  expect(onDisk(file)).toEqual(repaired);
});

test('processes racing to repair a file missing a secret all get the same repaired secrets', async () => {
  for (let round = 0; round < 3; round++) {
    const file = freshFile();
    const { JWT_SECRET } = loadOrCreateLocalSecrets(file);
    writeFileSync(file, JSON.stringify({ JWT_SECRET }));
    const results = await race(file, 8);
    expect(new Set(results)).toEqual(new Set([JSON.stringify(onDisk(file))]));
    expect(onDisk(file)).toEqual({ JWT_SECRET, ENCRYPTION_KEY: expect.any(String) });
    expect(readdirSync(join(file, '..'))).toEqual(['secrets.json']);
  }
});
