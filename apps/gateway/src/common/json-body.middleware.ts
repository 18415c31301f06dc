import type { RequestHandler } from 'express';
import { AppError } from '../errors/app-error';

const CHARSET = /;\s*charset\s*=\s*"?([^";\s]*)/i;

/** A body is present when the client announced one: a non-zero Content-Length or a chunked transfer. */
function hasBody(headers: Record<string, string | string[] | undefined>): boolean {
  if (headers['transfer-encoding'] !== undefined) return true;
  const length = headers['content-length'];
  return typeof length === 'string' && length !== '0';
}

/** Bodies that are files, read as streams by their handler, which checks their type (`POST /api/datasets`). */
const FILE_BODIES = new Set(['POST /datasets']);

/**
 * Every request body of the API but an uploaded file is JSON in UTF-8 (RFC 8259 §8.1). Anything else is refused as 415 before parsing,
 * rather than parsed as an empty body (text/plain, which then fails validation as if fields were missing) or
 * decoded in a charset the client did not mean (UTF-16 of UTF-8 bytes is garbage that fails as invalid JSON).
 */
export const requireJsonBody: RequestHandler = (req, _res, next) => {
  if (!hasBody(req.headers) || FILE_BODIES.has(`${req.method} ${req.path}`)) return next();
  const type = req.headers['content-type'];
  if (!type || !req.is('application/json')) {
    return next(new AppError('UNSUPPORTED_MEDIA_TYPE', 'Request bodies must be JSON (Content-Type: application/json)'));
  }
  const charset = CHARSET.exec(type)?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    return next(new AppError('UNSUPPORTED_MEDIA_TYPE', `Request bodies must be UTF-8 JSON (got charset ${charset})`));
  }
  next();
};
