/** Error codes of the API contract (spec "Error Codes") plus the few this service adds. */
export const ERROR_STATUS = {
  RUN_STILL_RUNNING: 400,
  RUN_NOT_RUNNING: 400,
  AUTH_EMAIL_EXISTS: 400,
  AUTH_REQUIRED: 401,
  AUTH_INVALID_CREDENTIALS: 401,
  AUTHZ_FORBIDDEN: 403,
  /** A personal access token without the scope the operation needs (or an operation for browser sessions only). */
  TOKEN_SCOPE_INSUFFICIENT: 403,
  RESOURCE_NOT_FOUND: 404,
  RUN_NOT_FOUND: 404,
  APIKEY_NOT_FOUND: 404,
  DATASET_NOT_FOUND: 404,
  DATASET_IN_USE: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  VALIDATION_ERROR: 422,
  /** The benchmark needs a longer context than the model's known window. */
  CONTEXT_WINDOW_TOO_SMALL: 422,
  RATE_LIMITED: 429,
  SERVER_ERROR: 500,
  EXTERNAL_SERVICE_ERROR: 502,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** Wire shape of every error response. */
export interface ErrorBody {
  detail: string;
  code: ErrorCode;
  /** Offending fields, for VALIDATION_ERROR. */
  fields?: { field: string; message: string }[];
  /** Rejected rows of an upload (the first 100), for VALIDATION_ERROR of `POST /api/datasets`. */
  rows?: { line: number; reason: string }[];
}
