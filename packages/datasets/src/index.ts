export { cachePathFor } from './cache-path.util';
export { fetchToCache } from './dataset-download.service';
export { loadLeadingRecords, loadRecords, openRecords } from './dataset-records.service';
export type { LeadingRecords } from './parsed-records.disk-cache';
export { DatasetFetchError, DatasetParseError, DatasetUnavailableError } from './dataset.errors';
export type { DatasetFetchFailure } from './dataset.errors';
export type { CsvOptions, DatasetContext, DatasetFormat, DatasetRecord, DatasetSource } from './dataset.types';
export { hfFileUrl } from './hugging-face.util';
