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

/**
 * tsoa reports a value that fits no member of a union (`string | null` with a @maxLength, say) as its internal
 * issue list, values included. The client only needs what the non-null members asked for.
 */
function unionMessage(message: string): string {
  if (!message.startsWith(UNION_FAILURE)) return message;
  try {
    const issues = JSON.parse(message.slice(UNION_FAILURE.length)) as Record<string, { message?: unknown }>[];
    const wanted = issues.flatMap((issue) => Object.values(issue).map((f) => f.message)).filter((m): m is string => typeof m === 'string' && m !== NULL_BRANCH);
    return wanted.length > 0 ? [...new Set(wanted.map(unionMessage))].join(' or ') : 'invalid value';
  } catch {
    return 'invalid value';
  }
}

function fromValidateError(err: ValidateError): AppError {
  const fields = Object.entries(err.fields).map(([path, f]) => ({
    field: path.replace(/^(requestBody|body)\.?/, '') || 'body',
    message: unionMessage(f.message).replace(/^'([^']+)' is an excess property.*$/, 'unknown field "$1" is not allowed'),
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
