/** Python's `json` module and value semantics for JSON values, as the ported scorers and solvers meet them. */

/**
 * Python `json.dumps(value, indent=2)`: `ensure_ascii` escapes every non-ASCII UTF-16 unit as `\uXXXX`. A float with a
 * whole value (`3.0` in Python) is written as `3`: JSON.parse does not keep the difference.
 */
export function pyJsonDumpsIndented(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `json.loads(text)`, or `undefined` where it raises `JSONDecodeError` (Python also takes `NaN`/`Infinity`, JSON.parse does not). */
export function pyJsonLoads(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export const isJsonObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Python's type name of a parsed JSON value (a whole number reads as `int`). */
export function pyTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'string') return 'str';
  return Array.isArray(value) ? 'list' : 'dict';
}

/** Python `a == b` on JSON values: `True == 1` and `False == 0`, lists and dicts compared element by element. */
export function pyEquals(a: unknown, b: unknown): boolean {
  const numeric = (v: unknown) => typeof v === 'number' || typeof v === 'boolean';
  if (numeric(a) && numeric(b)) return Number(a) === Number(b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => pyEquals(item, b[i]));
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && pyEquals(a[key], b[key]));
  }
  return (a ?? null) === (b ?? null);
}
