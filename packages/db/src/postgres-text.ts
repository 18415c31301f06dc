/**
 * PostgreSQL text and jsonb cannot hold U+0000, which model output can contain: such characters are
 * stored as U+FFFD (the replacement character) instead of failing the write.
 */
const NUL = '\u0000';

export function postgresText(value: string): string {
  return value.includes(NUL) ? value.replaceAll(NUL, '\uFFFD') : value;
}

function withoutNul(value: unknown): unknown {
  if (typeof value === 'string') return postgresText(value);
  if (Array.isArray(value)) return value.map(withoutNul);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [postgresText(k), withoutNul(v)]));
  }
  return value;
}

/** JSON text for a jsonb column; the cleaning pass only runs for the rare value that holds a NUL. */
export function postgresJson(value: unknown): string {
  const json = JSON.stringify(value);
  return json.includes('\\u0000') ? JSON.stringify(withoutNul(JSON.parse(json))) : json;
}

/** jsonb's order of object keys: shorter keys first, then by their UTF-8 bytes. */
function jsonbKeyOrder(a: string, b: string): number {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length - y.length || Buffer.compare(x, y);
}

function inJsonbKeyOrder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(inJsonbKeyOrder);
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value).sort(jsonbKeyOrder);
  const record = value as Record<string, unknown>;
  return Object.fromEntries(keys.map((k) => [k, inJsonbKeyOrder(record[k])]));
}

/**
 * `value` as a jsonb column written with `postgresJson` gives it back: what JSON keeps (no undefined, NaN as null),
 * NULs replaced, and object keys in jsonb's order, so a computation over it matches one over the read-back column.
 */
export function asStoredJson(value: unknown): unknown {
  return inJsonbKeyOrder(JSON.parse(postgresJson(value)));
}
