/**
 * Python's `json.loads` / `json.dumps` round trip, where it differs from JavaScript's: objects keep their key order
 * (JavaScript moves integer-like keys first), integers keep every digit, floats stay floats (`1.0` is written back as
 * `1.0`, not `1`), and `dumps` writes `", "` / `": "` separators and escapes non-ASCII text (`ensure_ascii=True`).
 */
import { formatPythonFloat } from '../../scorers/python-float.util';

export type PyJson = null | boolean | string | PyInt | PyFloat | PyJson[] | Map<string, PyJson>;

export class PyInt {
  constructor(readonly digits: string) {}
}

export class PyFloat {
  constructor(readonly value: number) {}
}

/** `json.loads(text)` (also Python's `NaN`, `Infinity` and `-Infinity`); throws on what Python refuses. */
export function pyJsonLoads(text: string): PyJson {
  let pos = 0;
  const fail = (what: string): never => {
    throw new Error(`${what} at position ${pos}`);
  };
  const skipSpace = () => {
    while (pos < text.length && ' \t\n\r'.includes(text[pos])) pos += 1;
  };
  const value = (): PyJson => {
    skipSpace();
    const c = text[pos];
    if (c === '{') {
      pos += 1;
      const object = new Map<string, PyJson>();
      skipSpace();
      if (text[pos] === '}') {
        pos += 1;
        return object;
      }
      for (;;) {
        skipSpace();
        if (text[pos] !== '"') fail('Expecting property name enclosed in double quotes');
        const key = string();
        skipSpace();
        if (text[pos] !== ':') fail("Expecting ':' delimiter");
        pos += 1;
        object.set(key, value());
        skipSpace();
        if (text[pos] === ',') pos += 1;
        else if (text[pos] === '}') {
          pos += 1;
          return object;
        } else fail("Expecting ',' delimiter");
      }
    }
    if (c === '[') {
      pos += 1;
      const array: PyJson[] = [];
      skipSpace();
      if (text[pos] === ']') {
        pos += 1;
        return array;
      }
      for (;;) {
        array.push(value());
        skipSpace();
        if (text[pos] === ',') pos += 1;
        else if (text[pos] === ']') {
          pos += 1;
          return array;
        } else fail("Expecting ',' delimiter");
      }
    }
    if (c === '"') return string();
    for (const [word, literal] of [['null', null], ['true', true], ['false', false], ['NaN', new PyFloat(NaN)], ['Infinity', new PyFloat(Infinity)], ['-Infinity', new PyFloat(-Infinity)]] as const) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return literal;
      }
    }
    const number = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/.exec(text.slice(pos));
    if (!number) return fail('Expecting value');
    pos += number[0].length;
    if (number[1] !== undefined || number[2] !== undefined) return new PyFloat(Number(number[0]));
    // Python's int has no negative zero.
    return new PyInt(number[0] === '-0' ? '0' : number[0]);
  };
  const string = (): string => {
    const match = /^"((?:[^"\\\x00-\x1f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*)"/.exec(text.slice(pos));
    if (!match) return fail('Invalid string');
    pos += match[0].length;
    return JSON.parse(match[0]) as string;
  };
  const result = value();
  skipSpace();
  if (pos !== text.length) fail('Extra data');
  return result;
}

function dumpString(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function dumpFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  return formatPythonFloat(value);
}

/** `json.dumps(value)` with its defaults. */
export function pyJsonDumps(value: PyJson): string {
  if (value === null) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'string') return dumpString(value);
  if (value instanceof PyInt) return value.digits;
  if (value instanceof PyFloat) return dumpFloat(value.value);
  if (Array.isArray(value)) return `[${value.map(pyJsonDumps).join(', ')}]`;
  return `{${[...value].map(([key, item]) => `${dumpString(key)}: ${pyJsonDumps(item)}`).join(', ')}}`;
}

/** The JavaScript value of a parsed document (integers past 2^53 round to the nearest double). */
export function pyJsonToJs(value: PyJson): unknown {
  if (value instanceof PyInt) return Number(value.digits);
  if (value instanceof PyFloat) return value.value;
  if (Array.isArray(value)) return value.map(pyJsonToJs);
  if (value instanceof Map) {
    const object: Record<string, unknown> = {};
    // defineProperty: a "__proto__" key is data, as in Python, not the prototype.
    for (const [key, item] of value) Object.defineProperty(object, key, { value: pyJsonToJs(item), enumerable: true, writable: true, configurable: true });
    return object;
  }
  return value;
}
