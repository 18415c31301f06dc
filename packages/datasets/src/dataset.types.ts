export type DatasetFormat = 'csv' | 'tsv' | 'jsonl' | 'json' | 'parquet';

export interface CsvOptions {
  /** `true`: the first row names the columns. `string[]`: the file has no header row; these are the names.
   *  `false`: no names; records are keyed by column index ("0", "1", ...). */
  header: boolean | string[];
  /** Defaults to `,` for csv and a tab for tsv. */
  delimiter?: string;
  /** Defaults to `"` for csv and to `false` (no quoting) for tsv, where a quote is ordinary text. */
  quote?: string | false;
}

/** One remote file of a benchmark and how to read its records. */
export interface DatasetSource {
  url: string;
  format: DatasetFormat;
  /** The file is gzip-compressed (e.g. `.jsonl.gz`). Not valid for parquet, which compresses internally. */
  gzip?: boolean;
  /** csv/tsv only; defaults to `{ header: true }`. */
  csv?: CsvOptions;
  /** json only: keys leading from the document root to the array of records (e.g. `['examples']`). */
  jsonPath?: string[];
  /** parquet only: the top-level columns records carry; the file's other columns are never read or decompressed.
   *  All columns when absent. */
  columns?: string[];
  /** parquet only: byte arrays without a string annotation (the `datasets` Image feature's `bytes`) stay
   *  `Uint8Array`s instead of being decoded as UTF-8 text. Columns annotated as strings are text either way. */
  binary?: boolean;
}

export interface DatasetContext {
  /** Root of the on-disk cache; the apps use `<DATA_DIR>/datasets`. */
  cacheDir: string;
  /** Never touch the network; a file missing from the cache is an error that says where to put it. */
  offline: boolean;
  /** Sent as a bearer token only to huggingface.co hosts, never to a CDN; to a mirror standing in for them only
   *  with `hfTokenToMirrors`. */
  hfToken?: string;
  /** Also send `hfToken` to a mirror of huggingface.co (see `mirrors`) whose base URL is https; never over plain
   *  http. Off by default: a mirror is another party. The apps read it from HF_TOKEN_TO_MIRRORS. */
  hfTokenToMirrors?: boolean;
  signal?: AbortSignal;
  /** Original origin (`https://huggingface.co`) → base URL to fetch from instead (`http://127.0.0.1:8080`).
   *  The cache path keeps the original host, so mirrored files land where offline mode looks. */
  mirrors?: Record<string, string>;
}

export type DatasetRecord = Record<string, unknown>;
