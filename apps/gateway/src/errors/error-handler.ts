import { ValidateError } from '@tsoa/runtime';
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import type { ErrorBody } from '@studio/contracts';
import type { Logger } from '@studio/runtime';
import { AppError } from './app-error';

interface HttpParserError {
  type?: string;
  status?: number;
  statusCode?: number;
}

const UNION_FAILURE = 'Could not match the union against any of the items. Issues: ';
const NULL_BRANCH = 'should be one of the following; [null]';

type TsoaFieldError = { message: string; value?: unknown };
interface FieldIssue {
  path: string;
  message: string;
}

/** tsoa's `invalid string value` says neither what was wanted nor what came; the JSON type is safe to echo. */
function fieldMessage(f: TsoaFieldError): string {
  if (f.message !== 'invalid string value') return f.message;
  const got = f.value === null ? 'null' : Array.isArray(f.value) ? 'an array' : typeof f.value === 'object' ? 'an object' : `a ${typeof f.value}`;
  return `must be a string, got ${got}`;
}

/**
 * tsoa reports a value that fits no member of a union (`string | null` with a @maxLength, say) as its internal
 * issue list, values included. The client only needs what the non-null members asked for, and where: when they
 * all point inside the value (`task_args: {subset: 5}` fails at `task_args.subset`), there, else at the union.
 */
function fieldIssues(path: string, f: TsoaFieldError): FieldIssue[] {
  if (!f.message.startsWith(UNION_FAILURE)) return [{ path, message: fieldMessage(f) }];
  let wanted: [string, TsoaFieldError][];
  try {
    const issues = JSON.parse(f.message.slice(UNION_FAILURE.length)) as Record<string, TsoaFieldError>[];
    wanted = issues.flatMap((issue) => Object.entries(issue)).filter(([, sub]) => typeof sub?.message === 'string' && sub.message !== NULL_BRANCH);
  } catch {
    return [{ path, message: 'invalid value' }];
  }
  if (wanted.length === 0) return [{ path, message: 'invalid value' }];
  if (wanted.every(([sub]) => sub.startsWith(`${path}.`))) {
    const inside = wanted.flatMap(([sub, subF]) => fieldIssues(sub, subF));
    return inside.filter((issue, i) => inside.findIndex((other) => other.path === issue.path && other.message === issue.message) === i);
  }
  const messages = wanted.flatMap(([sub, subF]) => fieldIssues(sub, subF).map((issue) => issue.message));
  return [{ path, message: [...new Set(messages)].join(' or ') }];
}

function fromValidateError(err: ValidateError): AppError {
  const fields = Object.entries(err.fields)
    .flatMap(([path, f]) => fieldIssues(path, f))
    .map(({ path, message }) => ({
      field: path.replace(/^(requestBody|body)\.?/, '') || 'body',
      message: message.replace(/^'([^']+)' is an excess property.*$/, 'unknown field "$1" is not allowed'),
    }));
  const detail = `Invalid request: ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`;
  return new AppError('VALIDATION_ERROR', detail, { fields });
}

function fromParserError(err: HttpParserError): AppError | null {
  switch (err.type) {
    case 'entity.parse.failed':
      return new AppError('VALIDATION_ERROR', 'Request body is not valid JSON');
    case 'entity.too.large':
      return new AppError('PAYLOAD_TOO_LARGE', 'Request body is too large');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', 'Unsupported request body encoding');
    default: {
      const status = err.status ?? err.statusCode;
      if (status && status >= 400 && status < 500) return new AppError('VALIDATION_ERROR', 'Malformed request', { status });
      return null;
    }
  }
}

function decodes(segment: string): boolean {
  try {
    decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

/**
 * Express could not decode a route parameter: a path segment that is not valid percent-encoding names nothing
 * that exists, so it is a 404 (not a malformed request): RUN_NOT_FOUND when it is the run id of a `/runs/{run_id}`
 * route, as for any malformed run id, RESOURCE_NOT_FOUND for any other segment.
 */
function fromPathDecodeError(req: Request): AppError {
  const runId = /^\/api\/runs\/([^/?]*)/.exec(req.originalUrl)?.[1];
  if (runId !== undefined && !decodes(runId)) return new AppError('RUN_NOT_FOUND', 'Run not found');
  return new AppError('RESOURCE_NOT_FOUND', 'Not found: the path is not valid percent-encoding');
}

/** The one error handler: every error becomes `{detail, code}`; internal errors are logged, never echoed. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    let appErr: AppError | null = null;
    if (err instanceof AppError) appErr = err;
    else if (err instanceof ValidateError) appErr = fromValidateError(err);
    else if (err instanceof URIError && (err as HttpParserError).status === 400) appErr = fromPathDecodeError(req);
    else if (err && typeof err === 'object') appErr = fromParserError(err as HttpParserError);

    if (!appErr) {
      const error = err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err);
      logger.error('unhandled error', { method: req.method, path: req.path, error });
      const rid = res.getHeader('X-Request-Id');
      appErr = new AppError('SERVER_ERROR', `Internal server error${rid ? ` (request id ${String(rid)})` : ''}`);
    } else if (appErr.status >= 500) {
      logger.warn('request failed', { code: appErr.code, detail: appErr.detail });
    }
    if (res.headersSent) return;
    const body: ErrorBody = { detail: appErr.detail, code: appErr.code };
    if (appErr.fields) body.fields = appErr.fields;
    if (appErr.rows) body.rows = appErr.rows;
    for (const [k, v] of Object.entries(appErr.headers ?? {})) res.setHeader(k, v);
    res.status(appErr.status).json(body);
  };
}

export const apiNotFound: RequestHandler = (req, _res, next) =>
  next(new AppError('RESOURCE_NOT_FOUND', `No such endpoint: ${req.method} ${req.baseUrl}${req.path}`));
