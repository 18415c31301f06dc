/**
 * Private datasets: an upload is read as it arrives and its rows are inserted in one transaction, which is rolled
 * back when any row (or the file) is refused, so nothing is stored unless the whole file is valid. Every operation
 * sees the caller's datasets only: another user's is "not found".
 */
import {
  customBenchmarkName,
  DATASET_KINDS,
  DATASET_LIMITS,
  DATASET_SLUG,
  type DatasetColumns,
  type DatasetKind,
  type DatasetRow,
} from '@studio/contracts';
import {
  deleteDatasetUnlessInUse,
  finishDatasetUpload,
  findDataset,
  insertDataset,
  insertDatasetRows,
  listDatasetRows,
  listDatasets,
  type DatasetRecord,
  type NewDatasetRow,
} from '@studio/db';
import { parseModelId } from '@studio/providers';
import { RateLimiter } from '../auth/rate-limiter';
import type { AppDeps } from '../deps';
import { AppError, validationError } from '../errors/app-error';
import { mappedColumns, RowError, toDatasetRow } from './dataset-row.mapper';
import { ByteCount, UploadRefused, uploadedRows } from './dataset-upload.parser';
import type { DatasetDetail, DatasetKindName, DatasetListResponse, DatasetSchemaField, DatasetSummary } from './dataset.types';

/** The query parameters of `POST /api/datasets`. */
export interface DatasetUploadParams {
  name?: string;
  slug?: string;
  kind?: string;
  question?: string;
  answer?: string;
  choices?: string;
  choice_columns?: string;
  group?: string;
  grader_model?: string;
  rubric?: string;
}

/** The uploaded file: the request's headers and its body as it arrives. */
export interface UploadBody {
  headers: Record<string, string | string[] | undefined>;
  chunks: AsyncIterable<Buffer>;
}

const INSERT_BATCH = 1000;
const MAX_RUBRIC = 10_000;
const MAX_NAME = 200;

const FORMATS: Record<string, 'csv' | 'jsonl'> = {
  'text/csv': 'csv',
  'application/csv': 'csv',
  'application/x-ndjson': 'jsonl',
  'application/jsonl': 'jsonl',
  'application/jsonlines': 'jsonl',
  'application/x-jsonlines': 'jsonl',
};

function formatOf(contentType: string | string[] | undefined): 'csv' | 'jsonl' {
  const [type, ...params] = String(contentType ?? '').split(';');
  const format = FORMATS[type.trim().toLowerCase()];
  if (!format) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Upload the file as the body, with Content-Type text/csv or application/x-ndjson (JSON Lines)');
  const charset = params.map((p) => /^\s*charset\s*=\s*"?([^";\s]*)/i.exec(p)?.[1]?.toLowerCase()).find(Boolean);
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Datasets must be UTF-8 (got charset ${charset})`);
  return format;
}

function required(field: string, value: string | undefined): string {
  const trimmed = value?.trim();
  if (!trimmed) throw validationError(field, 'is required');
  return trimmed;
}

function slugOf(params: DatasetUploadParams, name: string): string {
  const slug =
    params.slug?.trim() ||
    name
      .toLowerCase()
      .replace(/[^a-z0-9_-]+/g, '-')
      .replace(/^[-_]+|[-_]+$/g, '')
      .slice(0, 64)
      .replace(/[-_]+$/, '');
  if (!DATASET_SLUG.test(slug)) throw validationError('slug', `"${slug}" must be 1-64 lower-case letters, digits, "-" or "_", starting and ending with a letter or digit`);
  return slug;
}

function columnsOf(kind: DatasetKind, params: DatasetUploadParams): DatasetColumns {
  const columns: DatasetColumns = { question: required('question', params.question), answer: required('answer', params.answer) };
  const choices = params.choices?.trim();
  const choiceColumns = params.choice_columns?.split(',').map((c) => c.trim());
  if (kind === 'multiple_choice') {
    if ((choices === undefined || choices === '') === (choiceColumns === undefined))
      throw validationError('choices', 'give either choices (one column with the list) or choice_columns (one column per choice, comma-separated)');
    if (choices) columns.choices = choices;
    if (choiceColumns) {
      if (choiceColumns.length < 2 || choiceColumns.length > 26 || choiceColumns.some((c) => c === ''))
        throw validationError('choice_columns', 'name 2 to 26 columns, comma-separated');
      columns.choice_columns = choiceColumns;
    }
  } else if (choices || choiceColumns) {
    throw validationError('choices', `a ${kind} dataset has no choices`);
  }
  const group = params.group?.trim();
  if (group) columns.group = group;
  return columns;
}

function graderOf(kind: DatasetKind, params: DatasetUploadParams): { grader_model: string | null; rubric: string | null } {
  const grader = params.grader_model?.trim();
  const rubric = params.rubric?.trim() || null;
  if (kind !== 'model_graded') {
    if (grader || rubric) throw validationError(grader ? 'grader_model' : 'rubric', `a ${kind} dataset is not model-graded`);
    return { grader_model: null, rubric: null };
  }
  if (!grader) throw validationError('grader_model', 'a model_graded dataset needs its grader, as provider/model');
  let graderModel: string;
  try {
    const { provider, model } = parseModelId(grader);
    graderModel = `${provider}/${model}`;
  } catch {
    throw validationError('grader_model', `"${grader}" is not of the form provider/model`);
  }
  if (rubric && rubric.length > MAX_RUBRIC) throw validationError('rubric', `must be at most ${MAX_RUBRIC} characters`);
  return { grader_model: graderModel, rubric };
}

function schemaOf(kind: DatasetKind, columns: DatasetColumns): DatasetSchemaField[] {
  const answerType: Record<DatasetKind, DatasetSchemaField['type']> = {
    multiple_choice: 'letter',
    exact_match: 'texts',
    f1: 'texts',
    numeric: 'integer',
    model_graded: 'text',
  };
  const choices = columns.choice_columns ?? (columns.choices ? [columns.choices] : undefined);
  return [
    { field: 'question', columns: [columns.question], type: 'text' },
    ...(choices ? [{ field: 'choices' as const, columns: choices, type: 'texts' as const }] : []),
    { field: 'answer', columns: [columns.answer], type: answerType[kind] },
    ...(columns.group ? [{ field: 'group' as const, columns: [columns.group], type: 'text' as const }] : []),
  ];
}

function summaryOf(d: DatasetRecord): DatasetSummary {
  return {
    dataset_id: d.dataset_id,
    slug: d.slug,
    benchmark: customBenchmarkName(d.slug),
    name: d.name,
    kind: d.kind as DatasetKindName,
    format: d.format,
    row_count: d.row_count,
    has_groups: d.has_groups,
    size_bytes: Number(d.size_bytes),
    grader_model: d.grader_model,
    rubric: d.rubric,
    created_at: d.created_at.toISOString(),
  };
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === '23505';
}

/** A dataset id that is not a UUID names nothing (and must not reach a uuid column). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The outcome of reading every row: what is stored, or the refused rows (the first 100) and how many there were. */
class RejectedRows extends Error {
  constructor(
    readonly rows: { line: number; reason: string }[],
    readonly total: number,
  ) {
    super('rejected rows');
  }
}

export class DatasetService {
  private readonly limiter: RateLimiter;
  constructor(private readonly deps: AppDeps) {
    this.limiter = new RateLimiter(deps.redis, deps.config.redisPrefix);
  }

  async upload(userId: string, body: UploadBody, params: DatasetUploadParams): Promise<DatasetDetail> {
    const name = required('name', params.name);
    if (name.length > MAX_NAME) throw validationError('name', `must be at most ${MAX_NAME} characters`);
    const kind = required('kind', params.kind) as DatasetKind;
    if (!DATASET_KINDS.includes(kind)) throw validationError('kind', `must be one of ${DATASET_KINDS.join(', ')}`);
    const columns = columnsOf(kind, params);
    const grading = graderOf(kind, params);
    const slug = slugOf(params, name);
    const format = formatOf(body.headers['content-type']);
    const declared = Number(body.headers['content-length']);
    if (declared > DATASET_LIMITS.maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${DATASET_LIMITS.maxBytes / (1024 * 1024)} MB`);
    const { datasetsPerUser, windowSeconds } = this.deps.config.rateLimits;
    await this.limiter.hit([{ key: `datasets:user:${userId}`, limit: datasetsPerUser, windowSeconds, what: 'dataset uploads' }]);

    const count = new ByteCount();
    try {
      const stored = await this.deps.db.transaction().execute(async (trx) => {
        const dataset = await insertDataset(trx, { user_id: userId, slug, name, kind, format, columns, ...grading });
        const rejected: { line: number; reason: string }[] = [];
        let rejectedTotal = 0;
        let rows = 0;
        let batch: NewDatasetRow[] = [];
        const rows$ = uploadedRows(body.chunks, { format, maxBytes: DATASET_LIMITS.maxBytes, requiredColumns: mappedColumns(columns) }, count);
        for await (const item of rows$) {
          rows += 1;
          if (rows > DATASET_LIMITS.maxRows) throw new UploadRefused(422, `The file has more than ${DATASET_LIMITS.maxRows.toLocaleString('en-US')} rows`);
          let row: DatasetRow | undefined;
          if ('error' in item) {
            rejectedTotal += 1;
            if (rejected.length < DATASET_LIMITS.reportedErrors) rejected.push({ line: item.line, reason: item.error });
          } else {
            try {
              row = toDatasetRow(kind, columns, item.values);
            } catch (error) {
              if (!(error instanceof RowError)) throw error;
              rejectedTotal += 1;
              if (rejected.length < DATASET_LIMITS.reportedErrors) rejected.push({ line: item.line, reason: error.message });
            }
          }
          // Once a row is refused nothing will be kept: the rest is only read for its errors.
          if (row === undefined || rejectedTotal > 0) continue;
          batch.push({ dataset_id: dataset.dataset_id, idx: rows - 1, line: item.line, data: row });
          if (batch.length >= INSERT_BATCH) {
            await insertDatasetRows(trx, batch);
            batch = [];
          }
        }
        if (rejectedTotal > 0) throw new RejectedRows(rejected, rejectedTotal);
        if (rows === 0) throw new UploadRefused(422, 'The file has no rows');
        await insertDatasetRows(trx, batch);
        return finishDatasetUpload(trx, dataset.dataset_id, { row_count: rows, has_groups: columns.group !== undefined, size_bytes: count.bytes });
      });
      this.deps.logger.info('dataset uploaded', { user_id: userId, dataset_id: stored.dataset_id, kind, rows: stored.row_count, bytes: count.bytes });
      return this.detail(stored);
    } catch (error) {
      throw uploadError(error, slug);
    }
  }

  async list(userId: string): Promise<DatasetListResponse> {
    return { datasets: (await listDatasets(this.deps.db, userId)).map(summaryOf) };
  }

  async get(userId: string, datasetId: string): Promise<DatasetDetail> {
    return this.detail(await this.owned(userId, datasetId));
  }

  async delete(userId: string, datasetId: string): Promise<void> {
    if (!UUID.test(datasetId)) throw notFound();
    const outcome = await deleteDatasetUnlessInUse(this.deps.db, userId, datasetId);
    if (outcome === 'not_found') throw notFound();
    if (outcome === 'in_use') throw new AppError('DATASET_IN_USE', 'A run of this dataset is queued or running; cancel it or wait until it ends, then delete the dataset');
  }

  private async owned(userId: string, datasetId: string): Promise<DatasetRecord> {
    const dataset = UUID.test(datasetId) ? await findDataset(this.deps.db, userId, datasetId) : undefined;
    if (!dataset) throw notFound();
    return dataset;
  }

  private async detail(dataset: DatasetRecord): Promise<DatasetDetail> {
    const preview = await listDatasetRows(this.deps.db, dataset.dataset_id, { offset: 0, limit: DATASET_LIMITS.previewRows });
    return {
      ...summaryOf(dataset),
      columns: dataset.columns,
      schema: schemaOf(dataset.kind, dataset.columns),
      preview: preview.map((row) => ({ line: row.line, ...row.data })),
    };
  }
}

const notFound = () => new AppError('DATASET_NOT_FOUND', 'Dataset not found');

function uploadError(error: unknown, slug: string): unknown {
  if (error instanceof RejectedRows) {
    const listed = error.rows.length < error.total ? ` (the first ${error.rows.length} are listed)` : '';
    return new AppError('VALIDATION_ERROR', `${error.total} row${error.total === 1 ? ' is' : 's are'} invalid${listed}; nothing was stored`, { rows: error.rows });
  }
  if (error instanceof UploadRefused) return new AppError(error.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'VALIDATION_ERROR', `${error.message}; nothing was stored`);
  if (isUniqueViolation(error)) return validationError('slug', `you already have a dataset "${slug}" (custom/${slug}); choose another slug or delete it first`);
  return error;
}
