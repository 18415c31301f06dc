import { createHash } from 'node:crypto';
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { deserialize, serialize } from 'node:v8';
import type { DatasetRecord } from './dataset.types';
import { partialPathFor } from './partial-download.util';

/** Bumped when the parsers' output changes, so that copies written by an earlier version are parsed again. */
const FORMAT = 1;

interface StoredCopy {
  format: number;
  /** The dataset file the records were parsed from, as it was when its parse started. */
  size: bigint;
  mtimeNs: bigint;
  ino: bigint;
  records: DatasetRecord[];
}

/** Where the parsed copy of `path` read with the options `key` lives: beside it, in the dataset cache. */
export function parsedCopyPath(path: string, key: string): string {
  return `${path}.parsed-${createHash('sha256').update(key).digest('hex').slice(0, 12)}.v8`;
}

/**
 * The records of a dataset file from its parsed copy on disk (V8's serialization, beside the file), or parsed and
 * then stored there, so that a new process (every `studio eval`, a worker's first run of a benchmark) reads them
 * instead of parsing the file again: MMLU's 6.7 MB CSV took 670 ms to parse on the loaded machine of
 * docs/performance.md, its 8 MB copy 40–90 ms to read back. The copy names the file's size, modification time and
 * inode as they were when the parse started and is used only while they match (a re-download renames a new file
 * into place, an edit changes the time). An unreadable or stale copy is parsed again and replaced (written beside it,
 * then renamed into place); a copy that cannot be written (a read-only cache) is not kept, and nothing fails for it.
 * Files over `maxFileBytes` get no copy.
 */
export async function parsedThroughDisk(path: string, key: string, parse: () => Promise<DatasetRecord[]>, maxFileBytes: number): Promise<DatasetRecord[]> {
  const copyPath = parsedCopyPath(path, key);
  const info = await stat(path, { bigint: true });
  // Serializing builds the whole copy in one buffer: a file over the bound is parsed each time instead.
  if (info.size > BigInt(maxFileBytes)) return parse();
  const stored = await readFile(copyPath).then(
    (bytes) => deserialize(bytes) as Partial<StoredCopy>,
    () => undefined,
  ).catch(() => undefined);
  if (stored?.format === FORMAT && stored.size === info.size && stored.mtimeNs === info.mtimeNs && stored.ino === info.ino && Array.isArray(stored.records)) {
    return stored.records;
  }
  const records = await parse();
  const copy: StoredCopy = { format: FORMAT, size: info.size, mtimeNs: info.mtimeNs, ino: info.ino, records };
  const partial = partialPathFor(copyPath);
  await writeFile(partial, serialize(copy))
    .then(() => rename(partial, copyPath))
    .catch(() => rm(partial, { force: true }).catch(() => undefined));
  return records;
}
