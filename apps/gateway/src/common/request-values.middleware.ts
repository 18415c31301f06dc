import type { RequestHandler } from 'express';
import { validationError } from '../errors/app-error';

/**
 * Artifact paths keep their own guard, which refuses a NUL there like every other traversal probe (403), so
 * probes stay told apart from mistakes.
 */
const ARTIFACT_PATH = /^\/runs\/[^/]+\/(artifacts|eval-data)\//;
const NUL_MESSAGE = 'must not contain NUL characters (\\u0000)';
const INFINITE_MESSAGE = 'must be a finite number (JSON numbers beyond ±1.8e308 are not)';

interface Node {
  value: unknown;
  key: string | null;
  parent: Node | null;
}

function fieldName(node: Node): string {
  const keys: string[] = [];
  for (let n: Node | null = node; n?.key != null; n = n.parent) keys.push(n.key.replaceAll('\0', '\\u0000'));
  return keys.reverse().join('.') || 'body';
}

/**
 * The field (tsoa's naming: `tags.$1`, a query parameter's name) and the fault of the first string or key holding
 * a NUL or the first number JSON.parse made infinite (`1e400`), or null. Walks with an explicit stack and parent links: a 1 MB JSON body can nest half a million levels, more
 * than the call stack allows, and copying the path at each level would take quadratic time.
 */
function invalidField(root: unknown): { field: string; message: string } | null {
  const stack: Node[] = [{ value: root, key: null, parent: null }];
  for (let node = stack.pop(); node; node = stack.pop()) {
    const { value, key } = node;
    if (key?.includes('\0') || (typeof value === 'string' && value.includes('\0'))) return { field: fieldName(node), message: NUL_MESSAGE };
    if (typeof value === 'number' && !Number.isFinite(value)) return { field: fieldName(node), message: INFINITE_MESSAGE };
    if (value !== null && typeof value === 'object') {
      const entries = Array.isArray(value) ? value.map((v, i) => [`$${i}`, v] as const) : Object.entries(value);
      // Pushed last to first, so fields are visited (and the first NUL reported) in document order.
      for (let i = entries.length - 1; i >= 0; i--) stack.push({ value: entries[i][1], key: entries[i][0], parent: node });
    }
  }
  return null;
}

/**
 * Values no field of the API can hold, refused with 422 naming the field before routing and authentication, so
 * every endpoint is covered, anonymous ones too:
 * - NUL anywhere in the path, the query string or a JSON body (strings and keys): PostgreSQL text cannot hold
 *   U+0000, so one reaching a query would fail it with a 500.
 * - An infinite number in a JSON body: JSON.parse reads `1e400` as Infinity, which passes every min/max check
 *   and is stored as null (the option's default), so `{"limit": -1e400}` would start a run over the whole dataset.
 */
export const rejectUnrepresentableValues: RequestHandler = (req, _res, next) => {
  if (/%00/.test(req.path) && !ARTIFACT_PATH.test(req.path)) return next(validationError('path', NUL_MESSAGE));
  const invalid = invalidField(req.query) ?? invalidField(req.body);
  next(invalid === null ? undefined : validationError(invalid.field, invalid.message));
};
