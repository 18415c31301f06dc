/**
 * The Python operations deep_research_bench applies to whatever JSON its judges return (`in`, iteration, `[]`,
 * `float()`, dict keys), with the exceptions Python raises: upstream turns their messages into the sample's
 * `fact_error` / `evaluation_error`, or retries on them, so a judge's odd answer must fail the same way here.
 */
import { parsePythonFloat } from '../../../scorers/python-float.util';
import { pyJsonDecodeErrorText, pyJsonLoads, PyJsonDecodeError, pyJsonStr, pyJsonTypeName, type PyDict, type PyJson } from '../../../scorers/python-json.util';
import { pyRepr } from '../../../scorers/python-text.util';

/** A Python exception: `kind` its class, `message` its `str()`. */
export class PyError extends Error {
  constructor(
    readonly kind: 'TypeError' | 'ValueError' | 'KeyError' | 'AttributeError' | 'OverflowError' | 'JSONDecodeError',
    message: string,
  ) {
    super(message);
  }
}

/** `str(e)` of anything a pipeline step threw. */
export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * `json.loads(text)`, decode errors as `JSONDecodeError` with Python's `str()` (CPython also refuses a leading BOM);
 * other errors (too many digits) as `ValueError`.
 */
export function jsonLoads(text: string): PyJson {
  if (text.startsWith('\ufeff')) throw new PyError('JSONDecodeError', 'Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)');
  try {
    return pyJsonLoads(text);
  } catch (error) {
    if (error instanceof PyJsonDecodeError) throw new PyError('JSONDecodeError', pyJsonDecodeErrorText(text, error));
    throw new PyError('ValueError', errorText(error));
  }
}

/** `json.loads(text)` under `except json.JSONDecodeError: pass`: `undefined` for a decode error, other errors raised. */
export function jsonLoadsOrUndefined(text: string): PyJson | undefined {
  try {
    return jsonLoads(text);
  } catch (error) {
    if (error instanceof PyError && error.kind === 'JSONDecodeError') return undefined;
    throw error;
  }
}

export const isDict = (value: PyJson | undefined): value is PyDict => value instanceof Map;

export const typeName = (value: PyJson): string => pyJsonTypeName(value);

/** Python truthiness. */
export function truthy(value: PyJson): boolean {
  if (value === null || value === false) return false;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'bigint') return value !== 0n;
  if (typeof value === 'string' || Array.isArray(value)) return value.length > 0;
  if (isDict(value)) return value.size > 0;
  return true;
}

/** `needle in container` for a string needle. */
export function contains(container: PyJson, needle: string): boolean {
  if (typeof container === 'string') return container.includes(needle);
  if (Array.isArray(container)) return container.some((item) => item === needle);
  if (isDict(container)) return container.has(needle);
  throw new PyError('TypeError', `argument of type '${typeName(container)}' is not iterable`);
}

/** `0 in container`: equal to 0 are `0`, `0.0`, `-0.0` and `False`. */
export function containsZero(container: PyJson): boolean {
  if (typeof container === 'string') throw new PyError('TypeError', "'in <string>' requires string as left operand, not int");
  if (Array.isArray(container)) return container.some((item) => item === 0 || item === 0n || item === false);
  if (isDict(container)) return false;
  throw new PyError('TypeError', `argument of type '${typeName(container)}' is not iterable`);
}

/** `for item in value`: a list's items, a dict's keys, a string's characters. */
export function iterate(value: PyJson): PyJson[] {
  if (Array.isArray(value)) return value;
  if (isDict(value)) return [...value.keys()];
  if (typeof value === 'string') return Array.from(value);
  throw new PyError('TypeError', `'${typeName(value)}' object is not iterable`);
}

/** `len(value)`. */
export function length(value: PyJson): number {
  if (Array.isArray(value)) return value.length;
  if (isDict(value)) return value.size;
  if (typeof value === 'string') return Array.from(value).length;
  throw new PyError('TypeError', `object of type '${typeName(value)}' has no len()`);
}

/** `value[key]` for a string key. */
export function getItem(value: PyJson, key: string): PyJson {
  if (isDict(value)) {
    if (!value.has(key)) throw new PyError('KeyError', pyRepr(key));
    return value.get(key) as PyJson;
  }
  if (Array.isArray(value)) throw new PyError('TypeError', 'list indices must be integers or slices, not str');
  if (typeof value === 'string') throw new PyError('TypeError', "string indices must be integers, not 'str'");
  throw new PyError('TypeError', `'${typeName(value)}' object is not subscriptable`);
}

/** `value.get(key)` (`undefined` for a missing key, which Python returns as the default). */
export function dictGet(value: PyJson, key: string): PyJson | undefined {
  if (!isDict(value)) throw new PyError('AttributeError', `'${typeName(value)}' object has no attribute 'get'`);
  return value.get(key);
}

/** `float(int)`: exact up to rounding, an `OverflowError` past the largest double. */
function intToFloat(value: bigint): number {
  const result = Number(value);
  if (!Number.isFinite(result)) throw new PyError('OverflowError', 'int too large to convert to float');
  return result;
}

/** `float(value)`. */
export function toFloat(value: PyJson): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return intToFloat(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') {
    const parsed = parsePythonFloat(value);
    if (parsed === null) throw new PyError('ValueError', `could not convert string to float: ${pyRepr(value)}`);
    return parsed;
  }
  throw new PyError('TypeError', `float() argument must be a string or a real number, not '${typeName(value)}'`);
}

/** A number as Python compares it with an int (`bool` is an int); `undefined` for other types. */
function numericValue(value: PyJson): number | bigint | undefined {
  if (typeof value === 'boolean') return value ? 1n : 0n;
  return typeof value === 'number' || typeof value === 'bigint' ? value : undefined;
}

/** `low <= value <= high` for ints `low`, `high`: a `TypeError` for a value that is not a number. */
export function intBetween(low: number, value: PyJson, high: number): boolean {
  const number = numericValue(value);
  if (number === undefined) throw new PyError('TypeError', `'<=' not supported between instances of 'int' and '${typeName(value)}'`);
  if (typeof number === 'bigint') return BigInt(low) <= number && number <= BigInt(high);
  return low <= number && number <= high;
}

/** `items[index - 1]` for an index that passed `intBetween(1, index, len)`: a float index is a `TypeError`. */
export function itemAt<T>(items: readonly T[], index: PyJson): T {
  if (typeof index === 'number') throw new PyError('TypeError', 'list indices must be integers or slices, not float');
  return items[Number(index) - 1];
}

/** `value -= 1` (`-` of an int). */
export function minusOne(value: PyJson): PyJson {
  if (typeof value === 'bigint') return value - 1n;
  if (typeof value === 'boolean') return value ? 0n : -1n;
  if (typeof value === 'number') return value - 1;
  throw new PyError('TypeError', `unsupported operand type(s) for -=: '${typeName(value)}' and 'int'`);
}

/**
 * A dict key as Python hashes it: equal numbers (`1`, `1.0`, `True`) are one key, every `NaN` `json.loads` returns is
 * the same object, lists and dicts are unhashable.
 */
export function hashKey(value: PyJson): string {
  if (typeof value === 'string') return `s${value}`;
  if (value === null) return 'None';
  if (Array.isArray(value) || isDict(value)) throw new PyError('TypeError', `unhashable type: '${typeName(value)}'`);
  const number = numericValue(value) as number | bigint;
  if (typeof number === 'number' && Number.isInteger(number)) return `n${BigInt(number)}`;
  return `n${String(number)}`;
}

/** `str(value)`, as an f-string prints it. */
export const str = (value: PyJson): string => pyJsonStr(value);
