import { stat } from 'node:fs/promises';
import type { DatasetRecord } from './dataset.types';

/** What identifies a file's contents without reading it: a rewrite or a rename into place changes one of these. */
interface FileState {
  size: bigint;
  mtimeNs: bigint;
  ctimeNs: bigint;
  ino: bigint;
}

interface Entry {
  state: FileState;
  /** The file's size, what the budget counts. */
  bytes: number;
  records: Promise<readonly DatasetRecord[]>;
}

const sameState = (a: FileState, b: FileState): boolean =>
  a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs && a.ino === b.ino;

/**
 * Parsed dataset files kept by a process, so that a worker parses a file once and every later run reads the same
 * records, as long as the file is unchanged (size, modification and change times, inode: a re-download renames a new
 * file into place, an edit changes the times). Callers loading the same file at once share one parse. Files are
 * kept least recently used first out, within a budget of file bytes; the most recent one is always kept.
 * The records are shared: callers must not modify them.
 */
export class ParsedRecordsCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly budgetBytes: number) {}

  async get(key: string, path: string, parse: () => Promise<DatasetRecord[]>): Promise<readonly DatasetRecord[]> {
    const info = await stat(path, { bigint: true });
    const state: FileState = { size: info.size, mtimeNs: info.mtimeNs, ctimeNs: info.ctimeNs, ino: info.ino };
    const cached = this.entries.get(key);
    // Re-inserting moves the entry to the end: the Map's order is least recently used first.
    this.entries.delete(key);
    if (cached && sameState(cached.state, state)) {
      this.entries.set(key, cached);
      return cached.records;
    }
    const entry: Entry = { state, bytes: Number(info.size), records: parse() };
    this.entries.set(key, entry);
    // A failed parse is not kept: the next caller tries again (the file may have been fixed).
    entry.records.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    this.evict();
    return entry.records;
  }

  /** Keys of the files held, least recently used first. */
  keys(): string[] {
    return [...this.entries.keys()];
  }

  private evict(): void {
    let total = 0;
    for (const entry of this.entries.values()) total += entry.bytes;
    for (const [key, entry] of this.entries) {
      if (total <= this.budgetBytes || this.entries.size === 1) return;
      this.entries.delete(key);
      total -= entry.bytes;
    }
  }
}
