import { createReadStream } from 'node:fs';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { fetchToCache } from './dataset-download.service';
import { DatasetParseError } from './dataset.errors';
import type { DatasetContext, DatasetRecord, DatasetSource } from './dataset.types';
import { parquetRecords } from './parquet-records.parser';
import { ParsedRecordsCache } from './parsed-records.cache';
import { leadingFromDisk, parsedThroughDisk, type LeadingRecords } from './parsed-records.disk-cache';
import { delimitedRecords, jsonRecords, jsonlRecords } from './text-records.parser';

/**
 * The records of a dataset file, fetched into the cache first (or read from it offline), parsed as a stream.
 * An abort of `ctx.signal` ends the stream with its reason, checked between records: a cached file is parsed
 * without any network wait that would otherwise notice it, and large ones take seconds.
 */
export async function* openRecords(source: DatasetSource, ctx: DatasetContext): AsyncGenerator<DatasetRecord> {
  checkSource(source);
  const path = await fetchToCache(source.url, ctx);
  const { signal } = ctx;
  signal?.throwIfAborted();
  try {
    for await (const record of parse(source, path)) {
      // Leaving the loop closes the parser; the reason is thrown below, outside the parse-error wrapping.
      if (signal?.aborted) break;
      yield record;
    }
  } catch (error) {
    throw new DatasetParseError(source.url, path, (error as Error).message, { cause: error });
  }
  signal?.throwIfAborted();
}

/**
 * Every file a process parses whole is kept parsed while unchanged, up to this many bytes of files (MMLU's CSV is
 * 6.7 MB and takes about 30 MB of heap parsed), within the worker's 256 MB heap cap: a worker starting run after run
 * of a benchmark parses its file once. Files up to this size also get a parsed copy on disk.
 */
const PARSED_BUDGET_BYTES = 24 * 1024 * 1024;
const parsedFiles = new ParsedRecordsCache(PARSED_BUDGET_BYTES);

/**
 * All records of a dataset file in memory: parsed once per process and shared while the file is unchanged, so the
 * records are read-only; a new process reads them from their parsed copy on disk (parsed-records.disk-cache.ts). An abort of `ctx.signal` ends the wait with its reason; the parse itself goes on for the
 * next caller.
 */
export async function loadRecords(source: DatasetSource, ctx: DatasetContext): Promise<readonly DatasetRecord[]> {
  checkSource(source);
  const path = await fetchToCache(source.url, ctx);
  ctx.signal?.throwIfAborted();
  return recordsOf(source, ctx, path);
}

/**
 * The first `count` records of a dataset file (all, if it has fewer) and how many it has. From the file's parsed
 * copy on disk only the chunks that hold them are read (a CLI run of MMLU with `--limit 2000` reads a seventh of
 * it); without a usable copy, the file is loaded whole as `loadRecords` does, which writes the copy.
 */
export async function loadLeadingRecords(source: DatasetSource, ctx: DatasetContext, count: number): Promise<LeadingRecords> {
  checkSource(source);
  const path = await fetchToCache(source.url, ctx);
  ctx.signal?.throwIfAborted();
  const leading = await leadingFromDisk(path, recordsKey(source, path), count);
  if (leading) return leading;
  const records = await recordsOf(source, ctx, path);
  return { records: records.slice(0, count), total: records.length };
}

/** What a parse of the file depends on: the file and the options it is read with. */
function recordsKey(source: DatasetSource, path: string): string {
  return JSON.stringify([path, source.format, source.gzip ?? false, source.csv ?? null, source.jsonPath ?? null, source.columns ?? null, source.binary ?? false]);
}

function recordsOf(source: DatasetSource, ctx: DatasetContext, path: string): Promise<readonly DatasetRecord[]> {
  const { signal } = ctx;
  const key = recordsKey(source, path);
  const records = parsedFiles.get(key, path, () =>
    parsedThroughDisk(
      path,
      key,
      async () => {
        const all: DatasetRecord[] = [];
        for await (const record of openRecords(source, { ...ctx, signal: undefined })) all.push(record);
        return all;
      },
      PARSED_BUDGET_BYTES,
    ),
  );
  return signal ? abortable(records, signal) : records;
}

function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  signal.throwIfAborted();
  return new Promise<T>((resolvePromise, rejectPromise) => {
    const onAbort = (): void => rejectPromise(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolvePromise, rejectPromise).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function checkSource(source: DatasetSource): void {
  if (source.format === 'parquet' && source.gzip) {
    throw new Error(`Dataset source ${source.url}: parquet files compress internally; gzip does not apply`);
  }
  if (source.format !== 'parquet' && source.columns) {
    throw new Error(`Dataset source ${source.url}: columns selects parquet columns; it does not apply to ${source.format}`);
  }
  if (source.format !== 'parquet' && source.binary) {
    throw new Error(`Dataset source ${source.url}: binary keeps parquet byte arrays as bytes; it does not apply to ${source.format}`);
  }
}

function parse(source: DatasetSource, path: string): AsyncGenerator<DatasetRecord> {
  switch (source.format) {
    case 'parquet':
      return parquetRecords(path, source.columns, source.binary ?? false);
    case 'csv':
    case 'tsv':
      return delimitedRecords(open(path, source.gzip), source.format, source.csv);
    case 'jsonl':
      return jsonlRecords(open(path, source.gzip));
    case 'json':
      return jsonRecords(open(path, source.gzip), source.jsonPath);
  }
}

/**
 * Read size of a file being parsed. Each chunk is parsed in one go on the event loop, between reads, holding up the
 * process's other work (a worker's other runs) meanwhile: on MMLU's CSV, 16 KB take ≈ 1.4 ms of CPU (at worst 12 ms,
 * cold), the default 64 KB ≈ 4.7 ms (at worst 28 ms).
 */
const PARSE_CHUNK_BYTES = 16 * 1024;

function open(path: string, gzip = false): Readable {
  const file = createReadStream(path, { highWaterMark: PARSE_CHUNK_BYTES });
  return gzip ? pipeline(file, createGunzip(), () => undefined) : file;
}
