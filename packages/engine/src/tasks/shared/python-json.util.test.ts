import { readVectors } from '../../../test/vectors/read-vectors';
import { pyJsonDumps, pyJsonLoads, pyJsonToJs } from './python-json.util';

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
});
