/**
 * Python's `json` module, the one port every scorer and task uses: `json.loads` (CPython's C scanner, strict mode)
 * giving Python values, `==` between them, `str()` and `type().__name__` of them, and `json.dumps` (defaults, or
 * `indent`). Python tells an int from a float, keeps a dict's key order and every digit of an int, and lets
 * `True == 1`; `JSON.parse` does none of that and refuses `NaN`/`Infinity`, which Python accepts.
 */
import { formatPythonFloat } from './python-float.util';
import { pyRepr } from './python-text.util';

/** A value `json.loads` returns: ints as bigint (arbitrary precision), floats as number, objects as an ordered dict. */
export type PyJson = null | boolean | bigint | number | string | PyJson[] | PyDict;
export type PyDict = Map<string, PyJson>;

/** `json.JSONDecodeError`; any other error from `pyJsonLoads` is one Python would not raise as a decode error. */
export class PyJsonDecodeError extends Error {}

/** CPython's limit on digits in an int parsed from a string (`sys.get_int_max_str_digits()`), a ValueError there. */
const INT_MAX_STR_DIGITS = 4300;
const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
/** `_match_number_unicode`: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?`, ASCII digits only. */
const NUMBER = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;

class Scanner {
  constructor(private readonly text: string) {}

  skipWhitespace(index: number): number {
    let i = index;
    while (i < this.text.length && WHITESPACE.has(this.text[i])) i++;
    return i;
  }

  value(index: number): [PyJson, number] {
    const { text } = this;
    const char = text[index];
    if (char === '"') return this.string(index + 1);
    if (char === '{') return this.object(index + 1);
    if (char === '[') return this.array(index + 1);
    for (const [word, value] of [
      ['null', null],
      ['true', true],
      ['false', false],
      ['NaN', Number.NaN],
      ['Infinity', Infinity],
      ['-Infinity', -Infinity],
    ] as const) {
      if (text.startsWith(word, index)) return [value, index + word.length];
    }
    NUMBER.lastIndex = index;
    const match = NUMBER.exec(text);
    if (match === null) throw new PyJsonDecodeError(`Expecting value: char ${index}`);
    const end = index + match[0].length;
    if (match[1] !== undefined || match[2] !== undefined) return [Number(match[0]), end];
    const digits = match[0].replace('-', '').length;
    if (digits > INT_MAX_STR_DIGITS) {
      throw new Error(
        `Exceeds the limit (${INT_MAX_STR_DIGITS} digits) for integer string conversion: value has ${digits} digits; use sys.set_int_max_str_digits() to increase the limit`,
      );
    }
    return [BigInt(match[0]), end];
  }

  string(index: number): [string, number] {
    const { text } = this;
    let out = '';
    let i = index;
    for (;;) {
      if (i >= text.length) throw new PyJsonDecodeError(`Unterminated string starting at: char ${index - 1}`);
      const char = text[i];
      if (char === '"') return [out, i + 1];
      if (char < ' ') throw new PyJsonDecodeError(`Invalid control character at: char ${i}`);
      if (char !== '\\') {
        out += char;
        i++;
        continue;
      }
      const escape = text[i + 1];
      if (escape === 'u') {
        // CPython reports the `u`, and wants a character after the four digits.
        const hex = text.slice(i + 2, i + 6);
        if (i + 6 >= text.length || !HEX4.test(hex)) throw new PyJsonDecodeError(`Invalid \\uXXXX escape: char ${i + 1}`);
        // Code units joined as they come: a surrogate pair becomes its character, a lone surrogate stays one.
        out += String.fromCharCode(Number.parseInt(hex, 16));
        i += 6;
      } else if (escape !== undefined && Object.hasOwn(ESCAPES, escape)) {
        out += ESCAPES[escape];
        i += 2;
      } else {
        throw new PyJsonDecodeError(`Invalid \\escape: char ${i}`);
      }
    }
  }

  array(index: number): [PyJson[], number] {
    const items: PyJson[] = [];
    let i = this.skipWhitespace(index);
    if (this.text[i] === ']') return [items, i + 1];
    for (;;) {
      const [item, end] = this.value(i);
      items.push(item);
      i = this.skipWhitespace(end);
      if (this.text[i] === ']') return [items, i + 1];
      if (this.text[i] !== ',') throw new PyJsonDecodeError(`Expecting ',' delimiter: char ${i}`);
      i = this.skipWhitespace(i + 1);
    }
  }

  object(index: number): [PyDict, number] {
    const dict: PyDict = new Map();
    let i = this.skipWhitespace(index);
    if (this.text[i] === '}') return [dict, i + 1];
    for (;;) {
      if (this.text[i] !== '"') throw new PyJsonDecodeError(`Expecting property name enclosed in double quotes: char ${i}`);
      const [key, keyEnd] = this.string(i + 1);
      i = this.skipWhitespace(keyEnd);
      if (this.text[i] !== ':') throw new PyJsonDecodeError(`Expecting ':' delimiter: char ${i}`);
      const [value, end] = this.value(this.skipWhitespace(i + 1));
      dict.set(key, value);
      i = this.skipWhitespace(end);
      if (this.text[i] === '}') return [dict, i + 1];
      if (this.text[i] !== ',') throw new PyJsonDecodeError(`Expecting ',' delimiter: char ${i}`);
      i = this.skipWhitespace(i + 1);
    }
  }
}

/** `json.loads(text)`: whitespace around one value, nothing else. */
export function pyJsonLoads(text: string): PyJson {
  const scanner = new Scanner(text);
  const [value, end] = scanner.value(scanner.skipWhitespace(0));
  const rest = scanner.skipWhitespace(end);
  if (rest !== text.length) throw new PyJsonDecodeError(`Extra data: char ${rest}`);
  return value;
}

/**
 * Python's `str()` of a `JSONDecodeError` from `pyJsonLoads(text)`: `msg: line L column C (char P)`, positions in code
 * points (this module's messages end in `char P` with P in UTF-16 units).
 */
export function pyJsonDecodeErrorText(text: string, error: PyJsonDecodeError): string {
  const [, msg, at] = /^(.*): char (\d+)$/s.exec(error.message) as RegExpExecArray;
  const before = text.slice(0, Number(at));
  const lastNewline = before.lastIndexOf('\n');
  const codePoints = (part: string) => Array.from(part).length;
  const column = lastNewline === -1 ? codePoints(before) + 1 : codePoints(before.slice(lastNewline));
  return `${msg}: line ${before.split('\n').length} column ${column} (char ${codePoints(before)})`;
}

/** `json.loads(text)` under `except json.JSONDecodeError`: `undefined` for a decode error; any other error is raised. */
export function pyJsonLoadsOrUndefined(text: string): PyJson | undefined {
  try {
    return pyJsonLoads(text);
  } catch (error) {
    if (error instanceof PyJsonDecodeError) return undefined;
    throw error;
  }
}

function isList(value: PyJson): value is PyJson[] {
  return Array.isArray(value);
}

function isDict(value: PyJson): value is PyDict {
  return value instanceof Map;
}

/** A number as Python compares it: bool is an int, an int and a float are compared exactly. */
function numeric(value: PyJson): bigint | number | undefined {
  if (typeof value === 'boolean') return value ? 1n : 0n;
  return typeof value === 'bigint' || typeof value === 'number' ? value : undefined;
}

function numbersEqual(a: bigint | number, b: bigint | number): boolean {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a === b;
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  const [int, float] = (typeof a === 'bigint' ? [a, b] : [b, a]) as [bigint, number];
  return Number.isInteger(float) && BigInt(float) === int;
}

/**
 * An item inside a list or dict: Python checks identity before `==`, and `json.loads` returns its one `NaN` object for
 * every `NaN`, so two parsed NaNs in containers are equal.
 */
function itemsEqual(a: PyJson, b: PyJson): boolean {
  if (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b)) return true;
  return pyJsonEquals(a, b);
}

/** Python `a == b` for values `json.loads` returns. */
export function pyJsonEquals(a: PyJson, b: PyJson): boolean {
  const [x, y] = [numeric(a), numeric(b)];
  if (x !== undefined || y !== undefined) return x !== undefined && y !== undefined && numbersEqual(x, y);
  if (isList(a)) return isList(b) && a.length === b.length && a.every((item, index) => itemsEqual(item, b[index]));
  if (isDict(a)) {
    return isDict(b) && a.size === b.size && [...a].every(([key, item]) => b.has(key) && itemsEqual(item, b.get(key) as PyJson));
  }
  return a === b;
}

/** Python `str(value)` (an f-string's `{value}`), items inside containers as their `repr`. */
export function pyJsonStr(value: PyJson, nested = false): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return formatPythonFloat(value);
  if (typeof value === 'string') return nested ? pyRepr(value) : value;
  if (isList(value)) return `[${value.map((item) => pyJsonStr(item, true)).join(', ')}]`;
  return `{${[...value].map(([key, item]) => `${pyRepr(key)}: ${pyJsonStr(item, true)}`).join(', ')}}`;
}

/** `json.dumps` of a string, with `ensure_ascii` (the default) or without (only `"`, `\\` and controls escaped). */
function dumpsString(text: string, ensureAscii = true): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    const code = text.charCodeAt(i);
    if (char === '"' || char === '\\') out += `\\${char}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (char === '\b') out += '\\b';
    else if (char === '\f') out += '\\f';
    else if (code < 0x20 || (ensureAscii && code > 0x7e)) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += char;
  }
  return `${out}"`;
}

function dumpsFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  return formatPythonFloat(value);
}

export interface PyJsonDumpsOptions {
  /** `indent=`: items on their own lines, `","` between them; without it `", "` on one line. */
  indent?: number;
  /** `ensure_ascii=`: true (the default) writes every non-ASCII character as `\\uXXXX`. */
  ensureAscii?: boolean;
}

/** `json.dumps(value)` with `ensure_ascii` and the default separators, or `json.dumps(value, indent=n)`. */
export function pyJsonDumps(value: PyJson, options: PyJsonDumpsOptions = {}): string {
  const dumps = (item: PyJson, depth: number): string => {
    if (item === null) return 'null';
    if (typeof item === 'boolean') return item ? 'true' : 'false';
    if (typeof item === 'bigint') return item.toString();
    if (typeof item === 'number') return dumpsFloat(item);
    if (typeof item === 'string') return dumpsString(item, options.ensureAscii);
    const parts = isList(item)
      ? item.map((element) => dumps(element, depth + 1))
      : [...item].map(([key, element]) => `${dumpsString(key, options.ensureAscii)}: ${dumps(element, depth + 1)}`);
    const [open, close] = isList(item) ? ['[', ']'] : ['{', '}'];
    if (parts.length === 0) return `${open}${close}`;
    if (options.indent === undefined) return `${open}${parts.join(', ')}${close}`;
    const inner = `\n${' '.repeat(options.indent * (depth + 1))}`;
    return `${open}${inner}${parts.join(`,${inner}`)}\n${' '.repeat(options.indent * depth)}${close}`;
  };
  return dumps(value, 0);
}

/**
 * The Python value of a JavaScript one (a dataset field, `JSON.parse` output, an object we build): a whole number is an
 * int (datasets carry a grid's cells as int64; `JSON.parse` loses `3.0`), other numbers floats, objects dicts; an
 * `undefined` property is left out and an `undefined` item is `null`, as `JSON.stringify` does.
 */
export function pyJsonFromJs(value: unknown): PyJson {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean' || typeof value === 'bigint' || typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(pyJsonFromJs);
  const entries = value instanceof Map ? [...(value as Map<string, unknown>)] : Object.entries(value as Record<string, unknown>);
  return new Map(entries.filter(([, item]) => item !== undefined).map(([key, item]) => [String(key), pyJsonFromJs(item)]));
}

/** The JavaScript value of a Python one (ints past 2^53 round to the nearest double; dicts become plain objects). */
export function pyJsonToJs(value: PyJson): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (isList(value)) return value.map(pyJsonToJs);
  if (isDict(value)) {
    const object: Record<string, unknown> = {};
    // defineProperty: a "__proto__" key is data, as in Python, not the prototype.
    for (const [key, item] of value) Object.defineProperty(object, key, { value: pyJsonToJs(item), enumerable: true, writable: true, configurable: true });
    return object;
  }
  return value;
}

/** `type(value).__name__` of a value `json.loads` returns. */
export function pyJsonTypeName(value: PyJson): string {
  if (value === null) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'bigint') return 'int';
  if (typeof value === 'number') return 'float';
  if (typeof value === 'string') return 'str';
  return isList(value) ? 'list' : 'dict';
}

/** A plain JavaScript object (a JSON object as `JSON.parse` or `pyJsonToJs` gives it, or stored score metadata). */
export const isJsonObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
