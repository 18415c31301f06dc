import { Controller, Delete, Get, OperationId, Path, Post, Query, Request, Response, Route, Security, SuccessResponse, Tags } from '@tsoa/runtime';
import type { Request as ExRequest } from 'express';
import type { ErrorBody } from '@studio/contracts';
import type { AuthUser } from '../auth/jwt';
import type { AppDeps } from '../deps';
import { DatasetService } from './dataset.service';
import type { DatasetDetail, DatasetKindName, DatasetListResponse } from './dataset.types';
import { READ, RUN } from '../auth/token-scopes';

const userId = (req: ExRequest) => (req.user as AuthUser).user_id;

@Route('datasets')
@Tags('Datasets')
export class DatasetController extends Controller {
  private readonly service: DatasetService;
  constructor(deps: AppDeps) {
    super();
    this.service = new DatasetService(deps);
  }

  /**
   * Upload a private dataset: the file is the request body (`Content-Type: text/csv` with a header line, or
   * `application/x-ndjson` for JSON Lines, UTF-8, at most 50 MB and 200,000 rows), read as it arrives. The query
   * names its kind and maps its columns. Nothing is stored unless every row is valid: a refusal lists each bad
   * row (the first 100) with its line and reason in `rows`. The dataset then runs as the benchmark
   * `custom/<slug>` (`POST /api/runs`), for you only. Rate limited per user (`RATE_LIMIT_DATASETS_PER_USER`).
   * @param name Display name (1-200 characters).
   * @param kind `multiple_choice`, `exact_match`, `f1`, `numeric` or `model_graded`: the prompt template and scorer.
   * @param question Column of the question.
   * @param answer Column of the answer: a letter (A, B, …) or a choice index from 0 (multiple_choice); the accepted answers, a list or texts separated by `|` (exact_match, f1); a non-negative integer (numeric); the reference answer (model_graded).
   * @param slug The dataset's name in `custom/<slug>` (lower-case letters, digits, `-`, `_`); default: from `name`.
   * @param choices multiple_choice: the column holding the list of choices (a JSON list; in CSV its JSON text).
   * @param choice_columns multiple_choice: one column per choice, comma-separated, in letter order (e.g. `A,B,C,D`).
   * @param group Optional column naming each row's group: runs report metrics per group.
   * @param grader_model model_graded: the grader (`provider/model`) when a run names none.
   * @param rubric model_graded: grading criteria, put before the grader's instructions (at most 10,000 characters).
   * @summary Upload a private dataset
   */
  @Post()
  @Security('jwt', [RUN])
  @SuccessResponse(201, 'Stored')
  @Response<ErrorBody>(401, 'AUTH_REQUIRED')
  @Response<ErrorBody>(403, 'TOKEN_SCOPE_INSUFFICIENT')
  @Response<ErrorBody>(413, 'PAYLOAD_TOO_LARGE: more than 50 MB; nothing was stored')
  @Response<ErrorBody>(415, 'UNSUPPORTED_MEDIA_TYPE: not text/csv or application/x-ndjson, or a charset other than UTF-8')
  @Response<ErrorBody>(429, 'RATE_LIMITED: more than RATE_LIMIT_DATASETS_PER_USER uploads in the window (see Retry-After)')
  @Response<ErrorBody>(
    422,
    'VALIDATION_ERROR: a parameter (names the field; a slug you already use), the file (not UTF-8, a mapped column missing from the CSV header, more than 200,000 rows, no rows, broken CSV quoting), or its rows (`rows`: line and reason of the first 100); nothing was stored',
  )
  @OperationId('createDataset')
  public async upload(
    @Request() req: ExRequest,
    @Query() name: string,
    @Query() kind: DatasetKindName,
    @Query() question: string,
    @Query() answer: string,
    @Query() slug?: string,
    @Query() choices?: string,
    @Query() choice_columns?: string,
    @Query() group?: string,
    @Query() grader_model?: string,
    @Query() rubric?: string,
  ): Promise<DatasetDetail> {
    // Read without destroying the request on an early refusal, so the client still gets the answer.
    const body = { headers: req.headers, chunks: req.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer> };
    try {
      const created = await this.service.upload(userId(req), body, { name, kind, question, answer, slug, choices, choice_columns, group, grader_model, rubric });
      this.setStatus(201);
      return created;
    } finally {
      // What was not read (after a refusal) is discarded.
      if (!req.readableEnded) req.resume();
    }
  }

  /**
   * Your datasets, newest first.
   * @summary List your datasets
   */
  @Get()
  @Security('jwt', [READ])
  @Response<ErrorBody>(401, 'AUTH_REQUIRED')
  @Response<ErrorBody>(403, 'TOKEN_SCOPE_INSUFFICIENT')
  @OperationId('listDatasets')
  public async list(@Request() req: ExRequest): Promise<DatasetListResponse> {
    return this.service.list(userId(req));
  }

  /**
   * One of your datasets: kind, column mapping, schema, row count and its first 20 rows. Another user's is not found.
   * @summary Get a dataset
   */
  @Get('{dataset_id}')
  @Security('jwt', [READ])
  @Response<ErrorBody>(401, 'AUTH_REQUIRED')
  @Response<ErrorBody>(403, 'TOKEN_SCOPE_INSUFFICIENT')
  @Response<ErrorBody>(404, 'DATASET_NOT_FOUND (also for another user\'s dataset)')
  @OperationId('getDataset')
  public async get(@Path() dataset_id: string, @Request() req: ExRequest): Promise<DatasetDetail> {
    return this.service.get(userId(req), dataset_id);
  }

  /**
   * Delete one of your datasets with its rows. Runs of it stay; refused while one is queued or running.
   * @summary Delete a dataset
   */
  @Delete('{dataset_id}')
  @Security('jwt', [RUN])
  @SuccessResponse(204, 'Deleted')
  @Response<ErrorBody>(401, 'AUTH_REQUIRED')
  @Response<ErrorBody>(403, 'TOKEN_SCOPE_INSUFFICIENT')
  @Response<ErrorBody>(404, 'DATASET_NOT_FOUND (also for another user\'s dataset)')
  @Response<ErrorBody>(409, 'DATASET_IN_USE: a run of it is queued or running')
  @OperationId('deleteDataset')
  public async remove(@Path() dataset_id: string, @Request() req: ExRequest): Promise<void> {
    await this.service.delete(userId(req), dataset_id);
    this.setStatus(204);
  }
}
