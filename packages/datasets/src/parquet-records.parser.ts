import type { DatasetRecord } from './dataset.types';

/**
 * Parquet records, streamed one row group at a time so memory holds one group, not the file. Only `columns` are
 * read and decompressed when given (a file's other columns may be far larger than the ones a task uses).
 * Pages may be compressed with any codec hub shards use (SNAPPY, GZIP, BROTLI, ZSTD, LZ4): hyparquet itself only
 * decodes SNAPPY, hyparquet-compressors the rest.
 * With `binary`, byte arrays that carry no string annotation (image bytes) stay bytes (hyparquet's `utf8: false`).
 * Both packages are ESM-only: `import()` stays a real dynamic import in the compiled CommonJS (module node16), and
 * jest turns it into a require of the transformed package.
 */
export async function* parquetRecords(path: string, columns?: string[], binary = false): AsyncGenerator<DatasetRecord> {
  const [{ asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema }, { compressors }] = await Promise.all([
    import('hyparquet'),
    import('hyparquet-compressors'),
  ]);
  const file = await asyncBufferFromFile(path);
  const metadata = await parquetMetadataAsync(file);
  if (columns) {
    const present = parquetSchema(metadata).children.map((child) => child.element.name);
    const missing = columns.filter((column) => !present.includes(column));
    // hyparquet would leave an unknown column out of every record without a word.
    if (missing.length > 0) throw new Error(`no column ${missing.join(', ')} in the file (it has ${present.join(', ')})`);
  }
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    const rows = await parquetReadObjects({ file, metadata, rowStart, rowEnd, columns, compressors, utf8: !binary });
    for (const row of rows) yield plain(row) as DatasetRecord;
    rowStart = rowEnd;
  }
}

/** int64 columns (HF stores labels and indexes as int64) arrive as bigint, which JSON.stringify rejects and `===`
 *  against a number never matches; safe integers become numbers. */
function plain(value: unknown): unknown {
  if (typeof value === 'bigint') {
    return value >= Number.MIN_SAFE_INTEGER && value <= Number.MAX_SAFE_INTEGER ? Number(value) : value;
  }
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plain(item)]));
  }
  return value;
}
