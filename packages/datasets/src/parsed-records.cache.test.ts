import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ParsedRecordsCache } from './parsed-records.cache';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parsed-records-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, bytes: number): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, 'x'.repeat(bytes));
  return path;
}

const parsing = (name: string) => async () => [{ name }];

describe('ParsedRecordsCache', () => {
  it('lets the least recently used files go once their bytes exceed the budget, and always keeps the latest', async () => {
    const cache = new ParsedRecordsCache(250);
    const a = await file('a', 100);
    const b = await file('b', 100);
    const c = await file('c', 100);
    const huge = await file('huge', 1_000);

    await cache.get('a', a, parsing('a'));
    await cache.get('b', b, parsing('b'));
    await cache.get('a', a, parsing('a'));
    await cache.get('c', c, parsing('c'));
    expect(cache.keys()).toEqual(['a', 'c']);

    await cache.get('huge', huge, parsing('huge'));
    expect(cache.keys()).toEqual(['huge']);
  });

  it('parses again after an entry was let go', async () => {
    const cache = new ParsedRecordsCache(100);
    const a = await file('a', 100);
    const b = await file('b', 100);
    const parseA = jest.fn(parsing('a'));

    const first = await cache.get('a', a, parseA);
    await cache.get('b', b, parsing('b'));
    const again = await cache.get('a', a, parseA);

    expect(parseA).toHaveBeenCalledTimes(2);
    expect(again).toEqual(first);
    expect(again).not.toBe(first);
  });
});
