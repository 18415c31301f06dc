import { createHash } from 'node:crypto';
import { open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { deserialize, serialize } from 'node:v8';
import type { DatasetRecord } from './dataset.types';
import { partialPathFor } from './partial-download.util';

/** Bumped when the parsers' output or the copy's layout changes, so that copies written by an earlier version are parsed again. */
const FORMAT = 2;

/** Records per serialized chunk of a copy: a reader that needs only the first records reads only their chunks. */
const CHUNK_RECORDS = 1_000;

/** Bytes of the header's length, before the header. */
const LENGTH_BYTES = 4;
/** A header longer than this is not one (a copy of an earlier format starts otherwise). */
const MAX_HEADER_BYTES = 1024 * 1024;

/**
 * The copy's header. The copy is `u32 LE header length`, the header (V8's serialization), then each chunk of
 * `CHUNK_RECORDS` records (V8's serialization of an array), one after the other.
 */
interface CopyHeader {
  format: number;
  /** The dataset file the records were parsed from, as it was when its parse started. */
  size: bigint;
  mtimeNs: bigint;
  ino: bigint;
  records: number;
  /** Byte length of each chunk. */
  chunks: number[];
}

type FileInfo = Pick<CopyHeader, 'size' | 'mtimeNs' | 'ino'>;

/** The first records of a dataset file and how many it has. */
export interface LeadingRecords {
  records: readonly DatasetRecord[];
  total: number;
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
  const stored = await readFile(copyPath).then((bytes) => wholeCopy(bytes, info), () => undefined);
  if (stored) return stored;
  const records = await parse();
  const partial = partialPathFor(copyPath);
  await writeFile(partial, copyBytes(records, info))
    .then(() => rename(partial, copyPath))
    .catch(() => rm(partial, { force: true }).catch(() => undefined));
  return records;
}

/**
 * The first `count` records (all, if there are fewer) of the file's parsed copy and how many records it holds,
 * reading only the chunks that hold them; undefined when there is no usable copy (`parsedThroughDisk` makes one).
 */
export async function leadingFromDisk(path: string, key: string, count: number): Promise<LeadingRecords | undefined> {
  const info = await stat(path, { bigint: true });
  const file = await open(parsedCopyPath(path, key)).catch(() => undefined);
  if (!file) return undefined;
  try {
    const length = Buffer.alloc(LENGTH_BYTES);
    if ((await file.read(length, 0, LENGTH_BYTES, 0)).bytesRead < LENGTH_BYTES) return undefined;
    const headerLength = length.readUInt32LE(0);
    if (headerLength > MAX_HEADER_BYTES) return undefined;
    const headerBytes = Buffer.alloc(headerLength);
    if ((await file.read(headerBytes, 0, headerBytes.length, LENGTH_BYTES)).bytesRead < headerBytes.length) return undefined;
    const header = currentHeader(headerBytes, info);
    if (!header) return undefined;
    const chunks = header.chunks.slice(0, Math.ceil(Math.min(count, header.records) / CHUNK_RECORDS));
    const body = Buffer.alloc(chunks.reduce((sum, bytes) => sum + bytes, 0));
    if ((await file.read(body, 0, body.length, LENGTH_BYTES + headerBytes.length)).bytesRead < body.length) return undefined;
    return { records: chunkRecords(body, chunks).slice(0, count), total: header.records };
  } catch {
    return undefined;
  } finally {
    await file.close();
  }
}

function copyBytes(records: readonly DatasetRecord[], info: FileInfo): Buffer {
  const chunks: Buffer[] = [];
  for (let start = 0; start < records.length; start += CHUNK_RECORDS) chunks.push(serialize(records.slice(start, start + CHUNK_RECORDS)));
  const header: CopyHeader = { format: FORMAT, size: info.size, mtimeNs: info.mtimeNs, ino: info.ino, records: records.length, chunks: chunks.map((chunk) => chunk.length) };
  const headerBytes = serialize(header);
  const length = Buffer.alloc(LENGTH_BYTES);
  length.writeUInt32LE(headerBytes.length, 0);
  return Buffer.concat([length, headerBytes, ...chunks]);
}

/** The records of a whole copy, or undefined when it is unreadable, of an earlier format or of another file. */
function wholeCopy(bytes: Buffer, info: FileInfo): DatasetRecord[] | undefined {
  try {
    const headerLength = bytes.readUInt32LE(0);
    const header = currentHeader(bytes.subarray(LENGTH_BYTES, LENGTH_BYTES + headerLength), info);
    if (!header) return undefined;
    const records = chunkRecords(bytes.subarray(LENGTH_BYTES + headerLength), header.chunks);
    return records.length === header.records ? records : undefined;
  } catch {
    return undefined;
  }
}

function currentHeader(bytes: Buffer, info: FileInfo): CopyHeader | undefined {
  const header = deserialize(bytes) as Partial<CopyHeader> | undefined;
  const current =
    header?.format === FORMAT && header.size === info.size && header.mtimeNs === info.mtimeNs && header.ino === info.ino
    && typeof header.records === 'number' && Array.isArray(header.chunks);
  return current ? (header as CopyHeader) : undefined;
}

/** The records of the chunks laid out in `body` with the given byte lengths, in order. */
function chunkRecords(body: Buffer, chunks: readonly number[]): DatasetRecord[] {
  const records: DatasetRecord[] = [];
  let offset = 0;
  for (const bytes of chunks) {
    const chunk = deserialize(body.subarray(offset, offset + bytes)) as DatasetRecord[];
    if (!Array.isArray(chunk)) throw new Error('not a chunk of records');
    for (const record of chunk) records.push(record);
    offset += bytes;
  }
  return records;
}
