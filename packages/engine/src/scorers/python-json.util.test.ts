import { readVectors } from '../../test/vectors/read-vectors';
import { pyJsonDumps, pyJsonFromJs, pyJsonLoads, pyJsonLoadsOrUndefined, pyJsonToJs, pyJsonTypeName, type PyJson } from './python-json.util';

// Python's own json.dumps(json.loads(text)) (test/vectors/json-schema/python-json-vectors.py); null: loads refused it.
const CASES = readVectors<{ text: string; dumps: string | null }>('json-schema/python-json.jsonl');

describe("Python's json.loads / json.dumps", () => {
  it.each(CASES.map((c) => [JSON.stringify(c.text), c.text, c.dumps] as const))('%s', (_, text, dumps) => {
    if (dumps === null) expect(() => pyJsonLoads(text)).toThrow();
    else expect(pyJsonDumps(pyJsonLoads(text))).toBe(dumps);
  });

  it('gives JavaScript values with keys in document order and "__proto__" as data', () => {
    expect(pyJsonToJs(pyJsonLoads('{"b": [1, 2.5], "__proto__": {"x": null}, "a": true}'))).toEqual(
      Object.assign(Object.defineProperty({ b: [1, 2.5] }, '__proto__', { value: { x: null }, enumerable: true, writable: true, configurable: true }), { a: true }),
    );
    expect(Object.keys(pyJsonToJs(pyJsonLoads('{"b": 1, "__proto__": 2, "a": 3}')) as object)).toEqual(['b', '__proto__', 'a']);
  });

  // Expected texts printed by Python 3's json.dumps(json.loads(text), indent=2).
  it('writes json.dumps(value, indent=2)', () => {
    expect(pyJsonDumps(pyJsonLoads('{"time": {"valid": true, "hours": 3, "minutes": 7.5, "seconds": null}, "shift": "caf\\u00e9 \\u007f", "angle": [], "zone": {}}'), { indent: 2 })).toBe(
      '{\n  "time": {\n    "valid": true,\n    "hours": 3,\n    "minutes": 7.5,\n    "seconds": null\n  },\n  "shift": "caf\\u00e9 \\u007f",\n  "angle": [],\n  "zone": {}\n}',
    );
    expect(pyJsonDumps(pyJsonLoads('[1, [2, [3.0]], {"a": NaN}]'), { indent: 2 })).toBe('[\n  1,\n  [\n    2,\n    [\n      3.0\n    ]\n  ],\n  {\n    "a": NaN\n  }\n]');
  });

  // Python: json.dumps({"k\u00e9": ["caf\u00e9 \u007f \u0001\n\\ \" \U0001F600 \u4e2d"], "n": []}, ensure_ascii=False, indent=2).
  it('writes json.dumps(value, ensure_ascii=False): only quotes, backslashes and control characters escaped', () => {
    const value = new Map<string, PyJson>([
      ['k\u00e9', ['caf\u00e9 \u007f \u0001\n\\ " \u{1F600} \u4e2d']],
      ['n', []],
    ]);
    expect(pyJsonDumps(value, { indent: 2, ensureAscii: false })).toBe(
      '{\n  "k\u00e9": [\n    "caf\u00e9 \u007f \\u0001\\n\\\\ \\" \u{1F600} \u4e2d"\n  ],\n  "n": []\n}',
    );
  });

  it('reads a JavaScript value as Python: whole numbers are ints, undefined properties are left out', () => {
    const value = pyJsonFromJs({ grid: [[0, 1.5]], gone: undefined, holes: [undefined], nested: new Map([['k', -0]]) });
    expect(pyJsonDumps(value)).toBe('{"grid": [[0, 1.5]], "holes": [null], "nested": {"k": 0}}');
    expect(pyJsonTypeName(pyJsonFromJs(3))).toBe('int');
    expect(pyJsonTypeName(pyJsonLoads('3.0'))).toBe('float');
  });

  it('gives undefined only for a decode error', () => {
    expect(pyJsonLoadsOrUndefined('{"a": 1,}')).toBeUndefined();
    expect(pyJsonLoadsOrUndefined('NaN')).toBeNaN();
    expect(() => pyJsonLoadsOrUndefined('1'.repeat(4301))).toThrow('Exceeds the limit');
  });
});
