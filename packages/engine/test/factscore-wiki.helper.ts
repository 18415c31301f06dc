/**
 * Builds a small FActScore knowledge base for tests, in the dump's schema: FActScore's `DocDB.build_db` creates
 * `documents (title PRIMARY KEY, text)` and stores each article's paragraphs joined by `####SPECIAL####SEPARATOR####`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { WIKIPEDIA_SEPARATOR } from '../src/scoring-services';

/** Article title → the row's `text` as stored (already joined, so a test can put blank or padded paragraphs in). */
export type WikiRows = Record<string, string>;

export const joinParagraphs = (paragraphs: readonly string[]) => paragraphs.join(WIKIPEDIA_SEPARATOR);

/** Writes `rows` to `enwiki-20230401.db` in a fresh temporary directory; `remove` deletes it. */
export function writeFactscoreWiki(rows: WikiRows): { path: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'factscore-wiki-'));
  const path = join(dir, 'enwiki-20230401.db');
  const db = new Database(path);
  try {
    db.exec('CREATE TABLE documents (title PRIMARY KEY, text);');
    const insert = db.prepare('INSERT INTO documents VALUES (?, ?)');
    for (const [title, text] of Object.entries(rows)) insert.run(title, text);
  } finally {
    db.close();
  }
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
