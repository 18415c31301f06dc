import { ERROR_STATUS, type ErrorCode } from '@studio/contracts';
import { InvalidRunRequest } from '@studio/run-intake';

/** The one error type handlers throw; the error handler renders it as `{detail, code}`. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    options: {
      status?: number;
      fields?: { field: string; message: string }[];
      rows?: { line: number; reason: string }[];
      headers?: Record<string, string>;
    } = {},
  ) {
    super(detail);
    this.name = 'AppError';
    this.status = options.status ?? ERROR_STATUS[code];
    this.fields = options.fields;
    this.rows = options.rows;
    this.headers = options.headers;
  }
  readonly fields?: { field: string; message: string }[];
  readonly rows?: { line: number; reason: string }[];
  readonly headers?: Record<string, string>;
}

export const notFound = (what: string) => new AppError('RESOURCE_NOT_FOUND', `${what} not found`);
export const validationError = (field: string, message: string) =>
  new AppError('VALIDATION_ERROR', `${field}: ${message}`, { fields: [{ field, message }] });

/**
 * `produce()`, with a run request the intake refused (`InvalidRunRequest`, sync or async) answered as
 * VALIDATION_ERROR naming the field.
 */
export function refusedRunRequest<T>(produce: () => T): T {
  const asAppError = (err: unknown): never => {
    throw err instanceof InvalidRunRequest ? validationError(err.field, err.reason) : err;
  };
  try {
    const value = produce();
    return (value instanceof Promise ? value.catch(asAppError) : value) as T;
  } catch (err) {
    return asAppError(err);
  }
}
