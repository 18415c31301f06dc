/**
 * Offline dataset caches for tests: fixture files placed where the dataset cache looks for their upstream URLs, so
 * tasks read them as if downloaded.
 */
import { cachePathFor } from '@studio/datasets';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { DatasetContext } from '../src/types';

export const GENERATIVE_FIXTURES = join(__dirname, 'fixtures/tasks/generative');
export const MCQ_FIXTURES = join(__dirname, 'fixtures/tasks/mcq');
export const CODE_FIXTURES = join(__dirname, 'fixtures/tasks/code');
export const INSTRUCTION_FIXTURES = join(__dirname, 'fixtures/tasks/instruction');
export const VISION_FIXTURES = join(__dirname, 'fixtures/tasks/vision');
export const STRUCTURE_FIXTURES = join(__dirname, 'fixtures/tasks/structure');

/** Copies `file` into the cache under `cacheDir` where a download of `url` would land. */
export function placeInCache(cacheDir: string, url: string, file: string): void {
  const path = cachePathFor(cacheDir, url);
  mkdirSync(dirname(path), { recursive: true });
  copyFileSync(file, path);
}

export interface OfflineCache {
  ctx: DatasetContext;
  remove(): void;
}

/** A temporary offline dataset cache holding each fixture file of `fixtureDir` under the URL the task downloads. */
export function offlineCache(fixtureDir: string, files: Record<string, string>): OfflineCache {
  const cacheDir = mkdtempSync(join(tmpdir(), 'task-cache-'));
  for (const [url, fixture] of Object.entries(files)) placeInCache(cacheDir, url, join(fixtureDir, fixture));
  return { ctx: { cacheDir, offline: true }, remove: () => rmSync(cacheDir, { recursive: true, force: true }) };
}
