/**
 * Pins what `GET /api/benchmarks` and `GET /api/benchmarks/{name}` serve. The gateway answers with `catalogView` and
 * `withRunnable` over `runnableTaskNames()`, so these are the objects it serialises, key order included.
 *
 * A change to the catalog (a new runnable benchmark, a corrected description) is a change to the API's output: review
 * the diff, then rewrite the snapshot with
 *   UPDATE_CATALOG_SNAPSHOT=1 pnpm exec jest packages/engine/src/catalog/benchmark-catalog.snapshot.test.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runnableTaskNames } from '../tasks/registry';
import { catalogView, getBenchmark, withRunnable } from './benchmark.catalog';
import type { RunnableBenchmarkMeta } from './benchmark.types';

const SNAPSHOT = join(__dirname, 'benchmark-catalog.snapshot.json');

const runnable = new Set(runnableTaskNames());
const everything = (): RunnableBenchmarkMeta[] => catalogView(runnable, { includeSubtasks: true, includeAlpha: true });

/** Each listing the query flags select, as names in served order, and every entry in full. */
function served(): { listings: Record<string, string[]>; entries: RunnableBenchmarkMeta[] } {
  const listings: Record<string, string[]> = {};
  for (const includeSubtasks of [false, true]) {
    for (const includeAlpha of [false, true]) {
      const key = `include_subtasks=${includeSubtasks}&include_alpha=${includeAlpha}`;
      listings[key] = catalogView(runnable, { includeSubtasks, includeAlpha }).map((meta) => meta.name);
      listings[`${key}&runnable_only=true`] = catalogView(runnable, { includeSubtasks, includeAlpha })
        .filter((meta) => meta.runnable)
        .map((meta) => meta.name);
    }
  }
  return { listings, entries: everything() };
}

test('the catalog the API serves is the pinned one, byte for byte', () => {
  const actual = `${JSON.stringify(served(), null, 2)}\n`;
  if (process.env.UPDATE_CATALOG_SNAPSHOT === '1') writeFileSync(SNAPSHOT, actual);
  expect(actual).toBe(readFileSync(SNAPSHOT, 'utf8'));
});

test('the details of every benchmark, under either spelling, are its list entry', () => {
  const entries = everything();
  expect(entries.length).toBeGreaterThan(100);
  for (const entry of entries) {
    for (const name of [entry.name, entry.name.replaceAll('_', '-'), entry.name.replaceAll('-', '_')]) {
      const meta = getBenchmark(name);
      expect(meta).toBeDefined();
      expect(JSON.stringify(withRunnable(meta!, runnable))).toBe(JSON.stringify(entry));
    }
  }
});
