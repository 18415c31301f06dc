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
  const bytesA = Buffer.byteLength(a);
  const bytesB = Buffer.byteLength(b);
  if (bytesA !== bytesB) return bytesA - bytesB;
  // UTF-16 order is UTF-8 byte order for ASCII; not between surrogate pairs and U+E000–U+FFFF.
  if (bytesA === a.length && bytesB === b.length) return a < b ? -1 : a > b ? 1 : 0;
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

function inJsonbKeyOrder(value: unknown): unknown {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = inJsonbKeyOrder(value[i]);
    return value;
  }
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  let ordered = true;
  for (let i = 1; ordered && i < keys.length; i++) ordered = jsonbKeyOrder(keys[i - 1], keys[i]) < 0;
  if (ordered) {
    for (const key of keys) record[key] = inJsonbKeyOrder(record[key]);
    return record;
  }
  const sorted: Record<string, unknown> = {};
  for (const key of keys.sort(jsonbKeyOrder)) sorted[key] = inJsonbKeyOrder(record[key]);
  return sorted;
}

/** Whether jsonb gives `value` back as it is: plain data, finite numbers, no NUL, no undefined, keys in jsonb's order. */
function storedAsIs(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
      return !value.includes(NUL);
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'boolean':
      return true;
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) return value.every(storedAsIs);
      const proto: unknown = Object.getPrototypeOf(value);
      if ((proto !== Object.prototype && proto !== null) || 'toJSON' in value) return false;
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record);
      for (let i = 0; i < keys.length; i++) {
        if (keys[i].includes(NUL) || (i > 0 && jsonbKeyOrder(keys[i - 1], keys[i]) >= 0) || !storedAsIs(record[keys[i]])) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

/**
 * `value` as a jsonb column written with `postgresJson` gives it back: what JSON keeps (no undefined, NaN as null),
 * NULs replaced, and object keys in jsonb's order, so a computation over it matches one over the read-back column.
 * Plain data that jsonb keeps as it is (most scores) is answered itself, not copied: it must not be changed later.
 */
export function asStoredJson(value: unknown): unknown {
  return storedAsIs(value) ? value : inJsonbKeyOrder(JSON.parse(postgresJson(value)));
}
