import { mkdir, mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { serialize } from 'node:v8';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { DatasetRecord } from './dataset.types';
import { leadingFromDisk, parsedCopyPath, parsedThroughDisk } from './parsed-records.disk-cache';

/** Files up to this size get a copy. */
const MAX = 1024;
let dir: string;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parsed-copy-'));
  file = join(dir, 'data.csv');
  await writeFile(file, 'q,a\n1,A\n');
});

afterEach(() => rm(dir, { recursive: true, force: true }));

/** A parse that counts its calls and returns copies of `records`. */
function parser(records: DatasetRecord[]) {
  const parse = jest.fn(async () => records.map((r) => ({ ...r })));
  return parse;
}

describe('parsedThroughDisk', () => {
  it('parses once and stores the records beside the file; a later call (another process) reads them back', async () => {
    const records = [{ q: '1', a: 'A', nested: { n: 1, list: [null, 'x'] } }];
    const first = parser(records);
    expect(await parsedThroughDisk(file, 'csv', first, MAX)).toEqual(records);
    expect((await readdir(dir)).sort()).toEqual(['data.csv', basename(parsedCopyPath(file, 'csv'))].sort());

    const second = parser([]);
    expect(await parsedThroughDisk(file, 'csv', second, MAX)).toEqual(records);
    expect(second).not.toHaveBeenCalled();
    // Other parse options have a copy of their own.
    expect(await parsedThroughDisk(file, 'tsv', second, MAX)).toEqual([]);
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('parses again once the file changed (size or modification time), and replaces the copy', async () => {
    await parsedThroughDisk(file, 'csv', parser([{ q: '1' }]), MAX);
    await writeFile(file, 'q,a\n1,A\n2,B\n');
    const changed = parser([{ q: '1' }, { q: '2' }]);
    expect(await parsedThroughDisk(file, 'csv', changed, MAX)).toHaveLength(2);
    expect(changed).toHaveBeenCalledTimes(1);

    const later = new Date(Date.now() + 60_000);
    await utimes(file, later, later);
    const touched = parser([{ q: 'touched' }]);
    expect(await parsedThroughDisk(file, 'csv', touched, MAX)).toEqual([{ q: 'touched' }]);
    expect(await parsedThroughDisk(file, 'csv', parser([]), MAX)).toEqual([{ q: 'touched' }]);
  });

  it('parses again over an unreadable copy, and keeps no copy it cannot write, without failing', async () => {
    await writeFile(parsedCopyPath(file, 'csv'), 'not a V8 serialization');
    const corrupt = parser([{ q: '1' }]);
    expect(await parsedThroughDisk(file, 'csv', corrupt, MAX)).toEqual([{ q: '1' }]);
    expect(corrupt).toHaveBeenCalledTimes(1);
    expect(await parsedThroughDisk(file, 'csv', parser([]), MAX)).toEqual([{ q: '1' }]);

    // A directory where the copy would go: it can be neither read nor replaced.
    await mkdir(parsedCopyPath(file, 'json'));
    const blocked = parser([{ q: '1' }]);
    expect(await parsedThroughDisk(file, 'json', blocked, MAX)).toEqual([{ q: '1' }]);
    expect(await parsedThroughDisk(file, 'json', blocked, MAX)).toEqual([{ q: '1' }]);
    expect(blocked).toHaveBeenCalledTimes(2);
    expect((await readdir(dir)).filter((name) => name.endsWith('.part'))).toEqual([]);
  });

  it('reads the first records alone from a copy, with the number of records it holds', async () => {
    const records = Array.from({ length: 2_345 }, (_, i) => ({ q: String(i), a: i % 2 === 0 ? 'A' : 'B' }));
    expect(await leadingFromDisk(file, 'csv', 10)).toBeUndefined();
    await parsedThroughDisk(file, 'csv', parser(records), 1024 * 1024);
    for (const count of [0, 1, 999, 1_000, 1_001, 2_345, 5_000]) {
      expect(await leadingFromDisk(file, 'csv', count)).toEqual({ records: records.slice(0, count), total: records.length });
    }
    // The whole copy reads back as it was stored.
    expect(await parsedThroughDisk(file, 'csv', parser([]), 1024 * 1024)).toEqual(records);
    // A changed file makes the copy stale for both.
    const later = new Date(Date.now() + 60_000);
    await utimes(file, later, later);
    expect(await leadingFromDisk(file, 'csv', 10)).toBeUndefined();
  });

  it('parses again over a copy of the earlier format, which reads as no copy for the first records', async () => {
    const info = await stat(file, { bigint: true });
    await writeFile(parsedCopyPath(file, 'csv'), serialize({ format: 1, size: info.size, mtimeNs: info.mtimeNs, ino: info.ino, records: [{ q: 'old' }] }));
    expect(await leadingFromDisk(file, 'csv', 1)).toBeUndefined();
    const parse = parser([{ q: 'new' }]);
    expect(await parsedThroughDisk(file, 'csv', parse, MAX)).toEqual([{ q: 'new' }]);
    expect(parse).toHaveBeenCalledTimes(1);
    expect(await leadingFromDisk(file, 'csv', 1)).toEqual({ records: [{ q: 'new' }], total: 1 });
  });

  it('keeps no copy of a file over the size bound', async () => {
    await writeFile(file, 'q,a\n'.padEnd(MAX + 1, 'x'));
    const big = parser([{ q: 'big' }]);
    expect(await parsedThroughDisk(file, 'csv', big, MAX)).toEqual([{ q: 'big' }]);
    expect(await parsedThroughDisk(file, 'csv', big, MAX)).toEqual([{ q: 'big' }]);
    expect(big).toHaveBeenCalledTimes(2);
    expect(await readdir(dir)).toEqual(['data.csv']);
  });
});
