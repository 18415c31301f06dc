/**
 * ARC-AGI's grid parser and scorer. Expected values were printed by openbench's own `parse_arc_response`
 * (`utils/arc_parsing.py`) and Python's `json`/`==`/`str` under CPython 3.
 */
import type { Sample } from '../types';
import { backscanJsonParser, createArcAgiScorer, extractFromBoxed, parseArcResponse } from './arc-agi.scorer';
import { pyJsonDumps, pyJsonEquals, pyJsonFromJs, pyJsonLoads, pyJsonStr, PyJsonDecodeError, type PyJson } from './python-json.util';

/** A parsed value as Python's `str()` prints it, or `None`. */
const parsed = (response: string) => {
  const grid = parseArcResponse(response);
  return grid === null ? 'None' : pyJsonStr(grid);
};

describe('parse_arc_response', () => {
  it.each([
    ['\\boxed{[]}', '[]'],
    ['x [[1,2],[3]] y', '[[1, 2], [3]]'],
    ['[[true, 1.0]]', '[[True, 1.0]]'],
    ['{"a": [[1]]}', 'None'],
    ['[[1], 2]', 'None'],
    ['[[NaN]]', '[[nan]]'],
    ['[[1,]]', 'None'],
    ['no grid', 'None'],
    ['\\boxed{ [[1, 2]] } and [[3]]', '[[1, 2]]'],
    ['\\boxed{[[1, 2], [3, 4]]}', '[[1, 2], [3, 4]]'],
    ['[[1]] ]', 'None'],
    ['\\boxed{oops} [[5]]', '[[5]]'],
    ['[]', 'None'],
    ['[[]]', '[[]]'],
    ['[["a\\u00e9"]]', "[['aé']]"],
    ['[[01]]', 'None'],
    ['[[1e2, -0]]', '[[100.0, 0]]'],
  ])('%j → %s', (response, expected) => {
    expect(parsed(response)).toBe(expected);
  });

  it('takes the first box only, up to its first closing brace', () => {
    expect(extractFromBoxed('\\boxed{[[1]]} \\boxed{[[2]]}')).toEqual([[1n]]);
    expect(extractFromBoxed('\\boxed{{"a": 1}}')).toBeNull();
    expect(extractFromBoxed('\\boxed{[1, 2]}')).toBeNull();
  });

  it('backscans from the last closing bracket only, counting brackets inside strings too', () => {
    expect(backscanJsonParser('[[1, 2]] then [[3, 4]]')).toEqual([[3n, 4n]]);
    expect(backscanJsonParser('[[4]] and {"grid": 1}')).toBeNull();
    expect(backscanJsonParser('[["]"]]')).toBeNull();
    expect(backscanJsonParser('unbalanced ]]')).toBeNull();
  });
});

describe("Python's json and ==", () => {
  it('parses as json.loads does: ints and floats apart, NaN and Infinity, strict strings, no trailing data', () => {
    expect(pyJsonLoads(' [1, 1.5, -0, 1E400, -Infinity, true, null, "\\ud83d\\ude00"] ')).toEqual([
      1n, 1.5, 0n, Infinity, -Infinity, true, null, '😀',
    ]);
    expect(pyJsonLoads('123456789012345678901234567890')).toBe(123456789012345678901234567890n);
    expect(pyJsonLoads('{"a": 1, "a": 2}')).toEqual(new Map([['a', 2n]]));
    for (const bad of ['[1 2]', '"a\nb"', '[1] x', "['a']", '01', '1.', '-', '{"a" 1}', '"\\x"', '[,]']) {
      expect(() => pyJsonLoads(bad)).toThrow(PyJsonDecodeError);
    }
    // A ValueError in Python, not a JSONDecodeError: upstream's parser does not catch it.
    expect(() => pyJsonLoads('9'.repeat(4301))).toThrow('Exceeds the limit (4300 digits) for integer string conversion');
  });

  it('compares as Python does: True == 1, 1.0 == 1, exact int/float comparison, NaN equal to itself only inside containers', () => {
    const eq = (a: string, b: string) => pyJsonEquals(pyJsonLoads(a), pyJsonLoads(b));
    expect(eq('[[true, 1.0, 0]]', '[[1, 1, false]]')).toBe(true);
    expect(eq('[[100000000000000001]]', '[[1e17]]')).toBe(false);
    expect(eq('[[1], [2]]', '[[1], [2, 3]]')).toBe(false);
    expect(eq('[[NaN]]', '[[NaN]]')).toBe(true);
    expect(eq('NaN', 'NaN')).toBe(false);
    expect(eq('[{"a": [1]}]', '[{"a": [1.0]}]')).toBe(true);
    expect(eq('[["1"]]', '[[1]]')).toBe(false);
  });

  it("prints as Python's str() and json.dumps() do", () => {
    const value: PyJson = [[1, true, null, 'x', new Map<string, PyJson>([['k', 1e20]])]];
    expect(pyJsonStr(value)).toBe("[[1.0, True, None, 'x', {'k': 1e+20}]]");
    expect(pyJsonDumps(pyJsonFromJs([[0, 1], [2, 30]]))).toBe('[[0, 1], [2, 30]]');
    expect(pyJsonDumps(pyJsonFromJs({ a: ['é', '"\n'] }))).toBe('{"a": ["\\u00e9", "\\"\\n"]}');
  });
});

describe('arc_agi_scorer', () => {
  const scorer = createArcAgiScorer();
  const score = (completion: string, target = '[[1, 2], [3, 4]]') =>
    scorer.score({ sample: { id: 1, input: 'q', target } as Sample, completion } as Parameters<typeof scorer.score>[0]);

  it('is correct only on an exact grid match', async () => {
    expect(await score('Answer: \\boxed{[[1, 2], [3, 4]]}')).toEqual({ value: 'C', explanation: 'Predicted grid matches expected grid exactly' });
    expect(await score('[[1, 2], [3, 4.0]]')).toMatchObject({ value: 'C' });
    expect(await score('[[1, 2], [4, 3]]')).toEqual({
      value: 'I',
      explanation: 'Grid mismatch. Expected: [[1, 2], [3, 4]], Got: [[1, 2], [4, 3]]',
    });
    expect(await score('I cannot solve this.')).toEqual({ value: 'I', explanation: 'Could not parse predicted grid from model response' });
  });

  it('reports an unreadable or empty target as upstream does', async () => {
    expect(await score('[[1]]', 'not json')).toEqual({ value: 'I', explanation: 'Could not parse expected grid from target' });
    expect(await score('[[1]]', '')).toEqual({ value: 'I', explanation: 'No expected grid found in target' });
    expect(await score('[[1]]', 'null')).toEqual({ value: 'I', explanation: 'No expected grid found in target' });
  });
});
