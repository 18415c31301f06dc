/**
 * The uploaded file, read as it arrives: its bytes are split into lines, each checked to be UTF-8 (so a refusal
 * names the line), and parsed as CSV (csv-parse, streaming) or JSON Lines. Nothing holds more than one line.
 */
import { isUtf8 } from 'node:buffer';
import { Readable, pipeline } from 'node:stream';
import { parse } from 'csv-parse';
import type { RowValues } from './dataset-row.mapper';

/** The whole upload is refused (not one row): 413 for size, 422 for the rest. */
export class UploadRefused extends Error {
  constructor(
    readonly status: 413 | 422,
    message: string,
  ) {
    super(message);
  }
}

/** A data row with its values, or why it cannot be read; `line` is where it ends in the file, from 1. */
export type UploadedRow = { line: number; values: RowValues } | { line: number; error: string };

export interface UploadFormat {
  format: 'csv' | 'jsonl';
  maxBytes: number;
  /** Columns a CSV header must have. */
  requiredColumns: readonly string[];
}

/** A row longer than this is refused: one line is all the parser holds at once. */
const MAX_LINE_BYTES = 4 * 1024 * 1024;
const NEWLINE = 0x0a;

function mib(bytes: number): string {
  return `${bytes / (1024 * 1024)} MB`;
}

/** Counts what was read, so the caller knows the size of a file it read to the end. */
export class ByteCount {
  bytes = 0;
}

async function* utf8Lines(body: AsyncIterable<Buffer>, maxBytes: number, count: ByteCount): AsyncGenerator<string> {
  let parts: Buffer[] = [];
  let partBytes = 0;
  let line = 0;
  const decoded = (bytes: Buffer): string => {
    line += 1;
    if (!isUtf8(bytes)) throw new UploadRefused(422, `line ${line} is not valid UTF-8: upload the file encoded as UTF-8`);
    return bytes.toString('utf8');
  };
  for await (const chunk of body) {
    count.bytes += chunk.length;
    if (count.bytes > maxBytes) throw new UploadRefused(413, `The file is larger than ${mib(maxBytes)}`);
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      const piece = chunk.subarray(start, end + 1);
      yield decoded(parts.length === 0 ? piece : Buffer.concat([...parts, piece]));
      parts = [];
      partBytes = 0;
      start = end + 1;
    }
    if (start < chunk.length) {
      // Copied: a slice would keep the whole chunk alive.
      parts.push(Buffer.from(chunk.subarray(start)));
      partBytes += chunk.length - start;
      if (partBytes > MAX_LINE_BYTES) throw new UploadRefused(422, `line ${line + 1} is longer than ${mib(MAX_LINE_BYTES)}`);
    }
  }
  if (partBytes > 0) yield decoded(Buffer.concat(parts));
}

interface CsvRecord {
  record: string[];
  info: { lines: number };
}

async function* csvRows(lines: AsyncIterable<string>, required: readonly string[]): AsyncGenerator<UploadedRow> {
  // A quoted field may span lines: the record size bounds what the parser holds, as the line size does for lines.
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true, max_record_size: MAX_LINE_BYTES });
  let failure: unknown;
  // pipeline: an error of the reader (size, encoding) ends the iteration with that error.
  pipeline(Readable.from(lines), parser, (error) => {
    failure = error;
  });
  let header: Map<string, number> | undefined;
  try {
    for await (const { record, info } of parser as AsyncIterable<CsvRecord>) {
      if (header === undefined) {
        header = new Map(record.map((name, index) => [name.trim(), index]));
        const missing = required.filter((column) => !header!.has(column));
        if (missing.length > 0) {
          throw new UploadRefused(422, `The CSV header has no column ${missing.map((c) => `"${c}"`).join(', ')}; it has ${record.map((c) => `"${c}"`).join(', ')}`);
        }
        continue;
      }
      if (record.length !== header.size) {
        yield { line: info.lines, error: `has ${record.length} fields; the header has ${header.size}` };
        continue;
      }
      const columns = header;
      yield { line: info.lines, values: (column) => { const index = columns.get(column); return index === undefined ? undefined : record[index]; } };
    }
  } catch (error) {
    throw failure instanceof UploadRefused ? failure : csvRefusal(error);
  }
  if (failure instanceof UploadRefused) throw failure;
  if (header === undefined) throw new UploadRefused(422, 'The file is empty: a CSV file starts with a header line naming its columns');
}

function csvRefusal(error: unknown): unknown {
  if (error instanceof UploadRefused) return error;
  const csv = error as { code?: string; lines?: number; message?: string };
  if (typeof csv.code === 'string' && csv.code.startsWith('CSV_')) return new UploadRefused(422, `The file is not valid CSV at line ${csv.lines ?? '?'}: ${csv.message}`);
  return error;
}

async function* jsonlRows(lines: AsyncIterable<string>): AsyncGenerator<UploadedRow> {
  let line = 0;
  for await (const raw of lines) {
    line += 1;
    const text = (line === 1 ? raw.replace(/^\uFEFF/, '') : raw).trim();
    if (text === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      yield { line, error: `not valid JSON (${(error as Error).message})` };
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      yield { line, error: 'must be a JSON object' };
      continue;
    }
    const record = value as Record<string, unknown>;
    yield { line, values: (column) => (Object.hasOwn(record, column) ? record[column] : undefined) };
  }
}

/** The data rows of an uploaded file, in order, as they are read. */
export function uploadedRows(body: AsyncIterable<Buffer>, spec: UploadFormat, count: ByteCount): AsyncGenerator<UploadedRow> {
  const lines = utf8Lines(body, spec.maxBytes, count);
  return spec.format === 'csv' ? csvRows(lines, spec.requiredColumns) : jsonlRows(lines);
}
