import type { ErrorBody } from './types';

/** An error answer of the API (`{detail, code, fields?}`), or a failure to reach it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorBody['code'] | 'NETWORK_ERROR' | 'BAD_RESPONSE',
    detail: string,
    readonly fields: { field: string; message: string }[] = [],
  ) {
    super(detail);
    this.name = 'ApiError';
  }
}

const isErrorBody = (body: unknown): body is ErrorBody =>
  typeof body === 'object' && body !== null && typeof (body as ErrorBody).detail === 'string';

/** Turns an error response into an ApiError; bodies that are not the API's (a proxy's 502 page) get a plain message. */
export function toApiError(status: number, body: unknown): ApiError {
  if (isErrorBody(body)) return new ApiError(status, body.code ?? 'BAD_RESPONSE', body.detail, body.fields ?? []);
  if (status === 502 || status === 503 || status === 504) {
    return new ApiError(status, 'BAD_RESPONSE', `The Studio API is not answering (HTTP ${status}). Is the gateway running?`);
  }
  return new ApiError(status, 'BAD_RESPONSE', `The Studio API answered HTTP ${status} without an explanation.`);
}

/** A readable sentence for any error a query or mutation can throw. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.fields.length) return `${error.message}: ${error.fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`;
    return error.message;
  }
  if (error instanceof TypeError) return 'Cannot reach the Studio API. Check your connection and that the gateway is running.';
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong.';
}

/**
 * The message of a field in a validation error, for showing next to that control: the field's own, under a prefix
 * (`template.model`, `pairs[…].model`), or one of its members' (`task_args.split` is the task arguments' control).
 */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.fields.find((f) => `.${f.field}.`.includes(`.${field}.`))?.message;
}
